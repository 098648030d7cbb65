import { writeComparison, type ComparisonFormat } from '../mds2-files/index.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { compareMds2, type CompareMds2Input } from './compare.js'
import { MEDIA_TYPES, safeFilename, type Download } from './views.js'

/** Runs a procurement comparison and renders it as XLSX, PDF or JSON for download. */
export async function exportMds2Comparison(ctx: OrgContext, input: CompareMds2Input, format: ComparisonFormat): Promise<ServiceResult<Download>> {
  const compared = await compareMds2(ctx, input)
  if (!compared.ok) return compared
  const written = await writeComparison(compared.value.comparison, format)
  if (!written.ok) return serviceError('validation_failed', written.error.message)
  const date = new Date().toISOString().slice(0, 10)
  return { ok: true, value: { filename: `${safeFilename(`MDS2-comparison-${ctx.org.slug}-${date}`)}.${format}`, contentType: MEDIA_TYPES[format], bytes: written.value } }
}
