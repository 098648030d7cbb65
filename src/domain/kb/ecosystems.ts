import { parsePurl } from '../purl/index.js'
import type { PurlTypeDefinition } from '../purl/index.js'
import { purlTypeDefinitions } from '../purl/type-definitions.generated.js'

/** Where an OSV ecosystem name puts a package: its purl type, a namespace when the ecosystem implies one, and a release. */
export interface EcosystemPlacement {
  readonly purlType: string | null
  readonly namespace: string | null
  readonly release: string | null
}

// OSV ecosystem (before ':') -> purl type and the namespace a distribution implies.
const ecosystemTypes: Readonly<Record<string, readonly [string, string | null]>> = {
  npm: ['npm', null],
  pypi: ['pypi', null],
  maven: ['maven', null],
  go: ['golang', null],
  'crates.io': ['cargo', null],
  rubygems: ['gem', null],
  packagist: ['composer', null],
  nuget: ['nuget', null],
  hex: ['hex', null],
  pub: ['pub', null],
  swifturl: ['swift', null],
  'github actions': ['github', null],
  conancenter: ['conan', null],
  cran: ['cran', null],
  hackage: ['hackage', null],
  debian: ['deb', 'debian'],
  ubuntu: ['deb', 'ubuntu'],
  alpine: ['apk', 'alpine'],
  wolfi: ['apk', 'wolfi'],
  chainguard: ['apk', 'chainguard'],
  'red hat': ['rpm', 'redhat'],
  'rocky linux': ['rpm', 'rocky-linux'],
  almalinux: ['rpm', 'almalinux'],
  suse: ['rpm', 'suse'],
  opensuse: ['rpm', 'opensuse'],
  mageia: ['rpm', 'mageia'],
  'photon os': ['rpm', 'photon'],
  'azure linux': ['rpm', 'azure-linux'],
  openeuler: ['rpm', 'openeuler'],
}

/** The purl type, implied namespace and release of an OSV ecosystem name such as 'PyPI' or 'Debian:11'. */
export function placeEcosystem(ecosystem: string): EcosystemPlacement {
  const colon = ecosystem.indexOf(':')
  const base = (colon < 0 ? ecosystem : ecosystem.slice(0, colon)).trim().toLowerCase()
  const release = colon < 0 ? null : ecosystem.slice(colon + 1).trim() || null
  const known = ecosystemTypes[base]
  return known ? { purlType: known[0], namespace: known[1], release } : { purlType: null, namespace: null, release }
}

/** Splits an ecosystem package name into a purl namespace and name (Maven 'g:a', Go and Packagist paths, npm scopes). */
export function splitPackageName(purlType: string, name: string): { readonly namespace: string | null; readonly name: string } {
  if (purlType === 'maven') {
    const colon = name.indexOf(':')
    return colon < 0 ? { namespace: null, name } : { namespace: name.slice(0, colon), name: name.slice(colon + 1) }
  }
  if (purlType === 'golang' || purlType === 'composer' || purlType === 'npm' || purlType === 'github' || purlType === 'swift') {
    const slash = name.lastIndexOf('/')
    return slash < 0 ? { namespace: null, name } : { namespace: name.slice(0, slash), name: name.slice(slash + 1) }
  }
  return { namespace: null, name }
}

// Ecosystems whose registries treat names case-insensitively (and PyPI also '-', '_' and '.' alike).
const caseInsensitive = new Set(['pypi', 'npm', 'nuget', 'composer', 'github', 'deb', 'apk', 'cargo', 'hex', 'pub'])

/** The lookup key of a package: type, namespace and name, normalised as the ecosystem compares names. */
export function packageKey(purlType: string, namespace: string | null, name: string): string {
  const fold = caseInsensitive.has(purlType)
  let n = fold ? name.toLowerCase() : name
  if (purlType === 'pypi') n = n.replace(/[-_.]+/g, '-')
  if (purlType === 'cargo') n = n.replace(/_/g, '-')
  const ns = namespace === null ? '' : fold || purlType === 'rpm' ? namespace.toLowerCase() : namespace
  return `${purlType}/${ns}/${n}`
}

/** The matching identity of a purl: package key, type, version and distro qualifier. */
export interface PurlIdentity {
  readonly key: string
  readonly type: string
  readonly version: string | null
  readonly distro: string | null
}

// Purls outside the plain form go through the full parser; a bounded memo keeps that (pure) parse off the warm path.
const identityCache = new Map<string, PurlIdentity | null>()
const identityCacheLimit = 200_000

/** The package key, version and distro qualifier of a purl string, or null when it does not parse. */
export function purlIdentity(purl: string): PurlIdentity | null {
  const plain = plainPurlIdentity(purl)
  if (plain !== undefined) return plain
  const cached = identityCache.get(purl)
  if (cached !== undefined) return cached
  const parsed = parsePurl(purl)
  const p = parsed.ok ? parsed.value : null
  const identity = p ? { key: packageKey(p.type, p.namespace, p.name), type: p.type, version: p.version, distro: p.qualifiers?.['distro'] ?? null } : null
  if (identityCache.size >= identityCacheLimit) identityCache.clear()
  identityCache.set(purl, identity)
  return identity
}

// Types whose rules the plain reader applies itself: every registered type except those with name or version
// patterns, required qualifiers or a special name rule (they go through the full parser), plus unregistered types
// (which have no rules).
const plainRules = new Map<string, PurlTypeDefinition>()
const parserOnlyTypes = new Set<string>(['git', 'cpan', 'mlflow', 'pub'])
for (const d of purlTypeDefinitions) {
  const special = d.namePattern !== undefined || d.versionPattern !== undefined || d.namespacePattern !== undefined || d.requiredQualifiers.length > 0
  if (special) parserOnlyTypes.add(d.type)
  else if (!parserOnlyTypes.has(d.type)) plainRules.set(d.type, d)
}

const SLASH = 47
const qualifierKeyPattern = /^[a-z.\-_][a-z0-9.\-_]*$/

/**
 * The identity of a purl in the plain form almost every SBOM uses ('pkg:' in lower case, a lower-case type, no
 * percent escapes, no subpath, no empty path segments), read without the full parser's allocations; undefined for
 * any other form, which the full parser then reads. It gives what `parsePurl` + `packageKey` give (checked against
 * them in ecosystems.test.ts): the same split, the same type rules, null where the parser fails.
 */
export function plainPurlIdentity(purl: string): PurlIdentity | null | undefined {
  if (!purl.startsWith('pkg:') || purl.includes('%') || purl.includes('#')) return undefined
  const question = purl.indexOf('?')
  const end = question < 0 ? purl.length : question
  const slash = purl.indexOf('/', 4)
  if (slash <= 4 || slash >= end) return undefined
  for (let i = 4; i < slash; i++) {
    const c = purl.charCodeAt(i)
    // [a-z][a-z0-9.+-]*: the type pattern, lower case only (anything else is left to the parser).
    if (!((c >= 97 && c <= 122) || (i > 4 && ((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45)))) return undefined
  }
  const sliced = purl.slice(4, slash)
  if (parserOnlyTypes.has(sliced)) return undefined
  const rules = plainRules.get(sliced)
  // A registered type's own string: identities kept in memos do not each hold a copy.
  const type = rules?.type ?? sliced
  // The path: no empty segment, not even a leading or trailing one (the parser drops those; left to it).
  const start = slash + 1
  if (start >= end || purl.charCodeAt(start) === SLASH || purl.charCodeAt(end - 1) === SLASH) return undefined
  const doubleSlash = purl.indexOf('//', start)
  if (doubleSlash >= 0 && doubleSlash < end) return undefined
  const lastSlash = purl.lastIndexOf('/', end - 1)
  const at = purl.lastIndexOf('@', end - 1)
  // An '@' before the last '/' belongs to the namespace (npm scopes), not to a version.
  const hasVersion = at > lastSlash
  const bodyEnd = hasVersion ? at : end
  // An empty name ('ns/@1.0') is the parser's to report.
  if (bodyEnd === lastSlash + 1) return undefined
  let version: string | null = hasVersion && at + 1 < end ? purl.slice(at + 1, end) : null
  let name = purl.slice(lastSlash + 1, bodyEnd)
  let namespace: string | null = lastSlash > slash ? purl.slice(start, lastSlash) : null
  let distro: string | null = null
  if (question >= 0) {
    const seen: string[] = []
    for (const pair of purl.slice(question + 1).split('&')) {
      if (pair === '') continue
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const key = pair.slice(0, eq).toLowerCase()
      if (key === '__proto__') return undefined
      if (seen.includes(key)) return null
      seen.push(key)
      if (!qualifierKeyPattern.test(key)) return null
      if (key === 'distro' && eq + 1 < pair.length) distro = pair.slice(eq + 1)
    }
  }
  if (rules !== undefined) {
    if (rules.namespace === 'required' && namespace === null) return null
    if (rules.namespace === 'prohibited' && namespace !== null) return null
    if (namespace !== null && rules.namespaceLowercase) namespace = namespace.toLowerCase()
    if (rules.nameLowercase) name = name.toLowerCase()
    if (version !== null && rules.versionLowercase) version = version.toLowerCase()
    // PyPI's '_' -> '-' name rule needs no step here: packageKey folds '-', '_' and '.' alike.
  }
  return { key: packageKey(type, namespace, name), type, version, distro }
}

// Purl types whose advisories (OSV, GHSA, distribution trackers) name packages precisely; a CPE hit on such a
// component is usually a product-name collision.
const purlDataEcosystems = new Set(['npm', 'pypi', 'maven', 'golang', 'cargo', 'gem', 'composer', 'nuget', 'hex', 'pub', 'deb', 'apk', 'rpm', 'swift', 'conan'])

/** Whether an ecosystem has package-precise advisory data, so a CPE match on its packages deserves low confidence. */
export function hasPurlAdvisoryData(purlType: string): boolean {
  return purlDataEcosystems.has(purlType)
}

const registryHosts: ReadonlyArray<readonly [RegExp, string]> = [
  [/^https?:\/\/(www\.)?npmjs\.(com|org)/i, 'npm'],
  [/^https?:\/\/(pypi\.org|pypi\.python\.org)/i, 'PyPI'],
  [/^https?:\/\/(repo\.maven\.apache\.org|repo1\.maven\.org|search\.maven\.org|central\.sonatype\.com)/i, 'Maven'],
  [/^https?:\/\/(pkg\.go\.dev|proxy\.golang\.org)/i, 'Go'],
  [/^https?:\/\/crates\.io/i, 'crates.io'],
  [/^https?:\/\/rubygems\.org/i, 'RubyGems'],
  [/^https?:\/\/packagist\.org/i, 'Packagist'],
  [/^https?:\/\/(www\.)?nuget\.org/i, 'NuGet'],
]

/** The OSV ecosystem of a CVE 5 `collectionURL` when it names a package registry, else null. */
export function ecosystemOfCollectionUrl(url: string): string | null {
  for (const [pattern, ecosystem] of registryHosts) if (pattern.test(url)) return ecosystem
  return null
}
