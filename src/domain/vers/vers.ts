import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { schemeFor } from '../versions/index.js'
import type { VersionScheme } from '../versions/index.js'

/** A vers comparator. */
export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>='

/** One vers constraint: a comparator and a (decoded) version. */
export interface VersConstraint {
  readonly comparator: Comparator
  readonly version: string
}

/** A vers range: its scheme and constraints; `star` means every version (and then there are no constraints). */
export interface VersRange {
  readonly scheme: string
  readonly star: boolean
  readonly constraints: readonly VersConstraint[]
}

/** How strictly to read a vers string: 'canonical' rejects anything not already in canonical form. */
export type VersParseMode = 'lenient' | 'canonical'

const comparators: readonly Comparator[] = ['>=', '<=', '!=', '<', '>', '=']
const schemePattern = /^[a-z][a-z0-9.+-]*$/
// Characters that a canonical vers version must percent-encode (everything else must be left as is).
const mustEncode = /[%|<>=!*\s/]/

/** Parses a vers string; in 'canonical' mode whitespace, empty constraints, bad or needless encodings and unsorted constraints are errors. */
export function parseVers(text: string, mode: VersParseMode = 'lenient'): Result<VersRange> {
  const strict = mode === 'canonical'
  if (strict && /\s/.test(text)) return fail(problem('vers_not_canonical', 'non-canonical vers: whitespace is not permitted'))
  const input = strict ? text : text.replace(/\s+/g, '')
  const colon = input.indexOf(':')
  if (colon < 0 || input.slice(0, colon).toLowerCase() !== 'vers') return fail(problem('vers_invalid_scheme', "a vers must start with 'vers:'"))
  const slash = input.indexOf('/', colon + 1)
  if (slash < 0) return fail(problem('vers_invalid', 'a vers needs a scheme and constraints separated by /'))
  const scheme = input.slice(colon + 1, slash).toLowerCase()
  if (!schemePattern.test(scheme)) return fail(problem('vers_invalid_scheme', `'${scheme}' is not a valid vers scheme name`))
  const body = input.slice(slash + 1)
  if (body === '') return fail(problem('vers_empty', 'a vers needs at least one constraint'))
  if (body === '*') return ok({ scheme, star: true, constraints: [] })
  if (strict) {
    if (body.startsWith('|')) return fail(problem('vers_not_canonical', 'non-canonical vers: leading pipe is not permitted'))
    if (body.endsWith('|')) return fail(problem('vers_not_canonical', 'non-canonical vers: trailing pipe is not permitted'))
    if (body.includes('||')) return fail(problem('vers_not_canonical', 'non-canonical vers: consecutive pipes are not permitted'))
  }
  const constraints: VersConstraint[] = []
  for (const part of body.split('|')) {
    if (part === '') continue
    if (part === '*') return fail(problem('vers_invalid', "'*' must be the only constraint"))
    const comparator = comparators.find((c) => part.startsWith(c)) ?? '='
    const raw = comparator === '=' && !part.startsWith('=') ? part : part.slice(comparator.length)
    const version = decodeVersion(raw, scheme, strict)
    if (!version.ok) return version
    if (version.value === '') return fail(problem('vers_invalid', `the constraint '${part}' has no version`))
    constraints.push({ comparator, version: version.value })
  }
  if (constraints.length === 0) return fail(problem('vers_empty', 'a vers needs at least one constraint'))
  // Versions are checked against the scheme when the range is compiled (contains), not here: a vers may name a
  // scheme we do not order, and its text must still round-trip.
  const range: VersRange = { scheme, star: false, constraints }
  if (strict) {
    const sorted = sortConstraints(range)
    if (sorted.constraints.some((c, i) => c !== constraints[i])) {
      return fail(problem('vers_not_canonical', 'non-canonical vers: constraints are not sorted by version'))
    }
    return ok(range)
  }
  return ok(sortConstraints(range))
}

function decodeVersion(raw: string, scheme: string, strict: boolean): Result<string> {
  if (strict && scheme === 'datetime' && /[tz]/.test(raw.replace(/%[0-9A-Fa-f]{2}/g, ''))) {
    return fail(problem('vers_not_canonical', 'non-canonical vers: datetime must use uppercase T and Z'))
  }
  if (!raw.includes('%')) return ok(raw)
  if (/%(?![0-9A-Fa-f]{2})/.test(raw)) return fail(problem('vers_invalid_encoding', 'non-canonical vers: invalid percent-encoding in version'))
  if (strict) {
    if (/%(?:[0-9A-F][a-f]|[a-f][0-9A-Fa-f])/.test(raw)) {
      return fail(problem('vers_not_canonical', 'non-canonical vers: percent-encoding in version is not canonical'))
    }
    for (const m of raw.matchAll(/%([0-9A-F]{2})/g)) {
      const ch = String.fromCharCode(parseInt(m[1] as string, 16))
      if (ch === ':' && scheme === 'datetime') return fail(problem('vers_not_canonical', 'non-canonical vers: datetime time colons must be unencoded'))
      if (parseInt(m[1] as string, 16) < 0x80 && !mustEncode.test(ch)) {
        return fail(problem('vers_not_canonical', `non-canonical vers: '${ch}' must not be percent-encoded`))
      }
    }
  }
  try {
    return ok(decodeURIComponent(raw))
  } catch {
    return fail(problem('vers_invalid_encoding', 'non-canonical vers: invalid percent-encoding in version'))
  }
}

/** Sorts constraints by version in the range's scheme (ties by comparator text), keeping duplicates. */
export function sortConstraints(range: VersRange): VersRange {
  const scheme = schemeFor(range.scheme)
  const keyed = range.constraints.map((c) => ({ c, k: scheme.parse(c.version) }))
  keyed.sort((a, b) => {
    if (a.k === null || b.k === null) return 0
    const v = scheme.compareParsed(a.k, b.k)
    if (v !== 0) return v
    return a.c.comparator < b.c.comparator ? -1 : a.c.comparator > b.c.comparator ? 1 : 0
  })
  return { ...range, constraints: keyed.map((x) => x.c) }
}

/** Prints a range as a canonical vers string (constraints in their current order; call sortConstraints first if needed). */
export function formatVers(range: VersRange): string {
  if (range.star) return `vers:${range.scheme}/*`
  const parts = range.constraints.map((c) => (c.comparator === '=' ? '' : c.comparator) + encodeVersion(c.version))
  return `vers:${range.scheme}/${parts.join('|')}`
}

function encodeVersion(version: string): string {
  return version.replace(/[%|<>=!*\s/]/g, (ch) => '%' + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
}

/** Builds a range from constraints, sorted into canonical order. */
export function versFromConstraints(scheme: string, constraints: readonly VersConstraint[]): VersRange {
  return sortConstraints({ scheme, star: false, constraints })
}

const isLower = (c: Comparator) => c === '>' || c === '>='
const isUpper = (c: Comparator) => c === '<' || c === '<='

/**
 * Simplifies a range as the vers spec describes: of two neighbouring lower bounds the second is redundant, of two
 * neighbouring upper bounds the first is; '=' and '!=' constraints are kept apart.
 */
export function simplifyVers(range: VersRange): VersRange {
  if (range.star) return range
  const sorted = sortConstraints(range).constraints
  const pointwise = sorted.filter((c) => c.comparator === '=' || c.comparator === '!=')
  let bounds = sorted.filter((c) => c.comparator !== '=' && c.comparator !== '!=')
  let changed = true
  while (changed) {
    changed = false
    for (let i = 0; i + 1 < bounds.length; i++) {
      const current = bounds[i] as VersConstraint
      const next = bounds[i + 1] as VersConstraint
      if (isLower(current.comparator) && isLower(next.comparator)) {
        bounds = [...bounds.slice(0, i + 1), ...bounds.slice(i + 2)]
        changed = true
        break
      }
      if (isUpper(current.comparator) && isUpper(next.comparator)) {
        bounds = [...bounds.slice(0, i), ...bounds.slice(i + 1)]
        changed = true
        break
      }
    }
  }
  return sortConstraints({ ...range, constraints: [...pointwise, ...bounds] })
}

interface Interval<K> {
  readonly lower: K | null
  readonly lowerInclusive: boolean
  readonly upper: K | null
  readonly upperInclusive: boolean
}

/** A range prepared for fast containment checks: bounds parsed once, printable as its normalised vers. */
export interface CompiledVers {
  readonly range: VersRange
  readonly normalized: string
  /** Whether the version lies in the range; an invalid version is a problem, never a silent false. */
  readonly contains: (version: string) => Result<boolean>
  /** Same as contains, for a version already parsed with this range's scheme. */
  readonly containsParsed: (key: unknown) => boolean
  readonly scheme: VersionScheme
}

const inRange = ok(true)
const outOfRange = ok(false)

/** Pre-parses a range (simplifying it) so that many versions can be tested against it cheaply. */
export function compileVers(range: VersRange): Result<CompiledVers> {
  const scheme = schemeFor(range.scheme)
  const simplified = simplifyVers(range)
  const equals: unknown[] = []
  const notEquals: unknown[] = []
  const bounds: Array<{ comparator: Comparator; key: unknown }> = []
  for (const c of simplified.constraints) {
    const key = scheme.parse(c.version)
    if (key === null) return fail(problem('vers_invalid_version', `'${c.version}' is not a valid ${range.scheme} version`))
    if (c.comparator === '=') equals.push(key)
    else if (c.comparator === '!=') notEquals.push(key)
    else bounds.push({ comparator: c.comparator, key })
  }
  const intervals: Interval<unknown>[] = []
  for (let i = 0; i < bounds.length; i++) {
    const b = bounds[i] as { comparator: Comparator; key: unknown }
    if (isLower(b.comparator)) {
      const next = bounds[i + 1]
      if (next !== undefined && isUpper(next.comparator)) {
        intervals.push({ lower: b.key, lowerInclusive: b.comparator === '>=', upper: next.key, upperInclusive: next.comparator === '<=' })
        i++
      } else intervals.push({ lower: b.key, lowerInclusive: b.comparator === '>=', upper: null, upperInclusive: false })
    } else intervals.push({ lower: null, lowerInclusive: false, upper: b.key, upperInclusive: b.comparator === '<=' })
  }
  const compare = scheme.compareParsed
  // With only '!=' constraints every other version is in the range.
  const onlyExclusions = equals.length === 0 && intervals.length === 0 && notEquals.length > 0
  const containsParsed = (key: unknown): boolean => {
    if (range.star) return true
    for (const e of equals) if (compare(key, e) === 0) return true
    for (const e of notEquals) if (compare(key, e) === 0) return false
    if (onlyExclusions) return true
    for (const r of intervals) {
      if (r.lower !== null) {
        const c = compare(key, r.lower)
        if (c < 0 || (c === 0 && !r.lowerInclusive)) continue
      }
      if (r.upper !== null) {
        const c = compare(key, r.upper)
        if (c > 0 || (c === 0 && !r.upperInclusive)) continue
      }
      return true
    }
    return false
  }
  return ok({
    range: simplified,
    normalized: formatVers(simplified),
    scheme,
    containsParsed,
    contains: (version) => {
      const key = scheme.parse(version)
      if (key === null) return fail(problem('version_invalid', `'${version}' is not a valid ${range.scheme} version`))
      return containsParsed(key) ? inRange : outOfRange
    },
  })
}

/** Parses a vers string and tells whether a version lies in it. */
export function versContains(vers: string, version: string): Result<boolean> {
  const parsed = parseVers(vers)
  if (!parsed.ok) return parsed
  const compiled = compileVers(parsed.value)
  return compiled.ok ? compiled.value.contains(version) : compiled
}
