// What the assessment use cases share: the view the API returns, the row <-> case mapping, and how a request
// for an FDA determination becomes the domain's input.
import type { CvssScore, RubricAnswer, RubricMetricRationale } from '../../domain/cvss/index.js'
import { fail, problem, type Problem, type Result } from '../../domain/result.js'
import {
  determineFdaRisk, exploitabilityFromCvss, parseExploitability, parsePatientHarm, postmarketTransitions,
  type Exploitability, type ExploitabilitySource, type FdaDetermination, type PostmarketCase, type PostmarketEvent, type PostmarketState,
} from '../../domain/risk/index.js'
import type { AssessmentCaseUpdate, AssessmentWithProduct } from '../../store/repositories/assessments.js'
import { serviceError, type ServiceError } from '../context.js'

/** An assessment as the API shows it. */
export interface Assessment {
  readonly id: string
  readonly vulnerabilityId: string
  readonly title: string | null
  readonly product: { readonly id: string; readonly name: string } | null
  readonly version: { readonly id: string; readonly version: string } | null
  readonly cvss: CvssScore | null
  readonly rubric: { readonly answers: Readonly<Record<string, RubricAnswer>>; readonly rationale: readonly RubricMetricRationale[] } | null
  readonly case: PostmarketCase
  /** The commands the case accepts now. */
  readonly allowedTransitions: readonly string[]
  readonly risk: 'controlled' | 'uncontrolled' | null
  readonly determinationDate: string | null
  readonly nextDueDate: string | null
  readonly createdBy: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** What a caller gives for an FDA determination; exploitability defaults to the one the CVSS score implies. */
export interface DeterminationRequest {
  readonly exploitability?: string
  readonly exploitabilitySource?: ExploitabilitySource
  readonly harm: string
  readonly essentialPerformanceImpact?: boolean
  readonly seriousAdverseEvents?: boolean
  readonly pmaDevice?: boolean
  /** YYYY-MM-DD; default today (UTC). */
  readonly date?: string
}

/** The case a stored row holds. */
export function caseOf(row: AssessmentWithProduct): PostmarketCase {
  const determination = row.determination as FdaDetermination | null
  return {
    kind: 'postmarket-case',
    state: row.case_state as PostmarketState,
    ...(determination === null ? {} : { determination }),
    history: row.case_history as PostmarketEvent[],
  }
}

/** The columns that store a case. */
export function caseColumns(current: PostmarketCase, updatedAt: Date): AssessmentCaseUpdate {
  const determination = current.determination
  return {
    case_state: current.state,
    case_history: JSON.stringify(current.history),
    determination: determination === undefined ? null : JSON.stringify(determination),
    risk: determination?.risk ?? null,
    determination_date: determination?.date ?? null,
    next_due_date: current.state === 'closed' ? null : earliestRequiredDue(determination),
    updated_at: updatedAt,
  }
}

function earliestRequiredDue(determination: FdaDetermination | undefined): string | null {
  const dates = (determination?.obligations ?? []).flatMap((o) => (o.required && o.dueDate !== undefined ? [o.dueDate] : []))
  return dates.length === 0 ? null : dates.reduce((a, b) => (a < b ? a : b))
}

/** The API view of a stored row. */
export function assessmentView(row: AssessmentWithProduct): Assessment {
  const current = caseOf(row)
  const rubricAnswers = row.rubric_answers as Record<string, RubricAnswer> | null
  return {
    id: row.id,
    vulnerabilityId: row.vulnerability_id,
    title: row.title,
    product: row.product_id === null ? null : { id: row.product_id, name: row.product_name ?? '' },
    version: row.product_version_id === null ? null : { id: row.product_version_id, version: row.product_version ?? '' },
    cvss: row.cvss_scores as CvssScore | null,
    rubric: rubricAnswers === null ? null : { answers: rubricAnswers, rationale: row.rubric_rationale as RubricMetricRationale[] },
    case: current,
    allowedTransitions: postmarketTransitions[current.state],
    risk: row.risk as Assessment['risk'],
    determinationDate: row.determination_date,
    nextDueDate: row.next_due_date,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Makes the FDA determination a request asks for, taking the exploitability from the CVSS score when none is given. */
export function determinationFor(request: DeterminationRequest, cvss: CvssScore | null, usedRubric: boolean, today: string): Result<FdaDetermination> {
  let exploitability: Exploitability
  let source: ExploitabilitySource
  if (request.exploitability !== undefined) {
    const parsed = parseExploitability(request.exploitability)
    if (!parsed.ok) return parsed
    exploitability = parsed.value
    source = request.exploitabilitySource ?? 'analyst'
  } else if (cvss !== null) {
    exploitability = exploitabilityFromCvss(cvss.score)
    source = usedRubric ? 'rubric' : 'cvss'
  } else {
    return fail(problem('fda_missing_exploitability', 'give the exploitability, or a CVSS vector to derive it from'))
  }
  const harm = parsePatientHarm(request.harm)
  if (!harm.ok) return harm
  return determineFdaRisk({
    exploitability,
    exploitabilitySource: source,
    harm: harm.value,
    essentialPerformanceImpact: request.essentialPerformanceImpact === true,
    seriousAdverseEvents: request.seriousAdverseEvents === true,
    pmaDevice: request.pmaDevice === true,
    date: request.date ?? today,
  })
}

/** A domain problem with the caller's input, as a service error that keeps the domain's code in its details. */
export function invalidInput(found: Problem): { ok: false; error: ServiceError } {
  return serviceError('validation_failed', found.message, found.details === undefined ? { code: found.code } : { code: found.code, details: found.details })
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function todayUtc(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/** Whether an id from a path is a UUID (anything else cannot name a row, and the database would refuse the cast). */
export function isUuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)
}
