import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import type { DisclosureThread } from '../../store/tables/disclosure.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checkUploads, storeUploads, type UploadedFile } from './attachments.js'
import { messageView, type CaseMessageView } from './case-view.js'
import { queueReporterMail } from './reporter-mail.js'
import { messageMail } from '../../domain/disclosure/index.js'

/** A manufacturer's message in one of a case's threads. */
export interface CaseMessageInput {
  readonly thread: DisclosureThread
  readonly body: string
  readonly replyTo?: string
  readonly attachments?: readonly UploadedFile[]
}

/**
 * Writes to the reporter (who is told by e-mail when they gave an address), to the invited parties or an internal
 * note, with attachments (analysts and admins).
 */
export async function postCaseMessage(ctx: OrgContext, caseId: string, input: CaseMessageInput, now = new Date()): Promise<ServiceResult<CaseMessageView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const body = input.body.trim()
  if (body === '' && (input.attachments ?? []).length === 0) return serviceError('validation_failed', 'write a message or attach a file')
  const files = checkUploads(input.attachments)
  if (!files.ok) return files
  return auditedWrite(ctx.db, async (trx) => {
    const row = await disclosureRepository.findCase(trx, ctx.scope, caseId)
    if (!row) return serviceError('not_found', 'no such case')
    if (input.replyTo) {
      const parent = await disclosureThreadRepository.findMessage(trx, ctx.scope, row.id, input.replyTo)
      if (!parent || parent.thread !== input.thread) return serviceError('validation_failed', 'replyTo must be a message of the same thread of this case')
    }
    const message = await disclosureThreadRepository.addMessage(
      trx,
      ctx.scope,
      row.id,
      { thread: input.thread, replyTo: input.replyTo ?? null, authorKind: 'manufacturer', authorOrgId: ctx.scope.orgId, authorLabel: ctx.actor.label, body, encrypted: false },
      now,
    )
    const stored = await storeUploads(trx, ctx.scope, row.id, files.value, { messageId: message.id, thread: input.thread, kind: 'manufacturer', label: ctx.actor.label }, now)
    await disclosureRepository.updateCase(trx, ctx.scope, row.id, { updated_at: now })
    if (input.thread === 'reporter') await queueReporterMail(trx, ctx.scope, row, messageMail({ manufacturer: ctx.org.name, reference: row.reference }), now)
    return {
      ok: true,
      value: {
        value: messageView(message),
        audit: auditFrom(ctx, { action: 'disclosure.message_post', targetType: 'disclosure_case', targetId: row.id, details: { reference: row.reference, thread: input.thread, messageId: message.id, attachments: stored.map((a) => ({ filename: a.filename, sha256: a.sha256 })) } }),
      },
    }
  })
}
