import { checkRegisterFields, type RegisterEntryInput } from '../../domain/risk/risk-register.js'
import { fleetRiskRepository, type RiskEntryChanges } from '../../store/repositories/fleet-risk.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/**
 * Changes a register entry's title, description, levels or status (open, mitigating, closed) (analyst+). Moving an
 * accepted entry to another status ends the acceptance; its history stays in the audit log.
 */
export async function updateRiskEntry(ctx: OrgContext, entryId: string, input: RegisterEntryInput): Promise<ServiceResult<{ id: string }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const fields = checkRegisterFields(input, false)
  if (!fields.ok) return serviceError('validation_failed', fields.error.message, { code: fields.error.code })
  const f = fields.value
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const current = await fleetRiskRepository.findEntry(trx, ctx.scope, entryId)
    if (!current) return serviceError('not_found', 'no such risk register entry')
    const changes: RiskEntryChanges = {
      ...(f.title !== undefined ? { title: f.title } : {}),
      ...(f.description !== undefined ? { description: f.description } : {}),
      ...(f.likelihood !== undefined ? { likelihood: f.likelihood } : {}),
      ...(f.impact !== undefined ? { impact: f.impact } : {}),
      ...(f.residualLikelihood !== undefined ? { residual_likelihood: f.residualLikelihood } : {}),
      ...(f.status !== undefined ? { status: f.status } : {}),
      ...(f.status !== undefined && current.status === 'accepted' ? { acceptance_owner: null, acceptance_rationale: null, acceptance_expires: null, accepted_by: null, accepted_at: null } : {}),
    }
    const row = await fleetRiskRepository.updateEntry(trx, ctx.scope, entryId, changes)
    if (!row) return serviceError('not_found', 'no such risk register entry')
    return { ok: true, value: { value: { id: row.id }, audit: auditFrom(ctx, { action: 'fleet.risk_entry_update', targetType: 'fleet_risk_entry', targetId: row.id, details: { ...f, previousStatus: current.status } }) } }
  })
}
