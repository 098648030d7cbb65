// CVSS 2.0, 3.0 and 3.1 vectors as CSAF tests 6.1.9 and 6.1.10 read them: the vector's metrics as written ("X"
// and "ND" kept, to compare with the JSON properties) and the JSON property names; scoring is the shared scorer's.
import { scoreCvssAllGroupsInto, severityOf as sharedSeverityOf } from '../cvss/index.js'

/** The scores computed from a CVSS vector; temporal and environmental are undefined when the vector has none. */
export interface CvssScores {
  readonly baseScore: number
  readonly temporalScore: number
  readonly environmentalScore: number
}

/** A parsed CVSS vector: its version and metric abbreviation -> value abbreviation. */
export interface CvssVector {
  readonly version: '2.0' | '3.0' | '3.1'
  readonly metrics: ReadonlyMap<string, string>
}

const v3Keys = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A', 'E', 'RL', 'RC', 'CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA']
const v2Keys = ['AV', 'AC', 'Au', 'C', 'I', 'A', 'E', 'RL', 'RC', 'CDP', 'TD', 'CR', 'IR', 'AR']

const v3Allowed: ReadonlySet<string> = new Set(v3Keys)
const v2Allowed: ReadonlySet<string> = new Set(v2Keys)
const v3Base = v3Keys.slice(0, 8)
const v2Base = v2Keys.slice(0, 6)

// The line terminators, which the `.` of a regular expression does not match.
const lineTerminator = /[\n\r\u2028\u2029]/

// The version of a vector that starts with CVSS:3.0/ or CVSS:3.1/, else undefined (a v2 vector, or a malformed one).
// This is what /^CVSS:(3\.[01])\/(.*)$/ matched, without its match array: a line terminator anywhere fails it.
function v3VersionOf(vector: string): '3.0' | '3.1' | undefined {
  if (!vector.startsWith('CVSS:3.') || vector.charCodeAt(8) !== 47 /* / */) return undefined
  const minor = vector.charCodeAt(7)
  if ((minor !== 48 /* 0 */ && minor !== 49) /* 1 */ || lineTerminator.test(vector)) return undefined
  return minor === 48 ? '3.0' : '3.1'
}

/** Parses a CVSS v2 or v3.x vector string; undefined when it is malformed or a metric repeats. */
export function parseCvssVector(vector: string): CvssVector | undefined {
  const v3 = v3VersionOf(vector)
  const version = v3 ?? '2.0'
  const allowed = v3 ? v3Allowed : v2Allowed
  const metrics = new Map<string, string>()
  // Each '/'-separated part after the prefix must be exactly one 'key:value' (indices instead of two splits per part:
  // the mandatory tests parse every CVSS vector of every document).
  const length = vector.length
  let start = v3 ? 9 : 0
  for (;;) {
    let end = vector.indexOf('/', start)
    if (end < 0) end = length
    const colon = vector.indexOf(':', start)
    if (colon < 0 || colon >= end) return undefined
    const extra = vector.indexOf(':', colon + 1)
    if (extra >= 0 && extra < end) return undefined
    const key = vector.slice(start, colon)
    if (!allowed.has(key) || metrics.has(key)) return undefined
    metrics.set(key, vector.slice(colon + 1, end))
    if (end === length) break
    start = end + 1
  }
  const base = v3 ? v3Base : v2Base
  for (const key of base) if (!metrics.has(key)) return undefined
  return { version, metrics }
}

/**
 * A CVSS vector parsed into fixed slots, one per metric of its version in the order of {@link cvssV3Properties} or
 * {@link cvssV2Properties}: where each metric's value lies in the text (no map and no substring per metric).
 */
export interface CvssSlots {
  readonly version: '2.0' | '3.0' | '3.1'
  readonly text: string
  /** Start and end of the value of the metric in slot k at 2k and 2k + 1; -1 at 2k when the vector leaves it out. */
  readonly bounds: readonly number[]
}

// A metric key of at most 3 ASCII characters as one number (7 bits per character, the length above them), so a key can
// be looked up without cutting it out of the vector; -1 for anything longer or not ASCII, which no version allows.
function keyCode(text: string, start: number, end: number): number {
  const length = end - start
  if (length > 3) return -1
  let code = length
  for (let at = start; at < end; at++) {
    const char = text.charCodeAt(at)
    if (char > 127) return -1
    code = (code << 7) | char
  }
  return code
}

function slotsOf(keys: readonly string[]): ReadonlyMap<number, number> {
  return new Map(keys.map((key, slot) => [keyCode(key, 0, key.length), slot]))
}

const v3Slots = slotsOf(v3Keys)
const v2Slots = slotsOf(v2Keys)

/**
 * {@link parseCvssVector} into slots: undefined exactly when it gives undefined, else the same metrics and values
 * (cvss.test.ts checks both on broken and reshaped vectors).
 */
export function parseCvssSlots(vector: string): CvssSlots | undefined {
  const v3 = v3VersionOf(vector)
  const slots = v3 ? v3Slots : v2Slots
  // Literals, so that V8 makes a packed array of small integers at once (two entries per metric of the version).
  const bounds: number[] = v3 ? [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]
    : [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]
  const length = vector.length
  let start = v3 ? 9 : 0
  for (;;) {
    let end = vector.indexOf('/', start)
    if (end < 0) end = length
    const colon = vector.indexOf(':', start)
    if (colon < 0 || colon >= end) return undefined
    const extra = vector.indexOf(':', colon + 1)
    if (extra >= 0 && extra < end) return undefined
    const slot = slots.get(keyCode(vector, start, colon))
    if (slot === undefined || (bounds[2 * slot] as number) >= 0) return undefined
    bounds[2 * slot] = colon + 1
    bounds[2 * slot + 1] = end
    if (end === length) break
    start = end + 1
  }
  const baseCount = v3 ? v3Base.length : v2Base.length
  for (let slot = 0; slot < baseCount; slot++) if ((bounds[2 * slot] as number) < 0) return undefined
  return { version: v3 ?? '2.0', text: vector, bounds }
}

/** The slot of `metric` in a vector of `version` (see {@link CvssSlots}), or -1 when that version has no such metric. */
export function metricSlot(version: CvssSlots['version'], metric: string): number {
  return (version === '2.0' ? v2Keys : v3Keys).indexOf(metric)
}

/** Whether the metric in `slot` is present and written exactly as `value`, without cutting it out of the vector. */
export function slotValueEquals(vector: CvssSlots, slot: number, value: string): boolean {
  const start = vector.bounds[2 * slot] as number
  return start >= 0 && (vector.bounds[2 * slot + 1] as number) - start === value.length && vector.text.startsWith(value, start)
}

/** The vector text of a parsed vector, as the shared scorer reads it. */
function vectorText(vector: CvssVector): string {
  let body = ''
  let separator = ''
  for (const [key, value] of vector.metrics) {
    body += `${separator}${key}:${value}`
    separator = '/'
  }
  return vector.version === '2.0' ? body : `CVSS:${vector.version}/${body}`
}

/**
 * Computes base, temporal and environmental scores of a parsed vector with the shared scorer (absent metrics count
 * as Not Defined); undefined when a metric value is unknown.
 */
export function scoreCvss(vector: CvssVector): CvssScores | undefined {
  return scoreCvssText(vectorText(vector))
}

/**
 * {@link scoreCvss} of the vector that {@link parseCvssVector} made from `text`, scored from the text itself: the text
 * of a vector it parsed is the text it was parsed from (the prefix, then every part as written, in order), so there is
 * nothing to rebuild (cvss.test.ts checks both give the same scores).
 */
export function scoreCvssText(text: string): CvssScores | undefined {
  const scores = new Float64Array(3)
  if (!scoreCvssTextInto(text, scores)) return undefined
  return { baseScore: scores[0] as number, temporalScore: scores[1] as number, environmentalScore: scores[2] as number }
}

/** {@link scoreCvssText} into `out` (base, temporal, environmental), allocating nothing; false when it gives undefined. */
export function scoreCvssTextInto(text: string, out: Float64Array): boolean {
  return scoreCvssAllGroupsInto(text, out)
}

const upperCaseSeverity = { None: 'NONE', Low: 'LOW', Medium: 'MEDIUM', High: 'HIGH', Critical: 'CRITICAL' } as const

/** The CVSS v3 qualitative severity of a score, upper-case as CSAF writes it. */
export function severityOf(score: number): 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' {
  return upperCaseSeverity[sharedSeverityOf(score)]
}

/** JSON property name -> vector metric and the mapping of JSON enum words to vector abbreviations, per version family. */
export const cvssV3Properties: ReadonlyArray<readonly [string, string, Readonly<Record<string, string>>]> = (() => {
  const impact = { NONE: 'N', LOW: 'L', HIGH: 'H' }
  const av = { NETWORK: 'N', ADJACENT_NETWORK: 'A', LOCAL: 'L', PHYSICAL: 'P' }
  const ac = { LOW: 'L', HIGH: 'H' }
  const pr = { NONE: 'N', LOW: 'L', HIGH: 'H' }
  const ui = { NONE: 'N', REQUIRED: 'R' }
  const s = { UNCHANGED: 'U', CHANGED: 'C' }
  const nd = <T extends Record<string, string>>(t: T) => ({ ...t, NOT_DEFINED: 'X' })
  const req = nd({ LOW: 'L', MEDIUM: 'M', HIGH: 'H' })
  return [
    ['attackVector', 'AV', av],
    ['attackComplexity', 'AC', ac],
    ['privilegesRequired', 'PR', pr],
    ['userInteraction', 'UI', ui],
    ['scope', 'S', s],
    ['confidentialityImpact', 'C', impact],
    ['integrityImpact', 'I', impact],
    ['availabilityImpact', 'A', impact],
    ['exploitCodeMaturity', 'E', nd({ UNPROVEN: 'U', PROOF_OF_CONCEPT: 'P', FUNCTIONAL: 'F', HIGH: 'H' })],
    ['remediationLevel', 'RL', nd({ OFFICIAL_FIX: 'O', TEMPORARY_FIX: 'T', WORKAROUND: 'W', UNAVAILABLE: 'U' })],
    ['reportConfidence', 'RC', nd({ UNKNOWN: 'U', REASONABLE: 'R', CONFIRMED: 'C' })],
    ['confidentialityRequirement', 'CR', req],
    ['integrityRequirement', 'IR', req],
    ['availabilityRequirement', 'AR', req],
    ['modifiedAttackVector', 'MAV', nd(av)],
    ['modifiedAttackComplexity', 'MAC', nd(ac)],
    ['modifiedPrivilegesRequired', 'MPR', nd(pr)],
    ['modifiedUserInteraction', 'MUI', nd(ui)],
    ['modifiedScope', 'MS', nd(s)],
    ['modifiedConfidentialityImpact', 'MC', nd(impact)],
    ['modifiedIntegrityImpact', 'MI', nd(impact)],
    ['modifiedAvailabilityImpact', 'MA', nd(impact)],
  ] as const
})()

/** The CVSS v2 JSON properties, as {@link cvssV3Properties}. */
export const cvssV2Properties: ReadonlyArray<readonly [string, string, Readonly<Record<string, string>>]> = (() => {
  const impact = { NONE: 'N', PARTIAL: 'P', COMPLETE: 'C' }
  const req = { LOW: 'L', MEDIUM: 'M', HIGH: 'H', NOT_DEFINED: 'ND' }
  return [
    ['accessVector', 'AV', { NETWORK: 'N', ADJACENT_NETWORK: 'A', LOCAL: 'L' }],
    ['accessComplexity', 'AC', { HIGH: 'H', MEDIUM: 'M', LOW: 'L' }],
    ['authentication', 'Au', { MULTIPLE: 'M', SINGLE: 'S', NONE: 'N' }],
    ['confidentialityImpact', 'C', impact],
    ['integrityImpact', 'I', impact],
    ['availabilityImpact', 'A', impact],
    ['exploitability', 'E', { UNPROVEN: 'U', PROOF_OF_CONCEPT: 'POC', FUNCTIONAL: 'F', HIGH: 'H', NOT_DEFINED: 'ND' }],
    ['remediationLevel', 'RL', { OFFICIAL_FIX: 'OF', TEMPORARY_FIX: 'TF', WORKAROUND: 'W', UNAVAILABLE: 'U', NOT_DEFINED: 'ND' }],
    ['reportConfidence', 'RC', { UNCONFIRMED: 'UC', UNCORROBORATED: 'UR', CONFIRMED: 'C', NOT_DEFINED: 'ND' }],
    ['collateralDamagePotential', 'CDP', { NONE: 'N', LOW: 'L', LOW_MEDIUM: 'LM', MEDIUM_HIGH: 'MH', HIGH: 'H', NOT_DEFINED: 'ND' }],
    ['targetDistribution', 'TD', { NONE: 'N', LOW: 'L', MEDIUM: 'M', HIGH: 'H', NOT_DEFINED: 'ND' }],
    ['confidentialityRequirement', 'CR', req],
    ['integrityRequirement', 'IR', req],
    ['availabilityRequirement', 'AR', req],
  ] as const
})()

/** The vector completed with the metrics a CVSS JSON object gives only as properties (the vector wins when both do). */
export function withPropertyMetrics(vector: CvssVector, cvss: Readonly<Record<string, unknown>>): CvssVector {
  const properties = vector.version === '2.0' ? cvssV2Properties : cvssV3Properties
  const metrics = new Map(vector.metrics)
  for (const [property, metric, values] of properties) {
    const value = cvss[property]
    const abbreviation = typeof value === 'string' ? values[value] : undefined
    if (!metrics.has(metric) && abbreviation !== undefined) metrics.set(metric, abbreviation)
  }
  return { version: vector.version, metrics }
}
