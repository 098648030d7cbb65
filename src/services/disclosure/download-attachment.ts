import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureThreadRepository, type DisclosureAttachmentFile } from '../../store/repositories/disclosure-threads.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** An attachment of one of the manufacturer's cases, for download. */
export async function downloadAttachment(ctx: OrgContext, caseId: string, attachmentId: string): Promise<ServiceResult<DisclosureAttachmentFile>> {
  const row = await disclosureRepository.findCase(ctx.db, ctx.scope, caseId)
  if (!row) return serviceError('not_found', 'no such case')
  const file = await disclosureThreadRepository.attachment(ctx.db, ctx.scope, row.id, attachmentId, ['reporter', 'coordination', 'internal'])
  return file ? { ok: true, value: file } : serviceError('not_found', 'no such attachment')
}
