import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { checkAttachment, MAX_ATTACHMENTS } from '../../domain/disclosure/index.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { disclosureThreadRepository, type DisclosureAttachmentMeta } from '../../store/repositories/disclosure-threads.js'
import type { DisclosureAuthorKind, DisclosureThread } from '../../store/tables/disclosure.js'
import { serviceError, type ServiceResult } from '../context.js'

/** A file as the API receives it: a name and base64 content. */
export interface UploadedFile {
  readonly filename: string
  readonly contentBase64: string
}

/** A checked file ready to store. */
export interface CheckedFile {
  readonly filename: string
  readonly mediaType: string
  readonly content: Uint8Array
  readonly sha256: string
}

/** Decodes and checks uploaded files (count, strict base64, type by content, size), before anything is written. */
export function checkUploads(files: readonly UploadedFile[] | undefined): ServiceResult<CheckedFile[]> {
  const list = files ?? []
  if (list.length > MAX_ATTACHMENTS) return serviceError('validation_failed', `at most ${MAX_ATTACHMENTS} attachments at a time`)
  const checked: CheckedFile[] = []
  for (const file of list) {
    const base64 = file.contentBase64.replace(/\s+/g, '')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) return serviceError('validation_failed', `${file.filename}: the content is not base64`)
    const content = new Uint8Array(Buffer.from(base64, 'base64'))
    const result = checkAttachment(file.filename, content)
    if (!result.ok) return serviceError('validation_failed', result.error.message, { code: result.error.code, filename: file.filename })
    checked.push({ filename: result.value.filename, mediaType: result.value.mediaType, content, sha256: createHash('sha256').update(content).digest('hex') })
  }
  return { ok: true, value: checked }
}

/** Stores checked files on a case. */
export async function storeUploads(
  trx: Kysely<Database>,
  scope: OrgScope,
  caseId: string,
  files: readonly CheckedFile[],
  by: { messageId: string | null; thread: DisclosureThread; kind: DisclosureAuthorKind; label: string },
  now: Date,
): Promise<DisclosureAttachmentMeta[]> {
  const stored: DisclosureAttachmentMeta[] = []
  for (const file of files) {
    stored.push(
      await disclosureThreadRepository.addAttachment(
        trx,
        scope,
        caseId,
        { messageId: by.messageId, thread: by.thread, filename: file.filename, mediaType: file.mediaType, sha256: file.sha256, content: file.content, uploadedByKind: by.kind, uploadedByLabel: by.label },
        now,
      ),
    )
  }
  return stored
}
