import { canonicalDocument, completeness, parseMds2Json } from '../../domain/mds2/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { mds2Repository } from '../../store/repositories/mds2.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checksOf, DEFAULT_MDS2_TLP, type Mds2DocumentView } from './views.js'

/** What a manufacturer saves: the whole document, an optional note and TLP, and the revision it was edited from. */
export interface SaveMds2Input {
  readonly document: unknown
  readonly note?: string | null
  readonly tlp?: TlpLabel
  /** When given, the save is refused (conflict) if someone saved another revision since. */
  readonly baseRevision?: number | null
}

/**
 * Saves the MDS2 of a product version as a new revision (analysts and admins). The document must match the MDS2
 * schema and name only catalogue questions; consistency issues do not block a save, they are returned with it.
 */
export async function saveMds2Revision(ctx: OrgContext, versionId: string, input: SaveMds2Input): Promise<ServiceResult<Mds2DocumentView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const parsed = parseMds2Json(input.document)
  if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, parsed.error.details)
  if (parsed.value.unmapped.length > 0) {
    return serviceError('validation_failed', `the document names ${parsed.value.unmapped.length} id(s) that are not MDS2 questions`, parsed.value.unmapped)
  }
  const document = canonicalDocument(parsed.value.document)
  const note = input.note?.trim() || null
  return auditedWrite(ctx.db, async (trx) => {
    const productVersion = await mds2Repository.findProductVersion(trx, ctx.scope, versionId)
    if (!productVersion) return serviceError('not_found', 'no such product version')
    const existing = await mds2Repository.findDocumentByVersion(trx, ctx.scope, versionId)
    await mds2Repository.ensureDocument(trx, ctx.scope, versionId, input.tlp ?? existing?.tlp ?? DEFAULT_MDS2_TLP)
    // The row lock serialises concurrent saves of one document, so revision numbers never collide.
    const stored = await mds2Repository.findDocumentByVersion(trx, ctx.scope, versionId, true)
    if (!stored) return serviceError('not_found', 'no such product version')
    const last = await mds2Repository.lastRevisionNumber(trx, ctx.scope, stored.id)
    const base = input.baseRevision ?? undefined
    if (base !== undefined && base !== last) {
      return serviceError('conflict', `the document was saved as revision ${last} since you opened revision ${base}; reload and apply your changes again`, { currentRevision: last })
    }
    const revision = last + 1
    const tlp = input.tlp ?? stored.tlp
    const percent = completeness(document).percent
    const saved = await mds2Repository.addRevision(trx, ctx.scope, {
      documentId: stored.id,
      revision,
      content: document,
      completenessPercent: percent,
      note,
      createdBy: ctx.actor.id,
      createdByLabel: ctx.actor.label,
    })
    await mds2Repository.setCurrentRevision(trx, ctx.scope, stored.id, revision, tlp)
    const checks = checksOf(document)
    const view: Mds2DocumentView = {
      productVersion,
      documentId: stored.id,
      revision,
      currentRevision: revision,
      tlp,
      document,
      ...checks,
      savedAt: saved.createdAt,
      savedBy: saved.createdByLabel,
      note,
    }
    const errors = checks.issues.filter((i) => i.severity === 'error').length
    return {
      ok: true,
      value: {
        value: view,
        audit: auditFrom(ctx, {
          action: 'mds2.revision_create',
          targetType: 'mds2_document',
          targetId: stored.id,
          details: { product: productVersion.productName, version: productVersion.version, revision, note, tlp, completeness: percent, errors },
        }),
      },
    }
  })
}
