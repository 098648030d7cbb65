import { diff, type Mds2Diff } from '../../domain/mds2/index.js'
import { mds2Repository } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { storedDocument } from './views.js'

/** Two revisions compared. */
export interface Mds2RevisionDiff extends Mds2Diff {
  readonly from: number
  readonly to: number
}

/** Compares two revisions of a product version's MDS2; by default the current one against the one before it. */
export async function diffMds2Revisions(ctx: OrgContext, versionId: string, from?: number, to?: number): Promise<ServiceResult<Mds2RevisionDiff>> {
  const productVersion = await mds2Repository.findProductVersion(ctx.db, ctx.scope, versionId)
  if (!productVersion) return serviceError('not_found', 'no such product version')
  const stored = await mds2Repository.findDocumentByVersion(ctx.db, ctx.scope, versionId)
  if (!stored) return serviceError('not_found', 'this product version has no MDS2 yet')
  const after = to ?? stored.current_revision
  const before = from ?? Math.max(1, after - 1)
  const [a, b] = await Promise.all([
    mds2Repository.findRevision(ctx.db, ctx.scope, stored.id, before),
    mds2Repository.findRevision(ctx.db, ctx.scope, stored.id, after),
  ])
  if (!a) return serviceError('not_found', `revision ${before} does not exist`)
  if (!b) return serviceError('not_found', `revision ${after} does not exist`)
  return { ok: true, value: { from: before, to: after, ...diff(storedDocument(a.content), storedDocument(b.content)) } }
}
