// The clinical-context risk score of one device in a hospital's fleet (issue 10, part 5). Open and documented in
// docs/fleet-risk.md: every factor is shown in the breakdown, so a person can recompute the score by hand.
import type { Sp80030Level } from './sp800-30.js'

/** Where a vulnerability stands for one device. */
export type DeviceVulnerabilityStatus = 'affected' | 'under_investigation' | 'fixed' | 'not_affected'

/**
 * One vulnerability of one device, whatever found it (the linked product version's findings today, the affected-devices
 * service later): the only input the score needs about vulnerabilities.
 */
export interface DeviceVulnerability {
  readonly vulnerabilityId: string
  /** CVSS base score 0-10, null when no score is known. */
  readonly cvssBaseScore: number | null
  /** EPSS probability 0-1, null when unknown. */
  readonly epss: number | null
  /** Listed in CISA's Known Exploited Vulnerabilities catalogue. */
  readonly kev: boolean
  readonly status: DeviceVulnerabilityStatus
}

/** The kinds of compensating control a hospital records. */
export const CONTROL_KINDS = ['segmentation', 'allow_listing', 'service_disabled', 'monitoring', 'physical', 'other'] as const

/** A kind of compensating control. */
export type ControlKind = (typeof CONTROL_KINDS)[number]

/** How much each kind of control removes from the score (a fraction); each kind counts once. */
export const CONTROL_REDUCTION: Readonly<Record<ControlKind, number>> = {
  segmentation: 0.35,
  allow_listing: 0.25,
  service_disabled: 0.3,
  monitoring: 0.15,
  physical: 0.1,
  other: 0.1,
}

/** Controls never take more than this share off the score: a vulnerable device is never scored as safe. */
export const CONTROL_FLOOR = 0.3

/** The multiplier of each clinical criticality; an unrated device counts as high (cautious default). */
export const CRITICALITY_FACTOR: Readonly<Record<'low' | 'medium' | 'high' | 'critical' | 'unrated', number>> = {
  low: 0.6,
  medium: 0.8,
  high: 1,
  critical: 1.2,
  unrated: 1,
}

/** The exposure terms: a stand-alone device starts lower than a networked one; internet exposure and PHI add. */
export const EXPOSURE = { standalone: 0.6, networked: 1, internet: 0.5, phi: 0.2 } as const

/** Past its security end of support, a device receives no more patches. */
export const UNSUPPORTED_FACTOR = 1.15

/** A CVSS base score assumed when a vulnerability has none (the middle of the scale). */
export const UNKNOWN_CVSS = 5

/** The score's scale: technical 0-10 times the context factors, times this, capped at 100. */
export const SCORE_SCALE = 5

/** The risk-relevant facts about a device and its surroundings. */
export interface DeviceRiskInput {
  readonly vulnerabilities: readonly DeviceVulnerability[]
  readonly criticality: string | null
  readonly internetExposed: boolean
  /** IP address, host name or AE title known: the device is on the network. */
  readonly networked: boolean
  readonly storesPhi: boolean
  readonly supportEnded: boolean
  /** Kinds of the compensating controls in force for the device (from register entries covering it). */
  readonly controls: readonly ControlKind[]
}

/** The vulnerability that drives the technical term, with its own terms. */
export interface RiskDriver {
  readonly vulnerabilityId: string
  readonly cvssBaseScore: number | null
  readonly epss: number | null
  readonly kev: boolean
  /** 1 for KEV, else 0.5 + 0.5 x EPSS. */
  readonly exploitFactor: number
  /** CVSS (or the default) x exploit factor. */
  readonly value: number
}

/** A device's score with every factor, so the arithmetic can be checked. */
export interface DeviceRiskBreakdown {
  /** 0-100, one decimal. */
  readonly score: number
  readonly level: Sp80030Level | 'none'
  readonly technical: {
    readonly value: number
    readonly driver: RiskDriver | null
    /** Vulnerabilities counted (affected or under investigation). */
    readonly counted: number
    readonly kev: number
    /** Vulnerabilities left out as fixed or not affected. */
    readonly excluded: number
  }
  readonly criticality: { readonly level: string; readonly factor: number }
  readonly exposure: { readonly networked: boolean; readonly internetExposed: boolean; readonly storesPhi: boolean; readonly factor: number }
  readonly support: { readonly ended: boolean; readonly factor: number }
  readonly controls: { readonly kinds: readonly ControlKind[]; readonly factor: number }
  /** The formula with this device's numbers filled in. */
  readonly formula: string
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits

/** The exploit factor of a vulnerability: known exploited counts fully; otherwise half plus half the EPSS probability. */
export function exploitFactor(kev: boolean, epss: number | null): number {
  if (kev) return 1
  const probability = epss !== null && Number.isFinite(epss) ? Math.min(1, Math.max(0, epss)) : 0
  return 0.5 + 0.5 * probability
}

/** The exposure factor: 0.6 stand-alone or 1 networked, plus 0.5 when reachable from the internet, plus 0.2 with PHI. */
export function exposureFactor(input: Pick<DeviceRiskInput, 'networked' | 'internetExposed' | 'storesPhi'>): number {
  const base = input.networked || input.internetExposed ? EXPOSURE.networked : EXPOSURE.standalone
  return round(base + (input.internetExposed ? EXPOSURE.internet : 0) + (input.storesPhi ? EXPOSURE.phi : 0), 2)
}

/** The controls factor: the product of (1 - reduction) over distinct kinds, never below {@link CONTROL_FLOOR}. */
export function controlsFactor(kinds: readonly ControlKind[]): number {
  let factor = 1
  for (const kind of new Set(kinds)) factor *= 1 - CONTROL_REDUCTION[kind]
  return round(Math.max(CONTROL_FLOOR, factor), 3)
}

/** The level of a score: none without open vulnerabilities, else very-low < 10 <= low < 25 <= moderate < 50 <= high < 75 <= very-high. */
export function riskLevelOfScore(score: number, counted: number): DeviceRiskBreakdown['level'] {
  if (counted === 0) return 'none'
  if (score < 10) return 'very-low'
  if (score < 25) return 'low'
  if (score < 50) return 'moderate'
  if (score < 75) return 'high'
  return 'very-high'
}

/**
 * The clinical-context score of a device:
 * score = min(100, 5 x T x C x E x S x K), where T = max over open vulnerabilities of CVSS x exploit factor (0-10),
 * C the clinical criticality factor, E the exposure factor, S 1.15 past security end of support, K the controls factor.
 * Fixed and not-affected vulnerabilities do not count; no open vulnerability scores 0.
 */
export function deviceRiskScore(input: DeviceRiskInput): DeviceRiskBreakdown {
  const open = input.vulnerabilities.filter((v) => v.status === 'affected' || v.status === 'under_investigation')
  let driver: RiskDriver | null = null
  for (const v of open) {
    const cvss = v.cvssBaseScore !== null && Number.isFinite(v.cvssBaseScore) ? Math.min(10, Math.max(0, v.cvssBaseScore)) : null
    const factor = exploitFactor(v.kev, v.epss)
    const value = round((cvss ?? UNKNOWN_CVSS) * factor, 3)
    // Ties go to the smaller identifier so that the driver does not depend on input order.
    if (!driver || value > driver.value || (value === driver.value && v.vulnerabilityId < driver.vulnerabilityId)) {
      driver = { vulnerabilityId: v.vulnerabilityId, cvssBaseScore: cvss, epss: v.epss, kev: v.kev, exploitFactor: round(factor, 3), value }
    }
  }
  const technical = driver?.value ?? 0
  const criticalityLevel = input.criticality && input.criticality in CRITICALITY_FACTOR ? input.criticality : 'unrated'
  const criticality = CRITICALITY_FACTOR[criticalityLevel as keyof typeof CRITICALITY_FACTOR]
  const exposure = exposureFactor(input)
  const support = input.supportEnded ? UNSUPPORTED_FACTOR : 1
  const kinds = [...new Set(input.controls)].sort()
  const controls = controlsFactor(kinds)
  const score = round(Math.min(100, SCORE_SCALE * technical * criticality * exposure * support * controls), 1)
  return {
    score,
    level: riskLevelOfScore(score, open.length),
    technical: { value: technical, driver, counted: open.length, kev: open.filter((v) => v.kev).length, excluded: input.vulnerabilities.length - open.length },
    criticality: { level: criticalityLevel, factor: criticality },
    exposure: { networked: input.networked, internetExposed: input.internetExposed, storesPhi: input.storesPhi, factor: exposure },
    support: { ended: input.supportEnded, factor: support },
    controls: { kinds, factor: controls },
    formula: `min(100, ${SCORE_SCALE} x ${technical} x ${criticality} x ${exposure} x ${support} x ${controls}) = ${score}`,
  }
}

/** The risk levels in display order, most severe first, with "none" last. */
export const RISK_LEVELS_DESCENDING: readonly DeviceRiskBreakdown['level'][] = ['very-high', 'high', 'moderate', 'low', 'very-low', 'none']

/** How many devices fall in each risk level. */
export function riskDistribution(levels: Iterable<DeviceRiskBreakdown['level']>): Readonly<Record<DeviceRiskBreakdown['level'], number>> {
  const counts: Record<DeviceRiskBreakdown['level'], number> = { 'very-high': 0, high: 0, moderate: 0, low: 0, 'very-low': 0, none: 0 }
  for (const level of levels) counts[level]++
  return counts
}
