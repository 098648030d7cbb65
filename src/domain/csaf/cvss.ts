// CVSS 2.0, 3.0 and 3.1 vector parsing and scoring, as far as CSAF tests 6.1.9 and 6.1.10 need them.

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

/** Parses a CVSS v2 or v3.x vector string; undefined when it is malformed or a metric repeats. */
export function parseCvssVector(vector: string): CvssVector | undefined {
  const v3 = /^CVSS:(3\.[01])\/(.*)$/.exec(vector)
  const version = v3 ? (v3[1] as '3.0' | '3.1') : '2.0'
  const body = v3 ? (v3[2] ?? '') : vector
  const allowed = v3 ? v3Keys : v2Keys
  const metrics = new Map<string, string>()
  for (const part of body.split('/')) {
    const [key, value, extra] = part.split(':')
    if (key === undefined || value === undefined || extra !== undefined || !allowed.includes(key) || metrics.has(key)) return undefined
    metrics.set(key, value)
  }
  const base = v3 ? v3Keys.slice(0, 8) : v2Keys.slice(0, 6)
  if (!base.every((k) => metrics.has(k))) return undefined
  return { version, metrics }
}

const v3Weights: Record<string, Record<string, number>> = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  E: { X: 1, U: 0.91, P: 0.94, F: 0.97, H: 1 },
  RL: { X: 1, O: 0.95, T: 0.96, W: 0.97, U: 1 },
  RC: { X: 1, U: 0.92, R: 0.96, C: 1 },
  CR: { X: 1, L: 0.5, M: 1, H: 1.5 },
}

function weight(table: string, value: string | undefined): number {
  const w = v3Weights[table]?.[value ?? 'X']
  if (w === undefined) throw new RangeError(`invalid CVSS value ${table}:${value}`)
  return w
}

function privilegesWeight(value: string | undefined, changed: boolean): number {
  if (value === 'N') return 0.85
  if (value === 'L') return changed ? 0.68 : 0.62
  if (value === 'H') return changed ? 0.5 : 0.27
  throw new RangeError(`invalid CVSS value PR:${value}`)
}

function roundUp30(value: number): number {
  return Math.ceil(value * 10) / 10
}

// CVSS 3.1 Appendix A: round up on an integer basis to avoid floating point artefacts.
function roundUp31(value: number): number {
  const scaled = Math.round(value * 100000)
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10
}

function scoreV3(vector: CvssVector): CvssScores {
  const m = vector.metrics
  const is31 = vector.version === '3.1'
  const roundUp = is31 ? roundUp31 : roundUp30
  const get = (key: string) => m.get(key) ?? 'X'
  // A modified metric that is not defined takes the base value.
  const modified = (key: string) => (get('M' + key) === 'X' ? get(key) : get('M' + key))

  const changed = get('S') === 'C'
  const iss = 1 - (1 - weight('C', get('C'))) * (1 - weight('C', get('I'))) * (1 - weight('C', get('A')))
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss
  const exploitability = 8.22 * weight('AV', get('AV')) * weight('AC', get('AC')) * privilegesWeight(get('PR'), changed) * weight('UI', get('UI'))
  const baseScore = impact <= 0 ? 0 : roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10))

  const temporalFactor = weight('E', get('E')) * weight('RL', get('RL')) * weight('RC', get('RC'))
  const temporalScore = roundUp(baseScore * temporalFactor)

  const modifiedChanged = modified('S') === 'C'
  const miss = Math.min(
    1 -
      (1 - weight('CR', get('CR')) * weight('C', modified('C'))) *
        (1 - weight('CR', get('IR')) * weight('C', modified('I'))) *
        (1 - weight('CR', get('AR')) * weight('C', modified('A'))),
    0.915,
  )
  const modifiedImpact = modifiedChanged
    ? is31
      ? 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13)
      : 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15)
    : 6.42 * miss
  const modifiedExploitability =
    8.22 * weight('AV', modified('AV')) * weight('AC', modified('AC')) * privilegesWeight(modified('PR'), modifiedChanged) * weight('UI', modified('UI'))
  const environmentalScore =
    modifiedImpact <= 0
      ? 0
      : roundUp(roundUp(Math.min((modifiedChanged ? 1.08 : 1) * (modifiedImpact + modifiedExploitability), 10)) * temporalFactor)
  return { baseScore, temporalScore, environmentalScore }
}

const v2Weights: Record<string, Record<string, number>> = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  E: { U: 0.85, POC: 0.9, F: 0.95, H: 1, ND: 1 },
  RL: { OF: 0.87, TF: 0.9, W: 0.95, U: 1, ND: 1 },
  RC: { UC: 0.9, UR: 0.95, C: 1, ND: 1 },
  CDP: { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 },
  TD: { N: 0, L: 0.25, M: 0.75, H: 1, ND: 1 },
  CR: { L: 0.5, M: 1, H: 1.51, ND: 1 },
}

function weightV2(table: string, value: string | undefined): number {
  const w = v2Weights[table]?.[value ?? 'ND']
  if (w === undefined) throw new RangeError(`invalid CVSS value ${table}:${value}`)
  return w
}

function round1(value: number): number {
  return Math.round(value * 10 + 1e-9) / 10
}

function scoreV2(vector: CvssVector): CvssScores {
  const get = (key: string) => vector.metrics.get(key) ?? 'ND'
  const exploitability = 20 * weightV2('AV', get('AV')) * weightV2('AC', get('AC')) * weightV2('Au', get('Au'))
  const baseFrom = (impact: number) => round1((0.6 * impact + 0.4 * exploitability - 1.5) * (impact === 0 ? 0 : 1.176))
  const c = weightV2('C', get('C'))
  const i = weightV2('C', get('I'))
  const a = weightV2('C', get('A'))
  const baseScore = baseFrom(10.41 * (1 - (1 - c) * (1 - i) * (1 - a)))
  const temporalFactor = weightV2('E', get('E')) * weightV2('RL', get('RL')) * weightV2('RC', get('RC'))
  const temporalScore = round1(baseScore * temporalFactor)
  const adjustedImpact = Math.min(
    10,
    10.41 * (1 - (1 - c * weightV2('CR', get('CR'))) * (1 - i * weightV2('CR', get('IR'))) * (1 - a * weightV2('CR', get('AR')))),
  )
  const adjustedTemporal = round1(baseFrom(adjustedImpact) * temporalFactor)
  const environmentalScore = round1((adjustedTemporal + (10 - adjustedTemporal) * weightV2('CDP', get('CDP'))) * weightV2('TD', get('TD')))
  return { baseScore, temporalScore, environmentalScore }
}

/** Computes base, temporal and environmental scores of a parsed vector; undefined when a metric value is unknown. */
export function scoreCvss(vector: CvssVector): CvssScores | undefined {
  try {
    return vector.version === '2.0' ? scoreV2(vector) : scoreV3(vector)
  } catch {
    return undefined
  }
}

/** The CVSS v3 qualitative severity of a score. */
export function severityOf(score: number): 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' {
  if (score === 0) return 'NONE'
  if (score < 4) return 'LOW'
  if (score < 7) return 'MEDIUM'
  if (score < 9) return 'HIGH'
  return 'CRITICAL'
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
