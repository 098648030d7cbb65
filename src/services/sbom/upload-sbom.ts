import { createHash } from 'node:crypto'
import type { Sbom } from '../../domain/sbom/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { emitProductArtifactEvent } from '../notifications/product-events.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { announceSbomRevision } from '../jobs/announce.js'
import { loadSbom } from '../sbom-files/read-sbom-file.js'
import { componentRow, dependencyEdges, documentPart } from './stored-model.js'
import { revisionView, type RevisionView } from './views.js'

/** Largest SBOM accepted from an upload. */
export const MAX_SBOM_UPLOAD_BYTES = 50 * 1024 * 1024

/** Where a long upload is: parsing, then storing components and dependency edges. */
export type UploadProgress =
  | { readonly kind: 'parsed'; readonly components: number; readonly dependencies: number }
  | { readonly kind: 'components'; readonly stored: number; readonly total: number }
  | { readonly kind: 'dependencies'; readonly stored: number; readonly total: number }

/** An SBOM file as received for a product version. */
export interface UploadSbomInput {
  readonly versionId: string
  readonly bytes: Uint8Array
  readonly filename: string
  readonly mediaType?: string | null
  readonly tlp?: TlpLabel
  readonly onProgress?: (progress: UploadProgress) => void
}

/** A stored revision and the parser's warnings (dangling refs, duplicates, cycles), which do not stop an upload. */
export interface UploadedSbom {
  readonly revision: RevisionView
  readonly warnings: number
}

/**
 * Stores an SBOM as the next revision of a product version (analysts and admins): the original bytes and their
 * SHA-256, the document, every component and dependency edge, in one transaction with its audit entry. A file that
 * cannot be read fails with validation_failed and `details.fileCode` set to the parser's code (e.g.
 * sbom_json_malformed, sbom_binary_content, sbom_unsupported_spec_version, sbom_schema_invalid, sbom_too_large), and
 * nothing is stored.
 */
export async function uploadSbom(ctx: OrgContext, input: UploadSbomInput): Promise<ServiceResult<UploadedSbom>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const filename = (input.filename.split(/[\\/]/).pop() ?? '').trim().slice(0, 255)
  if (filename === '') return fileError('sbom_filename_missing', 'the upload needs a file name')
  if (input.bytes.length === 0) return fileError('sbom_empty', `'${filename}' is empty`)
  if (input.bytes.length > MAX_SBOM_UPLOAD_BYTES) {
    return fileError('sbom_too_large', `'${filename}' has ${input.bytes.length} bytes; the limit is ${MAX_SBOM_UPLOAD_BYTES}`, { size: input.bytes.length, limit: MAX_SBOM_UPLOAD_BYTES })
  }
  // The version must exist before the file is parsed, so a wrong id answers 404 rather than a parse error.
  if (!(await sbomRepository.findVersion(ctx.db, ctx.scope, input.versionId))) return serviceError('not_found', 'no such product version')
  const parsed = loadSbom(input.bytes, { maxBytes: MAX_SBOM_UPLOAD_BYTES })
  if (!parsed.ok) return fileError(parsed.error.code, parsed.error.message, parsed.error.details)
  return storeSbom(ctx, { ...input, filename, sbom: parsed.value })
}

/**
 * Stores an already parsed SBOM with its original bytes as the next revision of a product version, in one
 * transaction; the demo seed uses it directly for documents it generates (and checks against the schema in tests).
 */
export async function storeSbom(ctx: OrgContext, input: UploadSbomInput & { readonly sbom: Sbom }): Promise<ServiceResult<UploadedSbom>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const { sbom, filename } = input
  const edges = dependencyEdges(sbom.dependencies)
  const dependencyCount = sbom.dependencies.reduce((sum, d) => sum + d.dependsOn.length, 0)
  input.onProgress?.({ kind: 'parsed', components: sbom.components.length, dependencies: dependencyCount })
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const stored = await auditedWrite(ctx.db, async (trx) => {
    const owner = await sbomRepository.lockVersion(trx, ctx.scope, input.versionId)
    if (!owner) return serviceError('not_found', 'no such product version')
    const number = (await sbomRepository.lastRevisionNumber(trx, ctx.scope, input.versionId)) + 1
    const revision = await sbomRepository.createRevision(trx, ctx.scope, {
      productVersionId: input.versionId,
      revision: number,
      filename,
      mediaType: input.mediaType?.slice(0, 200) ?? null,
      original: input.bytes,
      sha256,
      format: sbom.format,
      specVersion: sbom.specVersion,
      encoding: sbom.encoding,
      document: documentPart(sbom),
      componentCount: sbom.components.length,
      dependencyCount,
      tlp: input.tlp ?? owner.version.tlp,
      uploadedBy: ctx.actor.id,
      uploadedByLabel: ctx.actor.label,
    })
    const total = sbom.components.length
    await sbomRepository.insertComponents(trx, ctx.scope, revision.id, sbom.components.map(componentRow), (stored) => input.onProgress?.({ kind: 'components', stored, total }))
    await sbomRepository.insertDependencies(trx, ctx.scope, revision.id, edges, (stored) => input.onProgress?.({ kind: 'dependencies', stored, total: edges.length }))
    await emitProductArtifactEvent(trx, ctx.scope, {
      type: 'product.sbom_published',
      productId: owner.product.id,
      kind: 'sbom',
      artifactId: revision.id,
      tlp: revision.tlp,
      title: `SBOM revision ${number} of version ${owner.version.version} (${sbom.components.length} components)`,
      data: { productVersionId: input.versionId, version: owner.version.version, revision: number },
    })
    return {
      ok: true,
      value: {
        value: { revision: revisionView(revision), warnings: sbom.warnings.length },
        audit: auditFrom(ctx, {
          action: 'sbom.revision_create',
          targetType: 'sbom_revision',
          targetId: revision.id,
          details: {
            product: owner.product.name,
            version: owner.version.version,
            revision: number,
            filename,
            sha256,
            sizeBytes: input.bytes.length,
            format: sbom.format,
            specVersion: sbom.specVersion,
            components: total,
            dependencies: dependencyCount,
          },
        }),
      },
    }
  })
  // The new revision is matched in the background at once (when this process runs the job system).
  if (stored.ok) await announceSbomRevision(ctx.db, ctx.scope.orgId, input.versionId)
  return stored
}

function fileError(fileCode: string, message: string, details?: unknown): ServiceResult<never> {
  return serviceError('validation_failed', message, details === undefined ? { fileCode } : { fileCode, problem: details })
}
