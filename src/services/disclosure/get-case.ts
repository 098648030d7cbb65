import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureLinkRepository } from '../../store/repositories/disclosure-links.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { programmeSettings } from './access.js'
import { caseDetail, type CaseDetail } from './case-view.js'

/** One case with everything the manufacturer sees: report, clocks, links, timeline, every thread, attachments. */
export async function getCase(ctx: OrgContext, caseId: string, now = new Date()): Promise<ServiceResult<CaseDetail>> {
  const row = await disclosureRepository.findCase(ctx.db, ctx.scope, caseId)
  if (!row) return serviceError('not_found', 'no such case')
  const [programme, versions, findings, advisories, events, messages, attachments] = await Promise.all([
    disclosureRepository.findProgramme(ctx.db, ctx.scope),
    disclosureRepository.caseVersions(ctx.db, ctx.scope, row.id),
    disclosureLinkRepository.linkedFindings(ctx.db, ctx.scope, row.id),
    disclosureLinkRepository.linkedAdvisories(ctx.db, ctx.scope, row.id),
    disclosureThreadRepository.events(ctx.db, ctx.scope, row.id),
    disclosureThreadRepository.messages(ctx.db, ctx.scope, row.id, ['reporter', 'coordination', 'internal']),
    disclosureThreadRepository.attachments(ctx.db, ctx.scope, row.id, ['reporter', 'coordination', 'internal']),
  ])
  return { ok: true, value: caseDetail(row, programmeSettings(programme).clockPolicy, now, { versions, findings, advisories, events, messages, attachments }) }
}
