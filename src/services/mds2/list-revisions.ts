import { mds2Repository, type Mds2RevisionMeta } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The saved revisions of a product version's MDS2, newest first (empty when none is saved yet). */
export async function listMds2Revisions(ctx: OrgContext, versionId: string): Promise<ServiceResult<Mds2RevisionMeta[]>> {
  const productVersion = await mds2Repository.findProductVersion(ctx.db, ctx.scope, versionId)
  if (!productVersion) return serviceError('not_found', 'no such product version')
  const stored = await mds2Repository.findDocumentByVersion(ctx.db, ctx.scope, versionId)
  return { ok: true, value: stored ? await mds2Repository.listRevisions(ctx.db, ctx.scope, stored.id) : [] }
}
