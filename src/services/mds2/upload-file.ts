import { createHash } from 'node:crypto'
import { completeness, type UnmappedItem } from '../../domain/mds2/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { mds2Repository, type Mds2UploadMeta } from '../../store/repositories/mds2.js'
import { readMds2File } from '../mds2-files/index.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { DEFAULT_MDS2_TLP } from './views.js'

/** Largest vendor file accepted from an upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** A vendor's MDS2 file as received, with optional names that override what the file says. */
export interface UploadMds2Input {
  readonly bytes: Uint8Array
  readonly filename: string
  readonly mediaType?: string | null
  readonly vendorName?: string | null
  readonly modelName?: string | null
  readonly tlp?: TlpLabel
}

/** A stored upload and what could not be mapped from the file. */
export interface UploadedMds2 extends Mds2UploadMeta {
  readonly unmapped: readonly UnmappedItem[]
}

/**
 * Stores a vendor's MDS2 file (analysts and admins): the original bytes and their SHA-256, the parsed document and
 * everything that could not be mapped. An unreadable file fails with validation_failed and `details.fileCode` set to
 * the reader's code (e.g. xlsx_zip_bomb, mds2_json_schema, mds2_no_questions_found).
 */
export async function uploadMds2File(ctx: OrgContext, input: UploadMds2Input): Promise<ServiceResult<UploadedMds2>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const filename = (input.filename.split(/[\\/]/).pop() ?? '').trim().slice(0, 255)
  if (filename === '') return fileError('mds2_filename_missing', 'the upload needs a file name (.xlsx, .csv or .json)')
  if (input.bytes.length === 0) return fileError('mds2_file_empty', `'${filename}' is empty`)
  if (input.bytes.length > MAX_UPLOAD_BYTES) return fileError('mds2_file_too_large', `'${filename}' has ${input.bytes.length} bytes; the limit is ${MAX_UPLOAD_BYTES}`)
  const read = await readMds2File(input.bytes, filename)
  if (!read.ok) return fileError(read.error.code, read.error.message)
  const { document, unmapped } = read.value
  const vendorName = input.vendorName?.trim() || document.header.manufacturerName.trim() || 'Unknown vendor'
  const modelName = input.modelName?.trim() || document.header.deviceModel.trim() || filename
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  return auditedWrite(ctx.db, async (trx) => {
    const stored = await mds2Repository.createUpload(trx, ctx.scope, {
      filename,
      mediaType: input.mediaType?.slice(0, 200) ?? null,
      original: input.bytes,
      sha256,
      content: document,
      unmapped,
      completenessPercent: completeness(document).percent,
      vendorName: vendorName.slice(0, 200),
      modelName: modelName.slice(0, 200),
      tlp: input.tlp ?? DEFAULT_MDS2_TLP,
      uploadedBy: ctx.actor.id,
      uploadedByLabel: ctx.actor.label,
    })
    return {
      ok: true,
      value: {
        value: { ...stored, unmapped },
        audit: auditFrom(ctx, {
          action: 'mds2.upload_create',
          targetType: 'mds2_upload',
          targetId: stored.id,
          details: { filename, sha256, bytes: stored.sizeBytes, vendor: stored.vendorName, model: stored.modelName, unmapped: unmapped.length, tlp: stored.tlp },
        }),
      },
    }
  })
}

// A file the reader refused: a 400 whose details carry the reader's stable code for the client.
function fileError(fileCode: string, message: string): ServiceResult<never> {
  return serviceError('validation_failed', message, { fileCode })
}
