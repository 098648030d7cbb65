import type { Completeness, Mds2Document, Mds2Issue, UnmappedItem } from '../../domain/mds2/index.js'
import { mds2Repository, type Mds2UploadMeta } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checksOf, storedDocument } from './views.js'

/** An uploaded vendor MDS2 with its parsed document, what could not be mapped, and its checks. */
export interface Mds2UploadView extends Mds2UploadMeta {
  readonly document: Mds2Document
  readonly unmapped: readonly UnmappedItem[]
  readonly issues: readonly Mds2Issue[]
  readonly completeness: Completeness
}

/** One uploaded vendor MDS2 of the organization. */
export async function getMds2Upload(ctx: OrgContext, uploadId: string): Promise<ServiceResult<Mds2UploadView>> {
  const [found] = await mds2Repository.findUploads(ctx.db, ctx.scope, [uploadId])
  if (!found) return serviceError('not_found', 'no such upload')
  const { content, unmapped, ...meta } = found
  const document = storedDocument(content)
  return { ok: true, value: { ...meta, document, unmapped: unmapped as UnmappedItem[], ...checksOf(document) } }
}
