// CSAF version numbers (§3.1.11.5): either integer versioning ("0", "1", "2") or semantic versioning 2.0.0.

const integerPattern = /^(0|[1-9][0-9]*)$/
const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

/** A CSAF version parsed into its parts; integer versions have only a major number. */
export interface CsafVersion {
  readonly kind: 'integer' | 'semver'
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly prerelease: readonly string[]
  readonly build: string | undefined
}

// The end of the number without a leading zero that starts at `at` (`at` itself when there is none).
function numberEnd(text: string, at: number): number {
  const first = text.charCodeAt(at)
  if (first === 48 /* 0 */) return at + 1
  let end = at
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++
  return end
}

/** Parses an integer or semantic version; undefined when it is neither. */
export function parseCsafVersion(text: string): CsafVersion | undefined {
  // The usual forms ('3', '1.4.2') scanned by hand; anything else (pre-release, build, malformed) by the patterns.
  const majorEnd = numberEnd(text, 0)
  if (majorEnd > 0 && majorEnd === text.length) return { kind: 'integer', major: Number(text), minor: 0, patch: 0, prerelease: [], build: undefined }
  if (majorEnd > 0 && text.charCodeAt(majorEnd) === 46 /* . */) {
    const minorEnd = numberEnd(text, majorEnd + 1)
    if (minorEnd > majorEnd + 1 && text.charCodeAt(minorEnd) === 46) {
      const patchEnd = numberEnd(text, minorEnd + 1)
      if (patchEnd > minorEnd + 1 && patchEnd === text.length) {
        return { kind: 'semver', major: Number(text.slice(0, majorEnd)), minor: Number(text.slice(majorEnd + 1, minorEnd)), patch: Number(text.slice(minorEnd + 1)), prerelease: [], build: undefined }
      }
    }
  }
  if (integerPattern.test(text)) return { kind: 'integer', major: Number(text), minor: 0, patch: 0, prerelease: [], build: undefined }
  const match = semverPattern.exec(text)
  if (!match) return undefined
  return {
    kind: 'semver',
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] === undefined ? [] : match[4].split('.'),
    build: match[5],
  }
}

/** Orders two versions by precedence (build metadata ignored); unparsable versions sort as equal. */
export function compareCsafVersions(a: string, b: string): number {
  return compareParsedCsafVersions(parseCsafVersion(a), parseCsafVersion(b))
}

/** {@link compareCsafVersions} for versions parsed already (undefined: unparsable). */
export function compareParsedCsafVersions(left: CsafVersion | undefined, right: CsafVersion | undefined): number {
  if (!left || !right) return 0
  const numbers = left.major - right.major || left.minor - right.minor || left.patch - right.patch
  if (numbers !== 0) return Math.sign(numbers)
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return left.prerelease.length === right.prerelease.length ? 0 : left.prerelease.length === 0 ? 1 : -1
  }
  for (let i = 0; i < Math.max(left.prerelease.length, right.prerelease.length); i++) {
    const x = left.prerelease[i]
    const y = right.prerelease[i]
    if (x === undefined) return -1
    if (y === undefined) return 1
    if (x === y) continue
    const xNumeric = /^\d+$/.test(x)
    const yNumeric = /^\d+$/.test(y)
    if (xNumeric && yNumeric) return Math.sign(Number(x) - Number(y))
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1
    return x < y ? -1 : 1
  }
  return 0
}

/** True when a version is below 1 (integer 0 or semantic 0.y.z), i.e. not yet released. */
export function isBelowOne(text: string): boolean {
  const version = parseCsafVersion(text)
  return version !== undefined && version.major === 0
}
