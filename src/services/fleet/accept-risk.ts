import { checkAcceptance } from '../../domain/risk/risk-register.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { today as todayOf } from './get-device.js'

/**
 * Accepts a register entry's risk (admin: accepting risk is a management decision) with the owner who carries it, the
 * rationale and an expiry; the alert job tells the organization when the expiry comes near.
 */
export async function acceptRisk(ctx: OrgContext, entryId: string, input: { owner?: unknown; expires?: unknown; rationale?: unknown }, today = todayOf()): Promise<ServiceResult<{ id: string; expires: string }>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const acceptance = checkAcceptance(input, today)
  if (!acceptance.ok) return serviceError('validation_failed', acceptance.error.message, { code: acceptance.error.code })
  const a = acceptance.value
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const current = await fleetRiskRepository.findEntry(trx, ctx.scope, entryId)
    if (!current) return serviceError('not_found', 'no such risk register entry')
    if (current.status === 'closed') return serviceError('conflict', 'the entry is closed; reopen it before accepting its risk')
    const row = await fleetRiskRepository.updateEntry(trx, ctx.scope, entryId, {
      status: 'accepted',
      acceptance_owner: a.owner,
      acceptance_rationale: a.rationale,
      acceptance_expires: a.expires,
      accepted_by: ctx.actor.label,
      accepted_at: new Date(),
    })
    if (!row) return serviceError('not_found', 'no such risk register entry')
    return {
      ok: true,
      value: { value: { id: row.id, expires: a.expires }, audit: auditFrom(ctx, { action: 'fleet.risk_accept', targetType: 'fleet_risk_entry', targetId: row.id, details: { owner: a.owner, expires: a.expires, rationale: a.rationale } }) },
    }
  })
}
