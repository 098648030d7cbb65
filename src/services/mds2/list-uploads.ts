import { mds2Repository, type Mds2UploadMeta } from '../../store/repositories/mds2.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** The organization's uploaded vendor MDS2 files, newest first (removed ones are not listed). */
export async function listMds2Uploads(ctx: OrgContext): Promise<ServiceResult<Mds2UploadMeta[]>> {
  return { ok: true, value: await mds2Repository.listUploads(ctx.db, ctx.scope) }
}
