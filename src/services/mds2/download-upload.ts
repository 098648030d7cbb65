import { mds2Repository } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { safeFilename, type Download } from './views.js'

/** The original bytes of an uploaded vendor file, exactly as received, with their SHA-256. */
export async function downloadMds2Upload(ctx: OrgContext, uploadId: string): Promise<ServiceResult<Download & { sha256: string }>> {
  const found = await mds2Repository.findUploadOriginal(ctx.db, ctx.scope, uploadId)
  if (!found) return serviceError('not_found', 'no such upload')
  const dot = found.filename.lastIndexOf('.')
  const filename = dot > 0 ? `${safeFilename(found.filename.slice(0, dot))}.${safeFilename(found.filename.slice(dot + 1))}` : safeFilename(found.filename)
  return {
    ok: true,
    value: { filename, contentType: 'application/octet-stream', bytes: found.original, sha256: found.sha256 },
  }
}
