import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { disclosureThreadRepository, type DisclosureAttachmentFile } from '../../store/repositories/disclosure-threads.js'
import { serviceError, type ServiceResult } from '../context.js'
import { openReporterPortal } from './access.js'

/** An attachment of the reporter thread, for the reporter holding the secret link. */
export async function downloadPortalAttachment(db: Kysely<Database>, token: string, attachmentId: string): Promise<ServiceResult<DisclosureAttachmentFile>> {
  const opened = await openReporterPortal(db, token)
  if (!opened.ok) return opened
  const file = await disclosureThreadRepository.attachment(db, opened.value.scope, opened.value.case.id, attachmentId, ['reporter'])
  return file ? { ok: true, value: file } : serviceError('not_found', 'no such attachment')
}
