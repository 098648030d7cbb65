import { diff, type Mds2Diff } from '../../domain/mds2/index.js'
import { mds2Repository, type Mds2ProductVersion } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { storedDocument } from './views.js'

/** The current MDS2 of two product versions compared. */
export interface Mds2VersionDiff extends Mds2Diff {
  readonly before: Mds2ProductVersion & { readonly revision: number }
  readonly after: Mds2ProductVersion & { readonly revision: number }
}

/** Compares the current MDS2 of two product versions (e.g. what changed from 3.1 to 3.2). */
export async function diffMds2Versions(ctx: OrgContext, beforeVersionId: string, afterVersionId: string): Promise<ServiceResult<Mds2VersionDiff>> {
  const sides = []
  for (const versionId of [beforeVersionId, afterVersionId]) {
    const productVersion = await mds2Repository.findProductVersion(ctx.db, ctx.scope, versionId)
    if (!productVersion) return serviceError('not_found', 'no such product version')
    const stored = await mds2Repository.findDocumentByVersion(ctx.db, ctx.scope, versionId)
    if (!stored) return serviceError('not_found', `${productVersion.productName} ${productVersion.version} has no MDS2 yet`)
    const revision = await mds2Repository.findRevision(ctx.db, ctx.scope, stored.id, stored.current_revision)
    if (!revision) return serviceError('not_found', `${productVersion.productName} ${productVersion.version} has no MDS2 yet`)
    sides.push({ meta: { ...productVersion, revision: revision.revision }, document: storedDocument(revision.content) })
  }
  const [before, after] = sides as [(typeof sides)[number], (typeof sides)[number]]
  return { ok: true, value: { before: before.meta, after: after.meta, ...diff(before.document, after.document) } }
}
