import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { auditedWrite, serviceError, type ServiceResult } from '../context.js'
import { openReporterPortal } from './access.js'
import { checkUploads, storeUploads, type UploadedFile } from './attachments.js'
import { messageView, type CaseMessageView } from './case-view.js'
import { checkEncryptedMessage } from './pgp.js'

/** A reporter's message through the portal. */
export interface PortalMessageInput {
  readonly body: string
  readonly encrypted: boolean
  readonly attachments?: readonly UploadedFile[]
}

/** Adds a reporter's message (and attachments) to the case the secret link opens. */
export async function postPortalMessage(db: Kysely<Database>, token: string, input: PortalMessageInput, now = new Date()): Promise<ServiceResult<CaseMessageView>> {
  const opened = await openReporterPortal(db, token)
  if (!opened.ok) return opened
  const { case: row, scope, settings } = opened.value
  const body = input.body.trim()
  if (body === '' && (input.attachments ?? []).length === 0) return serviceError('validation_failed', 'write a message or attach a file')
  if (input.encrypted) {
    const encrypted = await checkEncryptedMessage(body, settings.pgpPublicKey)
    if (!encrypted.ok) return encrypted
  }
  const files = checkUploads(input.attachments)
  if (!files.ok) return files
  return auditedWrite(db, async (trx) => {
    const message = await disclosureThreadRepository.addMessage(trx, scope, row.id, { thread: 'reporter', authorKind: 'reporter', authorOrgId: null, authorLabel: 'Reporter', body, encrypted: input.encrypted }, now)
    const stored = await storeUploads(trx, scope, row.id, files.value, { messageId: message.id, thread: 'reporter', kind: 'reporter', label: 'Reporter' }, now)
    await disclosureRepository.updateCase(trx, scope, row.id, { updated_at: now })
    return {
      ok: true,
      value: {
        value: messageView(message),
        audit: {
          orgId: scope.orgId,
          actorId: null,
          actorLabel: 'reporter (portal)',
          action: 'disclosure.reporter_message',
          targetType: 'disclosure_case',
          targetId: row.id,
          details: { reference: row.reference, messageId: message.id, attachments: stored.map((a) => ({ filename: a.filename, sha256: a.sha256 })) },
        },
      },
    }
  })
}
