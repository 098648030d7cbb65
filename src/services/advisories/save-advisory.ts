import { randomUUID } from 'node:crypto'
import type { AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { buildAndValidate, catalogueOf, metaOf, productIdsOf, publicBaseUrl, trackingOf, type Tracking } from './common.js'
import { publishedOf, viewOf, type AdvisoryView } from './views.js'

/** A new advisory: its content and, optionally, its tracking id (generated as `<SLUG>-<year>-<n>` when absent). */
export interface NewAdvisory {
  readonly trackingId?: string
  readonly content: AdvisoryContent
}

const trackingIdPattern = /^[A-Za-z0-9][A-Za-z0-9+\-_.:#]{0,99}$/

function checkContent(content: AdvisoryContent): ServiceResult<void> {
  if (!content.title.trim()) return serviceError('validation_failed', 'an advisory needs a title')
  return { ok: true, value: undefined }
}

const unpublished: Tracking = { status: 'draft', revisions: [] }

/**
 * Creates an advisory (analysts and admins of manufacturers) as a draft; the document is built and validated at once
 * and the validation returned with it, whatever its verdict.
 */
export async function createAdvisory(ctx: OrgContext, input: NewAdvisory, base = publicBaseUrl(), now = new Date()): Promise<ServiceResult<AdvisoryView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'only manufacturers publish advisories')
  const checked = checkContent(input.content)
  if (!checked.ok) return checked
  if (input.trackingId !== undefined && !trackingIdPattern.test(input.trackingId)) return serviceError('validation_failed', 'a tracking id has letters, digits and + - _ . : # (at most 100)')
  return auditedWrite(ctx.db, async (trx) => {
    let trackingId = input.trackingId
    if (trackingId === undefined) {
      const existing = await advisoryRepository.list(trx, ctx.scope)
      const prefix = `${ctx.org.slug.toUpperCase()}-${now.getUTCFullYear()}-`
      let n = existing.length + 1
      while (existing.some((a) => a.tracking_id === `${prefix}${String(n).padStart(3, '0')}`)) n++
      trackingId = `${prefix}${String(n).padStart(3, '0')}`
    } else if (await advisoryRepository.findByTrackingId(trx, ctx.scope, trackingId)) {
      return serviceError('conflict', `an advisory with tracking id ${trackingId} exists`)
    }
    const catalogue = await catalogueOf(trx, ctx.scope)
    const built = buildAndValidate(input.content, catalogue, metaOf(ctx.org, trackingId, unpublished, input.content.tlp, base), now)
    const row = await advisoryRepository.create(trx, ctx.scope, randomUUID(), ctx.actor.label, {
      tracking_id: trackingId,
      title: input.content.title.trim(),
      category: input.content.category,
      tlp: input.content.tlp,
      status: 'draft',
      version: '0',
      revisions: JSON.stringify([]),
      initial_release_date: null,
      current_release_date: null,
      content: JSON.stringify(input.content),
      document: JSON.stringify(built.document),
      validation: JSON.stringify(built.report),
      product_ids: JSON.stringify(productIdsOf(input.content, catalogue)),
      changed_since_publish: true,
      updated_at: now,
    })
    return {
      ok: true,
      value: {
        value: viewOf(row, null),
        audit: auditFrom(ctx, {
          action: 'advisory.create',
          targetType: 'advisory',
          targetId: row.id,
          details: { trackingId, title: row.title, tlp: row.tlp, valid: built.report.valid, errors: built.report.errors.length },
        }),
      },
    }
  })
}

/** Saves an edit of an advisory's content (analysts and admins); the document is rebuilt and validated on every save. */
export async function updateAdvisory(ctx: OrgContext, advisoryId: string, content: AdvisoryContent, base = publicBaseUrl(), now = new Date()): Promise<ServiceResult<AdvisoryView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const checked = checkContent(content)
  if (!checked.ok) return checked
  return auditedWrite(ctx.db, async (trx) => {
    const before = await advisoryRepository.find(trx, ctx.scope, advisoryId)
    if (!before) return serviceError('not_found', 'no such advisory')
    const catalogue = await catalogueOf(trx, ctx.scope)
    const built = buildAndValidate(content, catalogue, metaOf(ctx.org, before.tracking_id, trackingOf(before), content.tlp, base), now)
    const after = await advisoryRepository.update(trx, ctx.scope, advisoryId, {
      tracking_id: before.tracking_id,
      title: content.title.trim(),
      category: content.category,
      tlp: content.tlp,
      status: before.status,
      version: before.version,
      revisions: JSON.stringify(before.revisions),
      initial_release_date: before.initial_release_date,
      current_release_date: before.current_release_date,
      content: JSON.stringify(content),
      document: JSON.stringify(built.document),
      validation: JSON.stringify(built.report),
      product_ids: JSON.stringify(productIdsOf(content, catalogue)),
      changed_since_publish: true,
      updated_at: now,
    })
    if (!after) return serviceError('not_found', 'no such advisory')
    const file = await advisoryRepository.fileOf(trx, ctx.scope, advisoryId)
    return {
      ok: true,
      value: {
        value: viewOf(after, publishedOf(file, base, ctx.org.slug)),
        audit: auditFrom(ctx, {
          action: 'advisory.update',
          targetType: 'advisory',
          targetId: advisoryId,
          details: { trackingId: after.tracking_id, title: after.title, tlp: { before: before.tlp, after: after.tlp }, valid: built.report.valid, errors: built.report.errors.length },
        }),
      },
    }
  })
}
