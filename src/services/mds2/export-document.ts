import { writeMds2, type Mds2Format } from '../mds2-files/index.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { getMds2Document } from './get-document.js'
import { MEDIA_TYPES, safeFilename, type Download } from './views.js'

/** Renders a stored MDS2 (current or a given revision) as XLSX, CSV, JSON or PDF for download. */
export async function exportMds2Document(ctx: OrgContext, versionId: string, format: Mds2Format, revision?: number): Promise<ServiceResult<Download>> {
  const shown = await getMds2Document(ctx, versionId, revision)
  if (!shown.ok) return shown
  if (shown.value.revision === null) return serviceError('not_found', 'this product version has no MDS2 yet')
  const written = await writeMds2(shown.value.document, format)
  if (!written.ok) return serviceError('validation_failed', written.error.message)
  const { productName, version } = shown.value.productVersion
  return {
    ok: true,
    value: { filename: `${safeFilename(`MDS2-${productName}-${version}-r${shown.value.revision}`)}.${format}`, contentType: MEDIA_TYPES[format], bytes: written.value },
  }
}
