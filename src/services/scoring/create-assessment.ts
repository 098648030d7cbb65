import { randomUUID } from 'node:crypto'
import { applyRubric, scoreCvssVector, type CvssScore, type RubricResult } from '../../domain/cvss/index.js'
import { newPostmarketCase, transitionPostmarketCase, type PostmarketCase } from '../../domain/risk/index.js'
import { assessmentRepository } from '../../store/repositories/assessments.js'
import { productRepository } from '../../store/repositories/products.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { assessmentView, caseColumns, determinationFor, invalidInput, todayUtc, type Assessment, type DeterminationRequest } from './assessment.js'

/** What an analyst gives for a new assessment. */
export interface NewAssessmentInput {
  /** A CVE id or free text. */
  readonly vulnerabilityId: string
  readonly title?: string | null
  readonly productId?: string
  /** A version of the product, as its text (e.g. "3.2"). */
  readonly version?: string
  readonly cvssVector?: string
  /** MITRE rubric answers keyed by question id; the rubric's v3.1 vector becomes the assessment's base vector. */
  readonly rubricAnswers?: Readonly<Record<string, unknown>>
  /** An FDA determination to make right away (the case then starts as "determined"). */
  readonly determination?: DeterminationRequest
  readonly note?: string
}

const RUBRIC_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const

/**
 * Records an assessment (analysts and admins): the vector is scored, the rubric applied, the product and version
 * checked to belong to the organization, and an optional first determination applied to a new postmarket case.
 */
export async function createAssessment(ctx: OrgContext, input: NewAssessmentInput, now = new Date()): Promise<ServiceResult<Assessment>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const vulnerabilityId = input.vulnerabilityId.trim()
  if (!vulnerabilityId) return serviceError('validation_failed', 'an assessment needs a vulnerability id (a CVE id or a short name)')
  if (input.version !== undefined && input.productId === undefined) return serviceError('validation_failed', 'a version needs its product')

  let rubric: RubricResult | undefined
  if (input.rubricAnswers !== undefined) {
    const applied = applyRubric(input.rubricAnswers)
    if (!applied.ok) return invalidInput(applied.error)
    if (!applied.value.complete) {
      return serviceError('validation_failed', `the rubric is incomplete: answer ${applied.value.missing.join(', ')}`, { code: 'rubric_incomplete', missing: applied.value.missing })
    }
    rubric = applied.value
  }
  let cvss: CvssScore | null = null
  const vector = input.cvssVector?.trim() || rubric?.vector
  if (vector !== undefined) {
    const scored = scoreCvssVector(vector)
    if (!scored.ok) return invalidInput(scored.error)
    cvss = scored.value
    if (rubric !== undefined && input.cvssVector !== undefined && !sameRubricBase(vector, rubric)) {
      return serviceError('validation_failed', `the vector's base metrics must be the rubric's ${rubric.vector}`, { code: 'rubric_vector_mismatch', rubricVector: rubric.vector })
    }
  }
  let current: PostmarketCase = newPostmarketCase()
  if (input.determination !== undefined) {
    const determination = determinationFor(input.determination, cvss, rubric !== undefined, todayUtc(now))
    if (!determination.ok) return invalidInput(determination.error)
    const moved = transitionPostmarketCase(current, { kind: 'determine', at: now.toISOString(), actor: ctx.actor.label, determination: determination.value, ...(input.note ? { note: input.note } : {}) })
    if (!moved.ok) return invalidInput(moved.error)
    current = moved.value.case
  }

  return auditedWrite(ctx.db, async (trx) => {
    let productId: string | null = null
    let versionId: string | null = null
    if (input.productId !== undefined) {
      const product = await productRepository.find(trx, ctx.scope, input.productId)
      if (!product) return serviceError('validation_failed', 'no such product in this organization', { code: 'unknown_product' })
      productId = product.id
      if (input.version !== undefined) {
        const version = await productRepository.findVersion(trx, ctx.scope, product.id, input.version)
        if (!version) return serviceError('validation_failed', `${product.name} has no version ${input.version}`, { code: 'unknown_product_version' })
        versionId = version.id
      }
    }
    const id = randomUUID()
    await assessmentRepository.create(trx, ctx.scope, {
      id,
      vulnerability_id: vulnerabilityId,
      title: input.title?.trim() || null,
      product_id: productId,
      product_version_id: versionId,
      cvss_vector: cvss?.vector ?? null,
      cvss_version: cvss?.version ?? null,
      cvss_base_score: cvss?.baseScore ?? null,
      cvss_score: cvss?.score ?? null,
      cvss_severity: cvss?.severity ?? null,
      cvss_scores: cvss === null ? null : JSON.stringify(cvss),
      rubric_answers: rubric === undefined ? null : JSON.stringify(input.rubricAnswers),
      rubric_rationale: rubric === undefined ? null : JSON.stringify(rubric.rationale),
      ...caseColumns(current, now),
      created_by: ctx.actor.label,
      created_at: now,
    })
    const stored = await assessmentRepository.find(trx, ctx.scope, id)
    return {
      ok: true,
      value: {
        value: assessmentView(stored!),
        audit: auditFrom(ctx, {
          action: 'assessment.create',
          targetType: 'assessment',
          targetId: id,
          details: { vulnerabilityId, productId, versionId, vector: cvss?.vector ?? null, score: cvss?.score ?? null, rubric: rubric !== undefined, state: current.state, risk: current.determination?.risk ?? null },
        }),
      },
    }
  })
}

/** Whether a v3.1 vector has the eight base metrics the rubric decided. */
function sameRubricBase(vector: string, rubric: RubricResult): boolean {
  if (!vector.startsWith('CVSS:3.1/')) return false
  const metrics = new Map(vector.slice(9).split('/').map((part) => part.split(':') as [string, string]))
  return RUBRIC_METRICS.every((metric) => rubric.rationale.find((r) => r.metric === metric)?.value === metrics.get(metric))
}
