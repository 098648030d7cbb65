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
  /** Sort rank of the prerelease part: -1 dev-only release, 0-2 a/b/rc, 3 final; and its number. */
  readonly preRank: number
  readonly preNumber: number
}


// Reads '1.2.3' into [1, 2, 3]; null for anything else.
function readPlainRelease(version: string): number[] | null {
  const out: number[] = []
  let value = 0
  let digits = 0
  for (let i = 0; i < version.length; i++) {
    const c = version.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48)
      digits++
    } else if (c === 46 && digits > 0) {
      out.push(value)
      value = 0
      digits = 0
    } else return null
  }
  if (digits === 0) return null
  out.push(value)
  return out
}
// Versions already in PEP 440 normal form (without epoch or local part) take a cheaper pattern.
const normalForm = /^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$/

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
  // Most versions are plain releases: read them without a pattern.
  const release = readPlainRelease(version)
  if (release !== null) return { epoch: 0, release, pre: null, post: null, dev: null, local: null, preRank: 3, preNumber: 0 }
  const n = normalForm.exec(version)
  if (n !== null) {
    const pre: readonly [number, number] | null = n[2] === undefined ? null : [phases[n[2]] ?? 0, Number(n[3])]
    const post = n[4] === undefined ? null : Number(n[4])
    const dev = n[5] === undefined ? null : Number(n[5])
    return {
      epoch: 0, release: (n[1] as string).split('.').map(Number), pre, post, dev, local: null,
      preRank: pre !== null ? pre[0] : post === null && dev !== null ? -1 : 3,
      preNumber: pre !== null ? pre[1] : 0,
    }
  }
  const m = pattern.exec(version)
  if (m === null) return null
  const phase = m[3]?.toLowerCase()
  const pre: readonly [number, number] | null = phase === undefined ? null : [phases[phase] ?? 0, Number(m[4] ?? 0)]
  const post = m[5] !== undefined ? Number(m[5]) : m[6] !== undefined ? Number(m[7] ?? 0) : null
  const dev = m[8] !== undefined ? Number(m[9] ?? 0) : null
  // As in PEP 440: a dev release with no pre/post part sorts before any prerelease of the same release.
  const preRank = pre !== null ? pre[0] : post === null && dev !== null ? -1 : 3
  return {
    epoch: m[1] === undefined ? 0 : Number(m[1]),
    release: (m[2] as string).split('.').map(Number),
    pre,
    post,
    dev,
    local: m[10] === undefined ? null : m[10].toLowerCase().split(/[-_.]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
    preRank,
    preNumber: pre !== null ? pre[1] : 0,
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
  const n = a.length > b.length ? a.length : b.length
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? (a[i] as number) : 0
    const y = i < b.length ? (b[i] as number) : 0
    if (x !== y) return x < y ? -1 : 1
  }
  return 0
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
  if (a.preRank !== b.preRank) return cmp(a.preRank, b.preRank)
  if (a.preNumber !== b.preNumber) return cmp(a.preNumber, b.preNumber)
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
