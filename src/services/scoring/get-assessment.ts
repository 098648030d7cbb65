import { assessmentRepository } from '../../store/repositories/assessments.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { assessmentView, isUuid, type Assessment } from './assessment.js'

/** One assessment of the organization, with its case history. */
export async function getAssessment(ctx: OrgContext, id: string): Promise<ServiceResult<Assessment>> {
  if (!isUuid(id)) return serviceError('not_found', 'no such assessment')
  const row = await assessmentRepository.find(ctx.db, ctx.scope, id)
  return row ? { ok: true, value: assessmentView(row) } : serviceError('not_found', 'no such assessment')
}
