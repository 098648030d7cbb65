import type { AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import type { AdvisoryRevision } from '../../domain/csaf/builder.js'
import { csafFileName } from '../../domain/csaf/index.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import { signerFor } from '../csaf-provider/signing-key.js'
import { emitProductArtifactEvent } from '../notifications/product-events.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { buildAndValidate, catalogueOf, digest, metaOf, productIdsOf, publicBaseUrl, trackingOf } from './common.js'
import { publishedOf, viewOf, type AdvisoryView } from './views.js'

/** How to publish: the tracking status of the release and the revision summary. */
export interface PublishInput {
  readonly status: 'interim' | 'final'
  readonly summary?: string
}

/**
 * Publishes an advisory through the organization's CSAF provider (analysts and admins). Each publish of a change
 * bumps the version (integer versioning: 1, 2, ...) and appends a revision; the document must pass validation
 * (schema and mandatory tests); the file is stored byte for byte with its SHA-256, SHA-512 and a detached OpenPGP
 * signature by the organization's key (created on first publish).
 */
export async function publishAdvisory(ctx: OrgContext, advisoryId: string, input: PublishInput, base = publicBaseUrl(), now = new Date()): Promise<ServiceResult<AdvisoryView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    const row = await advisoryRepository.find(trx, ctx.scope, advisoryId)
    if (!row) return serviceError('not_found', 'no such advisory')
    const previous = trackingOf(row)
    const firstRelease = previous.revisions.length === 0
    if (!firstRelease && !row.changed_since_publish && previous.status === input.status) {
      return serviceError('conflict', `nothing changed since version ${row.version}; edit the advisory or change its status first`)
    }
    const version = firstRelease ? '1' : String(Number.parseInt(row.version, 10) + 1)
    const revision: AdvisoryRevision = {
      date: now.toISOString(),
      number: version,
      summary: input.summary?.trim() || (firstRelease ? 'Initial version.' : `Version ${version}.`),
    }
    const tracking = { status: input.status, revisions: [...previous.revisions, revision] }
    const content = row.content as AdvisoryContent
    const catalogue = await catalogueOf(trx, ctx.scope)
    const meta = metaOf(ctx.org, row.tracking_id, tracking, content.tlp, base)
    const built = buildAndValidate(content, catalogue, meta, now)
    if (!built.document || !built.report.valid) {
      return serviceError('validation_failed', `the advisory is not a valid CSAF document (${built.report.errors.length} errors); fix them before publishing`, { errors: built.report.errors })
    }
    const signer = await signerFor(trx, ctx)
    if (!signer.ok) return signer
    const text = JSON.stringify(built.document, null, 2) + '\n'
    const bytes = new TextEncoder().encode(text)
    const initial = new Date(tracking.revisions[0]!.date)
    const year = String(initial.getUTCFullYear())
    const file = {
      advisory_id: row.id,
      tlp: content.tlp,
      year,
      filename: csafFileName(row.tracking_id),
      tracking_id: row.tracking_id,
      title: content.title,
      version,
      content: text,
      sha256: digest('sha256', bytes),
      sha512: digest('sha512', bytes),
      signature: await signer.value.sign(bytes),
      signing_key_fingerprint: signer.value.fingerprint,
      initial_release_date: initial,
      current_release_date: now,
      published_at: now,
    }
    await advisoryRepository.putFile(trx, ctx.scope, file)
    const after = await advisoryRepository.update(trx, ctx.scope, row.id, {
      tracking_id: row.tracking_id,
      title: content.title,
      category: content.category,
      tlp: content.tlp,
      status: input.status,
      version,
      revisions: JSON.stringify(tracking.revisions),
      initial_release_date: initial,
      current_release_date: now,
      content: JSON.stringify(content),
      document: JSON.stringify(built.document),
      validation: JSON.stringify(built.report),
      product_ids: JSON.stringify(productIdsOf(content, catalogue)),
      changed_since_publish: false,
      updated_at: now,
    })
    if (!after) return serviceError('not_found', 'no such advisory')
    for (const productId of productIdsOf(content, catalogue)) {
      await emitProductArtifactEvent(trx, ctx.scope, {
        type: 'product.advisory_published',
        productId,
        kind: 'advisory',
        artifactId: row.id,
        tlp: content.tlp,
        title: `advisory ${row.tracking_id} version ${version} (${input.status})`,
        data: { advisoryId: row.id, trackingId: row.tracking_id, version, status: input.status },
      })
    }
    const published = publishedOf({ ...file, org_id: ctx.scope.orgId }, base, ctx.org.slug)
    return {
      ok: true,
      value: {
        value: viewOf(after, published),
        audit: auditFrom(ctx, {
          action: 'advisory.publish',
          targetType: 'advisory',
          targetId: row.id,
          details: {
            trackingId: row.tracking_id,
            version,
            status: input.status,
            tlp: content.tlp,
            path: published?.path,
            sha256: file.sha256,
            signingKey: signer.value.fingerprint,
            signingKeyCreated: signer.value.created,
          },
        }),
      },
    }
  })
}
