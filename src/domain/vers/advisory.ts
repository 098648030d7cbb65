import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { parseCpe } from '../cpe/index.js'
import { schemeFor, schemeNameFor } from '../versions/index.js'
import { versFromConstraints } from './vers.js'
import type { VersConstraint, VersRange } from './vers.js'

/** One OSV `affected[].ranges[]` entry, as the OSV schema defines it. */
export interface OsvRange {
  readonly type: string
  readonly repo?: string
  readonly events: ReadonlyArray<{
    readonly introduced?: string
    readonly fixed?: string
    readonly last_affected?: string
    readonly limit?: string
  }>
}

/**
 * Converts an OSV range (SEMVER or ECOSYSTEM) into a vers range in the ecosystem's scheme. GIT ranges name commits,
 * which have no version order: they are reported as `osv_range_not_version_comparable`.
 */
export function osvRangeToVers(ecosystem: string, range: OsvRange): Result<VersRange> {
  if (range.type === 'GIT') {
    return fail(problem('osv_range_not_version_comparable', 'a GIT range names commits, which cannot be compared as versions', { repo: range.repo }))
  }
  if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') {
    return fail(problem('osv_range_unsupported_type', `unknown OSV range type '${range.type}'`))
  }
  const schemeName = range.type === 'SEMVER' && schemeNameFor(ecosystem) === 'generic' ? 'semver' : schemeNameFor(ecosystem)
  const scheme = schemeFor(schemeName)
  const normalize = (v: string) => (range.type === 'SEMVER' ? v.replace(/^v/, '') : scheme.normalize?.(v) ?? v)
  // Events are applied in version order ("introduced: 0" first), as the OSV evaluation algorithm requires.
  const events = range.events
    .flatMap((e) => Object.entries(e).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    .map(([kind, version]) => ({ kind, version, key: version === '0' ? null : scheme.parse(normalize(version)) }))
  for (const e of events) {
    if (e.version !== '0' && e.key === null) {
      return fail(problem('osv_range_invalid_version', `'${e.version}' is not a valid ${schemeName} version`))
    }
  }
  events.sort((a, b) => (a.key === null ? (b.key === null ? 0 : -1) : b.key === null ? 1 : scheme.compareParsed(a.key, b.key)))
  const limits = events.filter((e) => e.kind === 'limit')
  const constraints: VersConstraint[] = []
  let open: { version: string } | null = null
  for (const e of events) {
    if (e.kind === 'introduced') {
      if (open !== null) continue
      open = { version: e.version }
      if (e.version !== '0') constraints.push({ comparator: '>=', version: normalize(e.version) })
    } else if ((e.kind === 'fixed' || e.kind === 'last_affected') && open !== null) {
      constraints.push({ comparator: e.kind === 'fixed' ? '<' : '<=', version: normalize(e.version) })
      open = null
    }
  }
  if (open !== null && limits.length > 0) {
    const first = limits[0] as { version: string }
    constraints.push({ comparator: '<', version: normalize(first.version) })
    open = null
  }
  if (constraints.length === 0) {
    if (open !== null) return ok({ scheme: schemeName, star: true, constraints: [] })
    return fail(problem('osv_range_empty', 'the range has no introduced event'))
  }
  return ok(versFromConstraints(schemeName, constraints))
}

/** The version bounds of an NVD `cpeMatch` entry (NVD API 2.0 names). */
export interface NvdCpeMatch {
  readonly criteria: string
  readonly versionStartIncluding?: string
  readonly versionStartExcluding?: string
  readonly versionEndIncluding?: string
  readonly versionEndExcluding?: string
}

/**
 * Converts an NVD cpeMatch into a vers range: its version bounds, or else the CPE's own version attribute
 * ('*' is every version; '-' (not applicable) and other values are exact).
 */
export function nvdCpeMatchToVers(match: NvdCpeMatch, scheme = 'generic'): Result<VersRange> {
  const constraints: VersConstraint[] = []
  if (match.versionStartIncluding) constraints.push({ comparator: '>=', version: match.versionStartIncluding })
  if (match.versionStartExcluding) constraints.push({ comparator: '>', version: match.versionStartExcluding })
  if (match.versionEndIncluding) constraints.push({ comparator: '<=', version: match.versionEndIncluding })
  if (match.versionEndExcluding) constraints.push({ comparator: '<', version: match.versionEndExcluding })
  if (constraints.length > 0) return ok(versFromConstraints(scheme, constraints))
  const name = parseCpe(match.criteria)
  if (!name.ok) return name
  const version = name.value.version
  // '*' (ANY) and '-' (not applicable: the product has no versions) both cover every version of the product.
  if (version.kind !== 'value') return ok({ scheme, star: true, constraints: [] })
  if (version.lead !== '' || version.trail !== '') {
    return fail(problem('cpe_version_wildcard', `the CPE version '${version.lead}${version.literal}${version.trail}' has wildcards, which vers cannot express`))
  }
  return ok(versFromConstraints(scheme, [{ comparator: '=', version: version.literal }]))
}
