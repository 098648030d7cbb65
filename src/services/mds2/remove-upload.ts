import { mds2Repository } from '../../store/repositories/mds2.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/**
 * Removes an uploaded vendor file from the organization's lists and comparisons (analysts and admins). The original
 * bytes and their SHA-256 stay stored as evidence of what was received.
 */
export async function removeMds2Upload(ctx: OrgContext, uploadId: string): Promise<ServiceResult<void>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    const removed = await mds2Repository.removeUpload(trx, ctx.scope, uploadId, ctx.actor.label)
    if (!removed) return serviceError('not_found', 'no such upload')
    return {
      ok: true,
      value: {
        value: undefined,
        audit: auditFrom(ctx, { action: 'mds2.upload_remove', targetType: 'mds2_upload', targetId: uploadId, details: { filename: removed.filename, sha256: removed.sha256 } }),
      },
    }
  })
}
