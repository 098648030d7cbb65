import { disclosureStateLabels, statusMail, transitionDisclosureCase, type DisclosureCommand } from '../../domain/disclosure/index.js'
import { disclosureRepository, isUuid, type DisclosureCasePatch } from '../../store/repositories/disclosure.js'
import { disclosureLinkRepository } from '../../store/repositories/disclosure-links.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { caseState } from './case-view.js'
import { queueReporterMail } from './reporter-mail.js'
import { getCase } from './get-case.js'
import type { CaseDetail } from './case-view.js'

/**
 * Moves a case through the ISO/IEC 30111 workflow (analysts and admins). The step and its note appear on the
 * reporter's portal and, when they gave an address, in an e-mail to them; publishing links the advisory.
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
    let publishedWith: { id: string; trackingId: string } | undefined
    if (command.kind === 'publish') {
      patch.published_at = row.published_at ?? now
      const advisoryId = command.advisoryId?.trim().toLowerCase()
      if (advisoryId) {
        const own = await disclosureLinkRepository.ownAdvisories(trx, ctx.scope, isUuid(advisoryId) ? [advisoryId] : [])
        const trackingId = own.get(advisoryId)
        if (!trackingId) return serviceError('validation_failed', `not an advisory of ${ctx.org.name}: ${advisoryId}`, { code: 'disclosure_unknown_advisory', ids: [advisoryId] })
        publishedWith = { id: advisoryId, trackingId }
        await disclosureLinkRepository.addAdvisories(trx, ctx.scope, row.id, new Map([[advisoryId, trackingId]]), now)
      }
    }
    if (command.kind === 'close') patch.closed_at = now
    if (command.kind === 'reopen') patch.closed_at = null
    const updated = await disclosureRepository.updateCase(trx, ctx.scope, row.id, patch)
    const publishNote = publishedWith ? ` Advisory: ${publishedWith.trackingId}.` : ''
    await disclosureThreadRepository.addEvent(
      trx,
      ctx.scope,
      row.id,
      { kind: command.kind, fromState: next.value.from, toState: next.value.state, summary: next.value.summary + publishNote, note: command.note?.trim() || null, visibleToReporter: true, actorLabel: ctx.actor.label },
      now,
    )
    await queueReporterMail(trx, ctx.scope, row, statusMail({ manufacturer: ctx.org.name, reference: row.reference }, disclosureStateLabels[next.value.state], command.note?.trim() || null), now)
    return {
      ok: true,
      value: {
        value: updated.id,
        audit: auditFrom(ctx, {
          action: `disclosure.case_${command.kind}`,
          targetType: 'disclosure_case',
          targetId: row.id,
          details: { reference: row.reference, from: next.value.from, to: next.value.state, triageOutcome: next.value.triageOutcome, note: command.note ?? null, ...(publishedWith ? { advisoryId: publishedWith.id } : {}) },
        }),
      },
    }
  })
  return written.ok ? getCase(ctx, written.value, now) : written
}
