import { transitionDisclosureCase, type DisclosureCommand } from '../../domain/disclosure/index.js'
import { disclosureRepository, type DisclosureCasePatch } from '../../store/repositories/disclosure.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { caseState } from './case-view.js'
import { getCase } from './get-case.js'
import type { CaseDetail } from './case-view.js'

/**
 * Moves a case through the ISO/IEC 30111 workflow (analysts and admins). The step and its note appear on the
 * reporter's portal; publishing records the advisory reference.
 */
export async function transitionCase(ctx: OrgContext, caseId: string, command: DisclosureCommand, now = new Date()): Promise<ServiceResult<CaseDetail>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const written = await auditedWrite(ctx.db, async (trx) => {
    const row = await disclosureRepository.findCase(trx, ctx.scope, caseId)
    if (!row) return serviceError('not_found', 'no such case')
    const next = transitionDisclosureCase(caseState(row), command)
    if (!next.ok) return serviceError(next.error.code === 'disclosure_invalid_transition' ? 'disclosure_invalid_transition' : 'validation_failed', next.error.message, next.error.details)
    const patch: DisclosureCasePatch = { state: next.value.state, triage_outcome: next.value.triageOutcome, updated_at: now }
    if (command.kind === 'acknowledge') patch.acknowledged_at = row.acknowledged_at ?? now
    if (command.kind === 'triage') {
      patch.triaged_at = row.triaged_at ?? now
      patch.duplicate_of = command.outcome === 'duplicate' ? (command.duplicateOf?.trim() || null) : null
    }
    if (command.kind === 'start_remediation') patch.remediation_started_at = row.remediation_started_at ?? now
    if (command.kind === 'publish') {
      patch.published_at = row.published_at ?? now
      const refs = Array.isArray(row.advisory_refs) ? (row.advisory_refs as string[]) : []
      const ref = command.advisoryRef?.trim()
      if (ref && !refs.includes(ref)) patch.advisory_refs = JSON.stringify([...refs, ref])
    }
    if (command.kind === 'close') patch.closed_at = now
    if (command.kind === 'reopen') patch.closed_at = null
    const updated = await disclosureRepository.updateCase(trx, ctx.scope, row.id, patch)
    const publishNote = command.kind === 'publish' && command.advisoryRef?.trim() ? ` Advisory: ${command.advisoryRef.trim()}.` : ''
    await disclosureThreadRepository.addEvent(
      trx,
      ctx.scope,
      row.id,
      { kind: command.kind, fromState: next.value.from, toState: next.value.state, summary: next.value.summary + publishNote, note: command.note?.trim() || null, visibleToReporter: true, actorLabel: ctx.actor.label },
      now,
    )
    return {
      ok: true,
      value: {
        value: updated.id,
        audit: auditFrom(ctx, {
          action: `disclosure.case_${command.kind}`,
          targetType: 'disclosure_case',
          targetId: row.id,
          details: { reference: row.reference, from: next.value.from, to: next.value.state, triageOutcome: next.value.triageOutcome, note: command.note ?? null },
        }),
      },
    }
  })
  return written.ok ? getCase(ctx, written.value, now) : written
}
