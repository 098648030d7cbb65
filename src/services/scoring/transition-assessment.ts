import { transitionPostmarketCase, type PostmarketCommand } from '../../domain/risk/index.js'
import { assessmentRepository } from '../../store/repositories/assessments.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { assessmentView, caseColumns, caseOf, determinationFor, invalidInput, isUuid, todayUtc, type Assessment, type DeterminationRequest } from './assessment.js'

/** A state-machine command on an assessment's postmarket case: `determine` needs a determination, `reopen` a note. */
export interface AssessmentTransition {
  readonly kind: PostmarketCommand['kind']
  readonly determination?: DeterminationRequest
  readonly note?: string
}

/**
 * Applies a transition of the postmarket case (analysts and admins): the new state, determination and history are
 * stored with one audit entry; a transition the current state does not accept is `postmarket_invalid_transition`.
 */
export async function transitionAssessment(ctx: OrgContext, id: string, request: AssessmentTransition, now = new Date()): Promise<ServiceResult<Assessment>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const note = request.note?.trim() ?? ''
  if (request.kind === 'reopen' && !note) return serviceError('validation_failed', 'reopening a case needs a note saying why', { code: 'postmarket_note_required' })
  const requested = request.determination
  if (request.kind === 'determine' && requested === undefined) return serviceError('validation_failed', 'a determination needs its inputs (harm, and exploitability unless a CVSS score gives it)', { code: 'fda_determination_required' })
  if (!isUuid(id)) return serviceError('not_found', 'no such assessment')
  return auditedWrite(ctx.db, async (trx) => {
    if (!(await assessmentRepository.lock(trx, ctx.scope, id))) return serviceError('not_found', 'no such assessment')
    const row = (await assessmentRepository.find(trx, ctx.scope, id))!
    const base = { at: now.toISOString(), actor: ctx.actor.label }
    const withNote = note ? { note } : {}
    let command: PostmarketCommand
    if (request.kind === 'determine' && requested !== undefined) {
      const determination = determinationFor(requested, assessmentView(row).cvss, row.rubric_answers !== null, todayUtc(now))
      if (!determination.ok) return invalidInput(determination.error)
      command = { kind: 'determine', ...base, ...withNote, determination: determination.value }
    } else if (request.kind === 'reopen') {
      command = { kind: 'reopen', ...base, note }
    } else if (request.kind === 'start_remediation' || request.kind === 'close') {
      command = { kind: request.kind, ...base, ...withNote }
    } else {
      return serviceError('validation_failed', `unknown transition ${request.kind}`)
    }
    const moved = transitionPostmarketCase(caseOf(row), command)
    if (!moved.ok) {
      return moved.error.code === 'postmarket_invalid_transition'
        ? serviceError('postmarket_invalid_transition', moved.error.message, moved.error.details)
        : invalidInput(moved.error)
    }
    await assessmentRepository.updateCase(trx, ctx.scope, id, caseColumns(moved.value.case, now))
    const { event } = moved.value
    const updated = (await assessmentRepository.find(trx, ctx.scope, id))!
    return {
      ok: true,
      value: {
        value: assessmentView(updated),
        audit: auditFrom(ctx, {
          action: `assessment.${event.kind}`,
          targetType: 'assessment',
          targetId: id,
          details: { vulnerabilityId: row.vulnerability_id, from: event.from, to: event.to, risk: event.determination?.risk ?? null, note: event.note ?? null },
        }),
      },
    }
  })
}
