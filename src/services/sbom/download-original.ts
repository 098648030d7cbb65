import { sbomRepository } from '../../store/repositories/sboms.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import type { Download } from './views.js'

/** The original bytes of an uploaded SBOM, exactly as received, with their SHA-256. */
export async function downloadSbomOriginal(ctx: OrgContext, revisionId: string): Promise<ServiceResult<Download & { sha256: string }>> {
  const found = await sbomRepository.findOriginal(ctx.db, ctx.scope, revisionId)
  if (!found) return serviceError('not_found', 'no such SBOM revision')
  return { ok: true, value: { filename: found.filename, contentType: found.media_type ?? 'application/octet-stream', bytes: found.original, sha256: found.sha256 } }
}
