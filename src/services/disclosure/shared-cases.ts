import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { disclosureStateLabels } from '../../domain/disclosure/index.js'
import type { CatalogueVersion } from '../../store/repositories/disclosure.js'
import { disclosurePartyRepository, type SharedDisclosureCase } from '../../store/repositories/disclosure-parties.js'
import type { DisclosureAttachmentFile, DisclosureAttachmentMeta } from '../../store/repositories/disclosure-threads.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checkUploads, type UploadedFile } from './attachments.js'
import { caseState, messageView, type CaseMessageView } from './case-view.js'

/** A case as an invited party sees it (no reporter identity, no reporter thread). */
export interface SharedCaseView {
  readonly id: string
  readonly reference: string
  readonly title: string
  readonly manufacturerName: string
  readonly role: string
  readonly tlp: TlpLabel
  readonly state: string
  readonly stateLabel: string
  readonly receivedAt: Date
  readonly body?: string
  readonly bodyEncrypted?: boolean
  readonly cvss?: { readonly vector: string; readonly score: number; readonly severity: string } | null
  readonly versions?: readonly CatalogueVersion[]
  readonly messages?: readonly CaseMessageView[]
  readonly attachments?: readonly DisclosureAttachmentMeta[]
}

function summary(shared: SharedDisclosureCase): SharedCaseView {
  const state = caseState(shared.case).state
  return {
    id: shared.case.id,
    reference: shared.case.reference,
    title: shared.case.title,
    manufacturerName: shared.manufacturerName,
    role: shared.party.role,
    tlp: shared.party.tlp,
    state,
    stateLabel: disclosureStateLabels[state],
    receivedAt: shared.case.received_at,
  }
}

/** The cases other organizations invited this organization to. */
export async function listSharedCases(ctx: OrgContext): Promise<ServiceResult<SharedCaseView[]>> {
  return { ok: true, value: (await disclosurePartyRepository.sharedCases(ctx.db, ctx.scope)).map(summary) }
}

/** One case this organization is invited to, with the report, affected versions and the coordination thread. */
export async function getSharedCase(ctx: OrgContext, caseId: string): Promise<ServiceResult<SharedCaseView>> {
  const shared = await disclosurePartyRepository.sharedCase(ctx.db, ctx.scope, caseId)
  if (!shared) return serviceError('not_found', 'no such case')
  const [versions, messages, attachments] = await Promise.all([
    disclosurePartyRepository.sharedVersions(ctx.db, ctx.scope, caseId),
    disclosurePartyRepository.sharedMessages(ctx.db, ctx.scope, caseId),
    disclosurePartyRepository.sharedAttachments(ctx.db, ctx.scope, caseId),
  ])
  const row = shared.case
  return {
    ok: true,
    value: {
      ...summary(shared),
      body: row.body,
      bodyEncrypted: row.body_encrypted,
      cvss: row.cvss_vector && row.cvss_score !== null ? { vector: row.cvss_vector, score: Number(row.cvss_score), severity: row.cvss_severity ?? '' } : null,
      versions,
      messages: messages.map(messageView),
      attachments,
    },
  }
}

/** A party's message (and files) in the coordination thread of a case it is invited to (analysts and admins). */
export async function postSharedMessage(ctx: OrgContext, caseId: string, input: { body: string; replyTo?: string; attachments?: readonly UploadedFile[] }, now = new Date()): Promise<ServiceResult<CaseMessageView>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const body = input.body.trim()
  if (body === '' && (input.attachments ?? []).length === 0) return serviceError('validation_failed', 'write a message or attach a file')
  const files = checkUploads(input.attachments)
  if (!files.ok) return files
  const label = `${ctx.actor.label} (${ctx.org.name})`
  return auditedWrite(ctx.db, async (trx) => {
    const message = await disclosurePartyRepository.addSharedMessage(trx, ctx.scope, caseId, { authorLabel: label, body, replyTo: input.replyTo ?? null }, now)
    if (!message) return serviceError('not_found', 'no such case')
    for (const file of files.value) await disclosurePartyRepository.addSharedAttachment(trx, ctx.scope, caseId, { ...file, messageId: message.id, uploadedByLabel: label }, now)
    return {
      ok: true,
      value: {
        value: messageView(message),
        audit: auditFrom(ctx, { action: 'disclosure.party_message', targetType: 'disclosure_case', targetId: caseId, details: { messageId: message.id, attachments: files.value.map((f) => ({ filename: f.filename, sha256: f.sha256 })) } }),
      },
    }
  })
}

/** A coordination-thread attachment of a case this organization is invited to. */
export async function downloadSharedAttachment(ctx: OrgContext, caseId: string, attachmentId: string): Promise<ServiceResult<DisclosureAttachmentFile>> {
  const file = await disclosurePartyRepository.sharedAttachment(ctx.db, ctx.scope, caseId, attachmentId)
  return file ? { ok: true, value: file } : serviceError('not_found', 'no such attachment')
}
