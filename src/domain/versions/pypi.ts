import { cmp } from './scheme.js'
import type { VersionScheme } from './scheme.js'

/** A parsed PEP 440 version. */
export interface PypiKey {
  readonly epoch: number
  readonly release: readonly number[]
  /** Prerelease phase (0 a, 1 b, 2 rc) and number, or null. */
  readonly pre: readonly [number, number] | null
  readonly post: number | null
  readonly dev: number | null
  readonly local: readonly (string | number)[] | null
}

// PEP 440 "Appendix B" pattern, case-insensitive, with the normalisation spellings it allows.
const pattern = new RegExp(
  '^\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)' +
    '(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?' +
    '(?:(?:-(\\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\\d+)?))?' +
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'i',
)

const phases: Readonly<Record<string, number>> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 }
const phaseNames = ['a', 'b', 'rc'] as const

/** Parses a PEP 440 version (any of the spellings PEP 440 normalises). */
export function parsePypi(version: string): PypiKey | null {
  const m = pattern.exec(version)
  if (m === null) return null
  const phase = m[3]?.toLowerCase()
  return {
    epoch: m[1] === undefined ? 0 : Number(m[1]),
    release: (m[2] as string).split('.').map(Number),
    pre: phase === undefined ? null : [phases[phase] ?? 0, Number(m[4] ?? 0)],
    post: m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[7] ?? 0) : null,
    dev: m[8] !== undefined ? Number(m[9] ?? 0) : null,
    local: m[10] === undefined ? null : m[10].toLowerCase().split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  }
}

/** Prints a parsed version in PEP 440 normal form. */
export function formatPypi(key: PypiKey): string {
  let out = key.epoch !== 0 ? `${key.epoch}!` : ''
  out += key.release.join('.')
  if (key.pre !== null) out += phaseNames[key.pre[0]] + String(key.pre[1])
  if (key.post !== null) out += `.post${key.post}`
  if (key.dev !== null) out += `.dev${key.dev}`
  if (key.local !== null) out += '+' + key.local.join('.')
  return out
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = cmp(a[i] ?? 0, b[i] ?? 0)
    if (c !== 0) return c
  }
  return 0
}

// Sort keys as in PEP 440: a dev release with no pre/post sorts before any prerelease of the same release.
function preRank(k: PypiKey): readonly [number, number] {
  if (k.pre === null && k.post === null && k.dev !== null) return [-1, 0]
  if (k.pre === null) return [3, 0]
  return k.pre
}

function compareLocal(a: PypiKey['local'], b: PypiKey['local']): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : -1) : 1
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    if (typeof x !== typeof y) return typeof x === 'number' ? 1 : -1
    const c = cmp(x, y)
    if (c !== 0) return c
  }
  return cmp(a.length, b.length)
}

/** Orders two parsed PEP 440 versions. */
export function comparePypi(a: PypiKey, b: PypiKey): number {
  if (a.epoch !== b.epoch) return cmp(a.epoch, b.epoch)
  const r = compareRelease(a.release, b.release)
  if (r !== 0) return r
  const pa = preRank(a)
  const pb = preRank(b)
  if (pa[0] !== pb[0]) return cmp(pa[0], pb[0])
  if (pa[1] !== pb[1]) return cmp(pa[1], pb[1])
  const posta = a.post ?? -1
  const postb = b.post ?? -1
  if (posta !== postb) return cmp(posta, postb)
  const deva = a.dev ?? Infinity
  const devb = b.dev ?? Infinity
  if (deva !== devb) return cmp(deva, devb)
  return compareLocal(a.local, b.local)
}

/** PEP 440 ordering (PyPI). */
export const pypiScheme: VersionScheme<PypiKey> = {
  id: 'pypi',
  parse: parsePypi,
  compareParsed: comparePypi,
  normalize: (v) => {
    const key = parsePypi(v)
    return key === null ? v : formatPypi(key)
  },
}
