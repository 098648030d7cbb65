import { emptyDocument } from '../../domain/mds2/index.js'
import { mds2Repository } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checksOf, DEFAULT_MDS2_TLP, storedDocument, type Mds2DocumentView } from './views.js'

/**
 * The MDS2 of a product version: the current revision, or the one asked for; an empty document (revision null)
 * when none has been saved yet.
 */
export async function getMds2Document(ctx: OrgContext, versionId: string, revision?: number): Promise<ServiceResult<Mds2DocumentView>> {
  const productVersion = await mds2Repository.findProductVersion(ctx.db, ctx.scope, versionId)
  if (!productVersion) return serviceError('not_found', 'no such product version')
  const stored = await mds2Repository.findDocumentByVersion(ctx.db, ctx.scope, versionId)
  if (!stored) {
    if (revision !== undefined) return serviceError('not_found', `revision ${revision} does not exist`)
    const document = emptyDocument()
    return {
      ok: true,
      value: { productVersion, documentId: null, revision: null, currentRevision: null, tlp: DEFAULT_MDS2_TLP, document, ...checksOf(document), savedAt: null, savedBy: null, note: null },
    }
  }
  const shown = await mds2Repository.findRevision(ctx.db, ctx.scope, stored.id, revision ?? stored.current_revision)
  if (!shown) return serviceError('not_found', `revision ${revision ?? stored.current_revision} does not exist`)
  const document = storedDocument(shown.content)
  return {
    ok: true,
    value: {
      productVersion,
      documentId: stored.id,
      revision: shown.revision,
      currentRevision: stored.current_revision,
      tlp: stored.tlp,
      document,
      ...checksOf(document),
      savedAt: shown.createdAt,
      savedBy: shown.createdByLabel,
      note: shown.note,
    },
  }
}
