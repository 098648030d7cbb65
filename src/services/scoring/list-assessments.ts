import { assessmentRepository } from '../../store/repositories/assessments.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { assessmentView, type Assessment } from './assessment.js'

/** Lists the organization's assessments, most recently changed first. */
export async function listAssessments(ctx: OrgContext): Promise<ServiceResult<Assessment[]>> {
  return { ok: true, value: (await assessmentRepository.list(ctx.db, ctx.scope)).map(assessmentView) }
}
