import type { AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { buildAndValidate, catalogueOf, metaOf, publicBaseUrl, trackingOf, type BuiltDocument } from './common.js'
import { publishedOf, summaryOf, viewOf, type AdvisoryEditorView, type AdvisorySummary } from './views.js'

/** Lists the organization's advisories, most recently edited first. */
export async function listAdvisories(ctx: OrgContext, base = publicBaseUrl()): Promise<ServiceResult<AdvisorySummary[]>> {
  const rows = await advisoryRepository.list(ctx.db, ctx.scope)
  const summaries: AdvisorySummary[] = []
  for (const row of rows) summaries.push(summaryOf(row, publishedOf(await advisoryRepository.fileOf(ctx.db, ctx.scope, row.id), base, ctx.org.slug)))
  return { ok: true, value: summaries }
}

/** One advisory with what the editor needs: the catalogue and the publisher and tracking its document is built with. */
export async function getAdvisory(ctx: OrgContext, advisoryId: string, base = publicBaseUrl()): Promise<ServiceResult<AdvisoryEditorView>> {
  const row = await advisoryRepository.find(ctx.db, ctx.scope, advisoryId)
  if (!row) return serviceError('not_found', 'no such advisory')
  const [file, catalogue] = await Promise.all([advisoryRepository.fileOf(ctx.db, ctx.scope, advisoryId), catalogueOf(ctx.db, ctx.scope)])
  const view = viewOf(row, publishedOf(file, base, ctx.org.slug))
  return { ok: true, value: { ...view, catalogue, meta: metaOf(ctx.org, row.tracking_id, trackingOf(row), view.content.tlp, base) } }
}

/** The organization's product versions as advisories name them (for a new advisory's form). */
export async function advisoryCatalogue(ctx: OrgContext) {
  return { ok: true as const, value: await catalogueOf(ctx.db, ctx.scope) }
}

/**
 * Builds and validates unsaved content of an advisory without storing anything: the editor's live validation.
 * (The browser cannot run the validator itself: ajv compiles schemas with `new Function`, which the UI's
 * Content-Security-Policy forbids; see docs/adr/0111-advisory-live-validation.md.)
 */
export async function previewAdvisory(ctx: OrgContext, advisoryId: string, content: AdvisoryContent, base = publicBaseUrl(), now = new Date()): Promise<ServiceResult<BuiltDocument>> {
  const row = await advisoryRepository.find(ctx.db, ctx.scope, advisoryId)
  if (!row) return serviceError('not_found', 'no such advisory')
  const catalogue = await catalogueOf(ctx.db, ctx.scope)
  return { ok: true, value: buildAndValidate(content, catalogue, metaOf(ctx.org, row.tracking_id, trackingOf(row), content.tlp, base), now) }
}
