import { parsePurl } from '../purl/index.js'

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

// Repeated scans see the same purls again; a bounded memo keeps the (pure) parse off the warm path.
const identityCache = new Map<string, PurlIdentity | null>()
const identityCacheLimit = 200_000

/** The package key, version and distro qualifier of a purl string, or null when it does not parse. */
export function purlIdentity(purl: string): PurlIdentity | null {
  const cached = identityCache.get(purl)
  if (cached !== undefined) return cached
  const parsed = parsePurl(purl)
  const p = parsed.ok ? parsed.value : null
  const identity = p ? { key: packageKey(p.type, p.namespace, p.name), type: p.type, version: p.version, distro: p.qualifiers?.['distro'] ?? null } : null
  if (identityCache.size >= identityCacheLimit) identityCache.clear()
  identityCache.set(purl, identity)
  return identity
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
