import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { alpmScheme, apkScheme, debianScheme, rpmScheme } from './distro.js'
import { mavenScheme } from './maven.js'
import {
  composerScheme,
  conanScheme,
  datetimeScheme,
  gemScheme,
  genericScheme,
  gentooScheme,
  lexicographicScheme,
  opensslScheme,
} from './misc.js'
import { pypiScheme } from './pypi.js'
import type { VersionScheme } from './scheme.js'
import { golangScheme, nugetScheme, semverScheme } from './semver.js'

/** The vers scheme names we order, each with its comparison. */
export const versionSchemes: Readonly<Record<string, VersionScheme>> = {
  npm: { ...semverScheme, id: 'npm' } as VersionScheme,
  semver: semverScheme as VersionScheme,
  cargo: { ...semverScheme, id: 'cargo' } as VersionScheme,
  hex: { ...semverScheme, id: 'hex' } as VersionScheme,
  pub: { ...semverScheme, id: 'pub' } as VersionScheme,
  swift: { ...semverScheme, id: 'swift' } as VersionScheme,
  golang: golangScheme as VersionScheme,
  nuget: nugetScheme as VersionScheme,
  pypi: pypiScheme as VersionScheme,
  maven: mavenScheme as VersionScheme,
  gem: gemScheme as VersionScheme,
  composer: composerScheme as VersionScheme,
  deb: debianScheme as VersionScheme,
  rpm: rpmScheme as VersionScheme,
  apk: apkScheme as VersionScheme,
  alpm: alpmScheme as VersionScheme,
  conan: conanScheme as VersionScheme,
  gentoo: gentooScheme as VersionScheme,
  openssl: opensslScheme as VersionScheme,
  datetime: datetimeScheme as VersionScheme,
  lexicographic: lexicographicScheme as VersionScheme,
  generic: genericScheme as VersionScheme,
  nginx: { ...genericScheme, id: 'nginx' } as VersionScheme,
}

// OSV ecosystem names (before any ':' suffix) and purl types mapped to a vers scheme.
const aliases: Readonly<Record<string, string>> = {
  // OSV ecosystems
  'crates.io': 'cargo',
  go: 'golang',
  rubygems: 'gem',
  packagist: 'composer',
  debian: 'deb',
  ubuntu: 'deb',
  alpine: 'apk',
  wolfi: 'apk',
  chainguard: 'apk',
  minimos: 'apk',
  'red hat': 'rpm',
  'rocky linux': 'rpm',
  almalinux: 'rpm',
  suse: 'rpm',
  opensuse: 'rpm',
  mageia: 'rpm',
  'photon os': 'rpm',
  'azure linux': 'rpm',
  openeuler: 'rpm',
  conancenter: 'conan',
  swifturl: 'swift',
  'github actions': 'semver',
  kubernetes: 'golang',
  alpaquita: 'apk',
  'bellsoft hardened containers': 'apk',
  // OSV ecosystems without a dedicated ordering here: named, so that they are known, and ordered generically.
  android: 'generic',
  bioconductor: 'generic',
  bitnami: 'generic',
  cleanstart: 'generic',
  cran: 'generic',
  'docker hardened images': 'generic',
  echo: 'generic',
  freebsd: 'generic',
  ghc: 'generic',
  hackage: 'generic',
  julia: 'generic',
  linux: 'generic',
  opam: 'generic',
  'oss-fuzz': 'generic',
  root: 'generic',
  tuxcare: 'generic',
  vscode: 'generic',
  // purl types that differ from the scheme name
  github: 'semver',
  conda: 'generic',
  docker: 'generic',
  oci: 'generic',
}

/** The vers scheme name for an OSV ecosystem name (any ':<release>' suffix ignored), a purl type or a scheme name. */
export function schemeNameFor(ecosystemOrType: string): string {
  const base = ecosystemOrType.trim().split(':')[0]?.toLowerCase() ?? ''
  if (Object.hasOwn(versionSchemes, base)) return base
  return aliases[base] ?? 'generic'
}

/** The ordering for an OSV ecosystem, purl type or vers scheme; unknown names fall back to the generic ordering. */
export function schemeFor(ecosystemOrType: string): VersionScheme {
  return versionSchemes[schemeNameFor(ecosystemOrType)] ?? (genericScheme as VersionScheme)
}

/** Whether a name is known (as an OSV ecosystem, purl type alias or vers scheme) rather than falling back to generic. */
export function isKnownScheme(ecosystemOrType: string): boolean {
  const base = ecosystemOrType.trim().split(':')[0]?.toLowerCase() ?? ''
  return Object.hasOwn(versionSchemes, base) || Object.hasOwn(aliases, base)
}

/** Compares two versions in the ordering of an ecosystem or scheme: -1, 0 or 1, or a problem for an invalid version. */
export function compareVersions(ecosystemOrType: string, a: string, b: string): Result<-1 | 0 | 1> {
  const scheme = schemeFor(ecosystemOrType)
  const x = scheme.parse(a)
  if (x === null) return fail(problem('version_invalid', `'${a}' is not a valid ${scheme.id} version`))
  const y = scheme.parse(b)
  if (y === null) return fail(problem('version_invalid', `'${b}' is not a valid ${scheme.id} version`))
  return ok(Math.sign(scheme.compareParsed(x, y)) as -1 | 0 | 1)
}
