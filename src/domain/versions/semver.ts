import { cmp, compareDigits } from './scheme.js'
import type { VersionScheme } from './scheme.js'

/** A parsed SemVer 2.0 version; build metadata is kept for printing but never ordered. */
export interface SemverKey {
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly prerelease: readonly (string | number)[]
}

const strictPattern = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/
const loosePattern = /^\s*[=v]*\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-?([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?\s*$/

function toKey(major: string, minor: string | undefined, patch: string | undefined, pre: string | undefined): SemverKey {
  return {
    major: Number(major),
    minor: Number(minor ?? 0),
    patch: Number(patch ?? 0),
    prerelease: pre === undefined ? [] : pre.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
  }
}

/** Parses a strict SemVer 2.0 version (an optional leading 'v' is accepted, as Go and GitLab write it). */
export function parseSemver(version: string): SemverKey | null {
  const m = strictPattern.exec(version)
  return m === null ? null : toKey(m[1] as string, m[2], m[3], m[4])
}

/** Parses a semver-like version, allowing missing minor/patch parts and a prerelease without its hyphen. */
export function parseLooseSemver(version: string): SemverKey | null {
  const m = loosePattern.exec(version)
  return m === null ? null : toKey(m[1] as string, m[2], m[3], m[4])
}

function compareIdentifiers(a: string | number, b: string | number): number {
  const an = typeof a === 'number'
  const bn = typeof b === 'number'
  if (an && bn) return cmp(a, b)
  if (an) return -1
  if (bn) return 1
  return cmp(a, b)
}

/** Orders two parsed semver versions by SemVer 2.0 precedence. */
export function compareSemver(a: SemverKey, b: SemverKey): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1
  const pa = a.prerelease
  const pb = b.prerelease
  if (pa.length === 0 || pb.length === 0) return cmp(pb.length, pa.length)
  const n = Math.min(pa.length, pb.length)
  for (let i = 0; i < n; i++) {
    const c = compareIdentifiers(pa[i] as string | number, pb[i] as string | number)
    if (c !== 0) return c
  }
  return cmp(pa.length, pb.length)
}

/** SemVer 2.0 ordering (npm, Cargo, Hex, Pub), strict syntax with an optional leading 'v'. */
export const semverScheme: VersionScheme<SemverKey> = {
  id: 'semver',
  parse: parseSemver,
  compareParsed: compareSemver,
  normalize: (v) => v.replace(/^v/, ''),
}

/** Go module versions: semver with a 'v' prefix; '+incompatible' is build metadata; pseudo-versions are prereleases. */
export const golangScheme: VersionScheme<SemverKey> = {
  id: 'golang',
  parse: (v) => parseSemver(v.startsWith('v') ? v : 'v' + v),
  compareParsed: compareSemver,
  normalize: (v) => v.replace(/^v/, ''),
}

/** A parsed NuGet version: up to four numeric parts, a case-insensitive prerelease, metadata ignored. */
export interface NugetKey {
  readonly numbers: readonly string[]
  readonly prerelease: readonly (string | number)[]
}

const nugetPattern = /^v?(\d+(?:\.\d+){0,3})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]+)?$/

function parseNuget(version: string): NugetKey | null {
  const m = nugetPattern.exec(version.trim())
  if (m === null) return null
  const numbers = (m[1] as string).split('.')
  while (numbers.length < 4) numbers.push('0')
  const prerelease = m[2] === undefined ? [] : m[2].toLowerCase().split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
  return { numbers, prerelease }
}

function compareNuget(a: NugetKey, b: NugetKey): number {
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(a.numbers[i] ?? '0', b.numbers[i] ?? '0')
    if (c !== 0) return c
  }
  return compareSemver({ major: 0, minor: 0, patch: 0, prerelease: a.prerelease }, { major: 0, minor: 0, patch: 0, prerelease: b.prerelease })
}

/** NuGet ordering (SemVer 2.0 with a fourth part, case-insensitive prerelease labels). */
export const nugetScheme: VersionScheme<NugetKey> = {
  id: 'nuget',
  parse: parseNuget,
  compareParsed: compareNuget,
}
