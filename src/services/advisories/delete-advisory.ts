import { advisoryRepository } from '../../store/repositories/advisories.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Deletes a draft that was never published (analysts and admins); published advisories stay, as their history must. */
export async function deleteAdvisory(ctx: OrgContext, advisoryId: string): Promise<ServiceResult<void>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    const row = await advisoryRepository.find(trx, ctx.scope, advisoryId)
    if (!row) return serviceError('not_found', 'no such advisory')
    if (await advisoryRepository.fileOf(trx, ctx.scope, advisoryId)) return serviceError('conflict', 'a published advisory cannot be deleted; publish a new revision instead')
    await advisoryRepository.delete(trx, ctx.scope, advisoryId)
    return {
      ok: true,
      value: { value: undefined, audit: auditFrom(ctx, { action: 'advisory.delete', targetType: 'advisory', targetId: advisoryId, details: { trackingId: row.tracking_id, title: row.title } }) },
    }
  })
}
