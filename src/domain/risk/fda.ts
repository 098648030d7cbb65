// FDA "Postmarket Management of Cybersecurity in Medical Devices" (final guidance, 28 Dec 2016), §VI-VII: a binary
// determination, controlled or uncontrolled risk of patient harm, from exploitability and severity of harm, and
// the actions each outcome calls for. The guidance's matrix is a figure without recoverable cell boundaries, so the
// default matrix below is a platform design choice that each manufacturer can replace with its own.
import { fail, ok, problem, type Result } from '../result.js'
import { formatIsoDate, parseIsoDate } from './calendar.js'

/** Exploitability levels, lowest first. */
export const exploitabilityLevels = ['low', 'medium', 'high'] as const

/** A qualitative exploitability level. */
export type Exploitability = (typeof exploitabilityLevels)[number]

/** Where the exploitability came from. */
export type ExploitabilitySource = 'cvss' | 'rubric' | 'epss' | 'kev' | 'analyst'

/** The severity of patient harm (ISO 14971 qualitative levels, as listed in the guidance), lowest first. */
export const patientHarmLevels = ['negligible', 'minor', 'serious', 'critical', 'catastrophic'] as const

/** One severity-of-harm level. */
export type PatientHarm = (typeof patientHarmLevels)[number]

/** What each harm level means (guidance §VI, from ISO 14971). */
export const patientHarmMeaning: Readonly<Record<PatientHarm, string>> = {
  negligible: 'Inconvenience or temporary discomfort',
  minor: 'Temporary injury or impairment not requiring professional medical intervention',
  serious: 'Injury or impairment requiring professional medical intervention',
  critical: 'Permanent impairment or life-threatening injury',
  catastrophic: 'Patient death',
}

/** The binary outcome the guidance asks for. */
export type RiskControl = 'controlled' | 'uncontrolled'

/** A manufacturer's evaluation matrix: exploitability x severity of harm -> controlled or uncontrolled. */
export type FdaRiskMatrix = Readonly<Record<Exploitability, Readonly<Record<PatientHarm, RiskControl>>>>

const C = 'controlled'
const U = 'uncontrolled'

/**
 * The default matrix (a design choice, not FDA text): the guidance's figure puts high exploitability with high
 * severity in the uncontrolled region; here catastrophic harm is uncontrolled at any exploitability, critical from
 * medium, serious only at high exploitability, and minor or negligible harm is always controlled.
 */
export const defaultFdaMatrix: FdaRiskMatrix = {
  low: { negligible: C, minor: C, serious: C, critical: C, catastrophic: U },
  medium: { negligible: C, minor: C, serious: C, critical: U, catastrophic: U },
  high: { negligible: C, minor: C, serious: U, critical: U, catastrophic: U },
}

/** The inputs of a determination. */
export interface FdaDeterminationInput {
  readonly exploitability: Exploitability
  readonly exploitabilitySource: ExploitabilitySource
  readonly harm: PatientHarm
  /** Whether the vulnerability can degrade the device's essential (clinical) performance. */
  readonly essentialPerformanceImpact: boolean
  /** The determination date `YYYY-MM-DD`; due dates count from it. */
  readonly date: string
  /** Known serious adverse events or deaths linked to the vulnerability (then 21 CFR 803 and 806 apply). */
  readonly seriousAdverseEvents?: boolean
  /** A PMA device reports cybersecurity changes in its periodic (annual) report, 21 CFR 814.84. */
  readonly pmaDevice?: boolean
  readonly matrix?: FdaRiskMatrix
}

/** One action the outcome calls for. */
export interface FdaObligation {
  readonly id: string
  readonly title: string
  readonly detail: string
  /** Required by the guidance or a regulation, or only recommended/encouraged. */
  readonly required: boolean
  readonly dueDate?: string
  readonly reference: string
}

/** When a 21 CFR 806 report is needed. */
export type Report806 =
  | { readonly kind: 'not-required'; readonly reason: string }
  | { readonly kind: 'required'; readonly reason: string }
  /** Required unless every condition of the guidance's enforcement discretion holds. */
  | { readonly kind: 'required-unless'; readonly conditions: readonly string[] }

/** A postmarket determination: the outcome, why, and what must happen by when. */
export interface FdaDetermination {
  readonly kind: 'fda-determination'
  readonly risk: RiskControl
  readonly date: string
  readonly exploitability: Exploitability
  readonly exploitabilitySource: ExploitabilitySource
  readonly harm: PatientHarm
  /** The harm used in the matrix: at least serious when essential performance is affected. */
  readonly effectiveHarm: PatientHarm
  readonly essentialPerformanceImpact: boolean
  readonly rationale: string
  readonly obligations: readonly FdaObligation[]
  readonly report806: Report806
}

const harmRank = (harm: PatientHarm): number => patientHarmLevels.indexOf(harm)

/** Reads an exploitability level. */
export function parseExploitability(text: string): Result<Exploitability> {
  const value = text.trim().toLowerCase()
  return (exploitabilityLevels as readonly string[]).includes(value)
    ? ok(value as Exploitability)
    : fail(problem('fda_invalid_exploitability', `exploitability must be one of ${exploitabilityLevels.join(', ')}`))
}

/** Reads a severity-of-harm level. */
export function parsePatientHarm(text: string): Result<PatientHarm> {
  const value = text.trim().toLowerCase()
  return (patientHarmLevels as readonly string[]).includes(value)
    ? ok(value as PatientHarm)
    : fail(problem('fda_invalid_harm', `harm must be one of ${patientHarmLevels.join(', ')}`))
}

/** Makes the binary controlled/uncontrolled determination and lists the obligations with their due dates. */
export function determineFdaRisk(input: FdaDeterminationInput): Result<FdaDetermination> {
  const date = parseIsoDate(input.date)
  if (!date.ok) return date
  // Inputs may come from JSON at run time, so the levels are checked even though the types promise them.
  const exploitabilityLevel = parseExploitability(String(input.exploitability))
  if (!exploitabilityLevel.ok) return exploitabilityLevel
  const harmLevel = parsePatientHarm(String(input.harm))
  if (!harmLevel.ok) return harmLevel
  // IEC 60601-1 defines essential performance as performance whose loss gives unacceptable risk, so a vulnerability
  // that can degrade it is weighed as at least serious harm.
  const effectiveHarm = input.essentialPerformanceImpact && harmRank(input.harm) < harmRank('serious') ? 'serious' : input.harm
  const matrix = input.matrix ?? defaultFdaMatrix
  const risk = matrix[input.exploitability][effectiveHarm]
  const due = (days: number): string => formatIsoDate(date.value + days)
  const harmNote = effectiveHarm === input.harm ? input.harm : `${input.harm}, weighed as ${effectiveHarm} because essential performance is affected`
  const rationale = `Exploitability ${input.exploitability} (from ${input.exploitabilitySource}) with ${harmNote} harm is ${risk} in the ${input.matrix ? 'manufacturer\'s' : 'default'} matrix.`
  const obligations: FdaObligation[] = []
  const sae = input.seriousAdverseEvents === true
  let report806: Report806
  if (risk === 'uncontrolled') {
    obligations.push(
      { id: 'notify_customers', title: 'Communicate with customers and the user community', detail: 'Describe the vulnerability with an impact assessment, state that remediation is under way, describe compensating controls, and state that a fix or defence-in-depth strategy is coming. Document the timeline rationale.', required: true, dueDate: due(30), reference: 'FDA 2016 postmarket guidance §VII.B (2)' },
      { id: 'compensating_controls', title: 'Identify interim compensating controls', detail: 'Controls that lower the risk until the fix is deployed; include them in the re-assessment.', required: true, dueDate: due(30), reference: 'FDA 2016 postmarket guidance §VII.B (2)' },
      { id: 'remediation_plan', title: 'Develop a remediation plan', detail: 'Plan to bring the residual risk of patient harm to an acceptable level.', required: true, dueDate: due(30), reference: 'FDA 2016 postmarket guidance §VII.B (2)' },
      { id: 'fix_distributed', title: 'Fix, validate and distribute the deployable fix', detail: 'Remediate so that residual risk is acceptable; validate under 21 CFR 820.30(g); follow up beyond 60 days as needed.', required: true, dueDate: due(60), reference: 'FDA 2016 postmarket guidance §VII.B (3)' },
      { id: 'isao_sharing', title: 'Share with an ISAO', detail: 'Participate actively in an ISAO (e.g. H-ISAC) and give it the customer communications.', required: false, reference: 'FDA 2016 postmarket guidance §VII.B (4), §IX' },
      { id: 'premarket_evaluation', title: 'Evaluate whether a premarket submission is needed', detail: 'Assess the change against 21 CFR 807.81(a)(3) (510(k)) or the PMA supplement rules.', required: true, reference: 'FDA 2016 postmarket guidance §VII' },
    )
    if (sae) {
      obligations.push({ id: 'report_803', title: 'Report the adverse events (MDR)', detail: 'Serious adverse events or deaths are reported under 21 CFR 803.', required: true, reference: '21 CFR 803' })
      report806 = { kind: 'required', reason: 'Serious adverse events or deaths are known, so the enforcement discretion does not apply; report under 21 CFR 806 (within 10 working days of initiating the correction, 806.10(b)) unless already reported under 803 or 1004.' }
    } else {
      report806 = {
        kind: 'required-unless',
        conditions: [
          'no serious adverse events or deaths are known to be associated with the vulnerability',
          `within 30 days (by ${due(30)}) customers and the user community were told of the vulnerability, interim compensating controls were identified and a remediation plan was developed`,
          `within 60 days (by ${due(60)}) the fix was validated and distributed so the residual risk is acceptable`,
          'the manufacturer actively participates in an ISAO and shares the vulnerability and customer communications with it',
        ],
      }
    }
  } else {
    obligations.push(
      { id: 'routine_update', title: 'Optional defence-in-depth update', detail: 'Changes made only to strengthen security are routine updates and patches (device enhancements).', required: false, reference: 'FDA 2016 postmarket guidance §VII.A' },
      { id: 'customer_communication', title: 'Communicate with customers', detail: 'Encouraged: describe the vulnerability, the secure configuration and any compensating controls.', required: false, reference: 'FDA 2016 postmarket guidance §VII.A' },
    )
    if (sae) obligations.push({ id: 'report_803', title: 'Report the adverse events (MDR)', detail: 'Serious adverse events or deaths are reported under 21 CFR 803; reconsider the determination.', required: true, reference: '21 CFR 803' })
    report806 = { kind: 'not-required', reason: 'Routine updates and patches for controlled risk are generally not reportable under 21 CFR 806.' }
  }
  if (input.pmaDevice === true) {
    obligations.push({ id: 'pma_annual_report', title: 'Include in the PMA periodic (annual) report', detail: 'Vulnerability, determination, change, rationale, related submissions and events, UDI, advisory links, customer notifications and ISAO reporting.', required: true, reference: '21 CFR 814.84; FDA 2016 postmarket guidance §VIII' })
  }
  return ok({
    kind: 'fda-determination', risk, date: input.date, exploitability: input.exploitability, exploitabilitySource: input.exploitabilitySource,
    harm: input.harm, effectiveHarm, essentialPerformanceImpact: input.essentialPerformanceImpact, rationale, obligations, report806,
  })
}

/**
 * Maps a CVSS score to an exploitability level for the FDA matrix: a design default (below 4 low, below 7 medium,
 * else high) for teams that use the rubric or CVSS as the exploitability input.
 */
export function exploitabilityFromCvss(score: number): Exploitability {
  return score < 4 ? 'low' : score < 7 ? 'medium' : 'high'
}
