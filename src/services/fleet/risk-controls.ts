import { parseControlKind } from '../../domain/risk/risk-register.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import type { RiskControlView } from './risk-entry-view.js'

/** Records a compensating control (segmentation, allow-listing, service disabled, monitoring, physical, other) on a register entry (analyst+). */
export async function addRiskControl(ctx: OrgContext, entryId: string, input: { kind?: unknown; description?: unknown }): Promise<ServiceResult<RiskControlView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const kind = parseControlKind(input.kind)
  if (!kind.ok) return serviceError('validation_failed', kind.error.message, { code: kind.error.code })
  if (typeof input.description !== 'string' || input.description.trim() === '' || input.description.length > 2000) {
    return serviceError('validation_failed', 'describe the control (1-2000 characters), e.g. "VLAN 40, only PACS may reach port 104"', { code: 'risk_control_description_invalid' })
  }
  const description = input.description.trim()
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const entry = await fleetRiskRepository.findEntry(trx, ctx.scope, entryId)
    if (!entry) return serviceError('not_found', 'no such risk register entry')
    const row = await fleetRiskRepository.addControl(trx, ctx.scope, entry.id, { kind: kind.value, description, by: ctx.actor.label })
    return {
      ok: true,
      value: {
        value: { id: row.id, kind: row.kind, description: row.description, createdBy: row.created_by_label, createdAt: row.created_at.toISOString() },
        audit: auditFrom(ctx, { action: 'fleet.risk_control_add', targetType: 'fleet_risk_entry', targetId: entry.id, details: { controlId: row.id, kind: row.kind, description } }),
      },
    }
  })
}

/** Removes a control from an entry (analyst+); the row stays, marked removed, and the audit log records it. */
export async function removeRiskControl(ctx: OrgContext, entryId: string, controlId: string): Promise<ServiceResult<{ id: string }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const entry = await fleetRiskRepository.findEntry(trx, ctx.scope, entryId)
    if (!entry) return serviceError('not_found', 'no such risk register entry')
    const row = await fleetRiskRepository.removeControl(trx, ctx.scope, entry.id, controlId)
    if (!row) return serviceError('not_found', 'no such control on this entry')
    return { ok: true, value: { value: { id: row.id }, audit: auditFrom(ctx, { action: 'fleet.risk_control_remove', targetType: 'fleet_risk_entry', targetId: entry.id, details: { controlId: row.id, kind: row.kind } }) } }
  })
}
