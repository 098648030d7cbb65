import { cmp, compareCodePoints, compareDigits } from './scheme.js'
import type { VersionScheme } from './scheme.js'

/** RubyGems ordering (Gem::Version): numeric and letter segments; a letter segment marks a prerelease. */
export const gemScheme: VersionScheme<readonly (string | number)[]> = {
  id: 'gem',
  parse: (version) => {
    const v = version.trim()
    if (!/^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.test(v)) return null
    const segments = (v.replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d/.test(s) ? Number(s) : s))
    // Canonical segments: trailing zeros dropped from the numeric part and from the string part.
    const firstString = segments.findIndex((s) => typeof s === 'string')
    const numeric = firstString === -1 ? segments : segments.slice(0, firstString)
    const rest = firstString === -1 ? [] : segments.slice(firstString)
    const trim = (xs: (string | number)[]) => {
      while (xs.length > 0 && xs[xs.length - 1] === 0) xs.pop()
      return xs
    }
    return [...trim(numeric), ...trim(rest)]
  },
  compareParsed: (a, b) => {
    const n = Math.max(a.length, b.length)
    for (let i = 0; i < n; i++) {
      const l = a[i] ?? 0
      const r = b[i] ?? 0
      if (l === r) continue
      if (typeof l === 'string' && typeof r === 'number') return -1
      if (typeof l === 'number' && typeof r === 'string') return 1
      return cmp(l, r)
    }
    return 0
  },
}

// PHP version_compare special forms, matched by prefix in this order; unknown words rank lowest.
const phpForms: ReadonlyArray<readonly [string, number]> = [
  ['dev', 0], ['alpha', 1], ['a', 1], ['beta', 2], ['b', 2], ['RC', 3], ['rc', 3], ['#', 4], ['pl', 5], ['p', 5],
]

function phpForm(word: string): number {
  for (const [form, order] of phpForms) if (word.startsWith(form)) return order
  return -6
}

function phpCanonical(version: string): string[] {
  let out = ''
  let prev = ''
  for (const ch of version) {
    const isDigit = ch >= '0' && ch <= '9'
    const prevNonDigit = prev !== '' && !(prev >= '0' && prev <= '9') && prev !== '.'
    const prevDigit = prev >= '0' && prev <= '9' && prev !== ''
    if (out === '') out = ch
    // '#' stays a token (the special form '#', equal to any number), as OSV's Packagist ordering keeps it.
    else if (ch === '-' || ch === '_' || ch === '+' || !/[0-9A-Za-z.#]/.test(ch)) {
      if (!out.endsWith('.')) out += '.'
    } else if ((prevNonDigit && isDigit) || (prevDigit && !isDigit && ch !== '.')) {
      if (!out.endsWith('.')) out += '.'
      out += ch
    } else out += ch
    prev = ch
  }
  return out.split('.')
}

function phpCompareParts(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as string
    const y = b[i] as string
    const xd = /^\d/.test(x)
    const yd = /^\d/.test(y)
    let c: number
    if (xd && yd) c = compareDigits(x.match(/^\d+/)?.[0] ?? '0', y.match(/^\d+/)?.[0] ?? '0')
    else if (!xd && !yd) c = cmp(phpForm(x), phpForm(y))
    else c = xd ? cmp(phpForm('#N#'), phpForm(y)) : cmp(phpForm(x), phpForm('#N#'))
    if (c !== 0) return c
  }
  if (a.length > b.length) {
    const x = a[n] as string
    return /^\d/.test(x) ? 1 : phpCompareParts(a.slice(n), ['#N#'])
  }
  if (b.length > a.length) {
    const y = b[n] as string
    return /^\d/.test(y) ? -1 : phpCompareParts(['#N#'], b.slice(n))
  }
  return 0
}

/** Composer/Packagist ordering: PHP's version_compare after dropping a leading 'v'. */
export const composerScheme: VersionScheme<readonly string[]> = {
  id: 'composer',
  parse: (v) => {
    // Composer reads a '-stable' suffix as the release itself (PHP alone would rank the unknown word lowest).
    const t = v.trim().replace(/^[vV](?=\d)/, '').replace(/[-_.+]?stable$/i, '')
    return t === '' ? null : phpCanonical(t)
  },
  compareParsed: phpCompareParts,
  normalize: (v) => v.trim().replace(/^[vV](?=\d)/, ''),
}

interface ConanKey {
  readonly items: readonly (string | number)[]
  readonly pre: ConanKey | null
  readonly build: ConanKey | null
}

function parseConan(version: string): ConanKey | null {
  let v = version.trim()
  if (v === '') return null
  let build: ConanKey | null = null
  let pre: ConanKey | null = null
  const plus = v.lastIndexOf('+')
  if (plus >= 0) {
    build = parseConan(v.slice(plus + 1)) ?? { items: [], pre: null, build: null }
    v = v.slice(0, plus)
  }
  const dash = v.lastIndexOf('-')
  if (dash >= 0) {
    pre = parseConan(v.slice(dash + 1)) ?? { items: [], pre: null, build: null }
    v = v.slice(0, dash)
  }
  const items: (string | number)[] = v.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  while (items.length > 0 && items[items.length - 1] === 0) items.pop()
  return { items, pre, build }
}

function compareConanItems(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    const c = typeof x === typeof y ? cmp(x, y) : cmp(String(x), String(y))
    if (c !== 0) return c
  }
  return cmp(a.length, b.length)
}

function compareConan(a: ConanKey, b: ConanKey): number {
  const c = compareConanItems(a.items, b.items)
  if (c !== 0) return c
  if (a.pre !== null || b.pre !== null) {
    if (a.pre === null) return 1
    if (b.pre === null) return -1
    const p = compareConan(a.pre, b.pre)
    if (p !== 0) return p
  }
  if (a.build !== null || b.build !== null) {
    if (a.build === null) return -1
    if (b.build === null) return 1
    return compareConan(a.build, b.build)
  }
  return 0
}

/** Conan 2 ordering: dotted items (numbers before... by value, mixed by text), then prerelease, then build. */
export const conanScheme: VersionScheme<ConanKey> = { id: 'conan', parse: parseConan, compareParsed: compareConan }

interface GentooKey {
  readonly numbers: readonly string[]
  readonly letter: string
  readonly suffixes: ReadonlyArray<readonly [number, string]>
  readonly revision: string
}

const gentooPattern = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|p)\d*)*)(?:-r(\d+))?$/
const gentooSuffixRank: Readonly<Record<string, number>> = { alpha: 0, beta: 1, pre: 2, rc: 3, p: 5 }

/** Gentoo (PMS 3.3) version comparison. */
export const gentooScheme: VersionScheme<GentooKey> = {
  id: 'gentoo',
  parse: (version) => {
    const m = gentooPattern.exec(version.trim())
    if (m === null) return null
    const suffixes = (m[3] ?? '')
      .split('_')
      .filter((s) => s !== '')
      .map((s) => {
        const sm = /^([a-z]+)(\d*)$/.exec(s)
        return [gentooSuffixRank[sm?.[1] ?? ''] ?? 0, sm?.[2] || '0'] as const
      })
    return { numbers: (m[1] as string).split('.'), letter: m[2] ?? '', suffixes, revision: m[4] ?? '0' }
  },
  compareParsed: (a, b) => {
    const c0 = compareDigits(a.numbers[0] ?? '0', b.numbers[0] ?? '0')
    if (c0 !== 0) return c0
    const n = Math.min(a.numbers.length, b.numbers.length)
    for (let i = 1; i < n; i++) {
      const x = a.numbers[i] as string
      const y = b.numbers[i] as string
      // A component with a leading zero compares as a decimal fraction (trailing zeros stripped).
      const c = x.startsWith('0') || y.startsWith('0') ? cmp(x.replace(/0+$/, ''), y.replace(/0+$/, '')) : compareDigits(x, y)
      if (c !== 0) return c
    }
    if (a.numbers.length !== b.numbers.length) return cmp(a.numbers.length, b.numbers.length)
    if (a.letter !== b.letter) return cmp(a.letter, b.letter)
    const m = Math.max(a.suffixes.length, b.suffixes.length)
    for (let i = 0; i < m; i++) {
      const x = a.suffixes[i]
      const y = b.suffixes[i]
      if (x === undefined || y === undefined) {
        // A missing suffix ranks between the prerelease suffixes and _p.
        const other = (x ?? y) as readonly [number, string]
        const r = other[0] === 5 ? -1 : 1
        return x === undefined ? r : -r
      }
      if (x[0] !== y[0]) return cmp(x[0], y[0])
      const c = compareDigits(x[1], y[1])
      if (c !== 0) return c
    }
    return compareDigits(a.revision, b.revision)
  },
}

interface OpensslKey {
  readonly numbers: readonly number[]
  readonly letters: string
}

/** OpenSSL ordering: numeric parts, then the legacy letter suffix (1.0.2 < 1.0.2a < 1.0.2z < 1.0.2za). */
export const opensslScheme: VersionScheme<OpensslKey> = {
  id: 'openssl',
  parse: (version) => {
    const m = /^(\d+(?:\.\d+)*)([a-z]*)$/.exec(version.trim())
    return m === null ? null : { numbers: (m[1] as string).split('.').map(Number), letters: m[2] ?? '' }
  },
  compareParsed: (a, b) => {
    const n = Math.max(a.numbers.length, b.numbers.length)
    for (let i = 0; i < n; i++) {
      const c = cmp(a.numbers[i] ?? 0, b.numbers[i] ?? 0)
      if (c !== 0) return c
    }
    return a.letters.length !== b.letters.length && (a.letters === '' || b.letters === '')
      ? cmp(a.letters.length, b.letters.length)
      : cmp(a.letters, b.letters)
  },
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/** RFC 3339 timestamps ordered as instants (uppercase T and Z, as vers requires). */
export const datetimeScheme: VersionScheme<readonly [number, number]> = {
  id: 'datetime',
  parse: (version) => {
    const m = rfc3339.exec(version)
    if (m === null) return null
    const millis = Date.parse(version)
    if (Number.isNaN(millis)) return null
    // Sub-millisecond digits are kept apart so that precision beyond Date's is not lost.
    const fraction = Number(((m[7] ?? '.0') + '000000000').slice(0, 10).replace('.', '0.'))
    return [Math.floor(millis / 1000), fraction]
  },
  compareParsed: (a, b) => (a[0] !== b[0] ? cmp(a[0], b[0]) : cmp(a[1], b[1])),
}

/** Plain code-point ordering of the version strings. */
export const lexicographicScheme: VersionScheme<string> = {
  id: 'lexicographic',
  parse: (v) => v,
  compareParsed: compareCodePoints,
}

/** Generic semver-like ordering: numeric runs by value, other runs by text; a letter run after numbers is a prerelease. */
export const genericScheme: VersionScheme<readonly (string | number)[]> = {
  id: 'generic',
  parse: (version) => {
    const v = version.trim().replace(/^[vV](?=\d)/, '').replace(/\+.*$/, '')
    if (v === '') return null
    return (v.match(/\d+|[A-Za-z]+/g) ?? []).map((s) => (/^\d/.test(s) ? Number(s) : s.toLowerCase()))
  },
  compareParsed: (a, b) => {
    const n = Math.max(a.length, b.length)
    for (let i = 0; i < n; i++) {
      const x = a[i]
      const y = b[i]
      if (x === y) continue
      // Missing parts count as 0 against numbers; against a word the shorter (final) release is newer.
      if (x === undefined) {
        if (y === 0) continue
        return typeof y === 'number' ? -1 : 1
      }
      if (y === undefined) {
        if (x === 0) continue
        return typeof x === 'number' ? 1 : -1
      }
      if (typeof x !== typeof y) return typeof x === 'number' ? 1 : -1
      return cmp(x, y)
    }
    return 0
  },
}
