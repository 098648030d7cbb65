// CVSS 2.0, 3.0 and 3.1 vectors as CSAF tests 6.1.9 and 6.1.10 read them: the vector's metrics as written ("X"
// and "ND" kept, to compare with the JSON properties) and the JSON property names; scoring is the shared scorer's.
import { scoreCvssAllGroups, severityOf as sharedSeverityOf } from '../cvss/index.js'

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

/** Parses a CVSS v2 or v3.x vector string; undefined when it is malformed or a metric repeats. */
export function parseCvssVector(vector: string): CvssVector | undefined {
  const v3 = /^CVSS:(3\.[01])\/(.*)$/.exec(vector)
  const version = v3 ? (v3[1] as '3.0' | '3.1') : '2.0'
  const body = v3 ? (v3[2] ?? '') : vector
  const allowed = v3 ? v3Allowed : v2Allowed
  const metrics = new Map<string, string>()
  // Each '/'-separated part must be exactly one 'key:value' (indices instead of two splits per part: the mandatory
  // tests parse every CVSS vector of every document).
  let start = 0
  for (;;) {
    let end = body.indexOf('/', start)
    if (end < 0) end = body.length
    const colon = body.indexOf(':', start)
    if (colon < 0 || colon >= end) return undefined
    const extra = body.indexOf(':', colon + 1)
    if (extra >= 0 && extra < end) return undefined
    const key = body.slice(start, colon)
    if (!allowed.has(key) || metrics.has(key)) return undefined
    metrics.set(key, body.slice(colon + 1, end))
    if (end === body.length) break
    start = end + 1
  }
  const base = v3 ? v3Base : v2Base
  for (const key of base) if (!metrics.has(key)) return undefined
  return { version, metrics }
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
  const scored = scoreCvssAllGroups(vectorText(vector))
  if (!scored.ok) return undefined
  const { base, temporalOrThreat, environmental } = scored.value
  return { baseScore: base, temporalScore: temporalOrThreat, environmentalScore: environmental }
}

/** The CVSS v3 qualitative severity of a score, upper-case as CSAF writes it. */
export function severityOf(score: number): 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' {
  return sharedSeverityOf(score).toUpperCase() as 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'
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
