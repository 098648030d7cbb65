import { fleetRiskRepository, type DeviceRiskFacts } from '../../store/repositories/fleet-risk.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The patch/update statuses of a device. */
export const PATCH_STATUSES = ['current', 'update_available', 'update_pending', 'not_patchable'] as const

/** A patch status, or null for "unknown". */
export type PatchStatus = NonNullable<DeviceRiskFacts['patch_status']>

/** Records a device's patch/update status (current, update available, update pending, not patchable; null clears it) with an optional note (analyst+). */
export async function setPatchStatus(ctx: OrgContext, deviceId: string, input: { status?: unknown; note?: unknown }): Promise<ServiceResult<{ id: string; status: PatchStatus | null; note: string | null }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const status = input.status === null ? null : (PATCH_STATUSES as readonly unknown[]).includes(input.status) ? (input.status as PatchStatus) : undefined
  if (status === undefined) return serviceError('validation_failed', `status is one of ${PATCH_STATUSES.join(', ')} or null`, { code: 'patch_status_invalid' })
  if (input.note !== undefined && input.note !== null && (typeof input.note !== 'string' || input.note.length > 2000)) return serviceError('validation_failed', 'the note is text of at most 2000 characters', { code: 'patch_status_invalid' })
  const note = typeof input.note === 'string' && input.note.trim() !== '' ? input.note.trim() : null
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const updated = await fleetRiskRepository.setPatchStatus(trx, ctx.scope, deviceId, status, note)
    if (!updated) return serviceError('not_found', 'no such device')
    return { ok: true, value: { value: { id: deviceId, status, note }, audit: auditFrom(ctx, { action: 'device.patch_status', targetType: 'device', targetId: deviceId, details: { status, note } }) } }
  })
}
