import { disclosureRepository } from '../../store/repositories/disclosure.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { programmeSettings } from './access.js'
import { caseSummary, type CaseSummary } from './case-view.js'

/** The manufacturer's cases, newest first, each with its clocks as of now. */
export async function listCases(ctx: OrgContext, now = new Date()): Promise<ServiceResult<CaseSummary[]>> {
  const [programme, rows] = await Promise.all([disclosureRepository.findProgramme(ctx.db, ctx.scope), disclosureRepository.listCases(ctx.db, ctx.scope)])
  const policy = programmeSettings(programme).clockPolicy
  return { ok: true, value: rows.map((row) => caseSummary(row, policy, now)) }
}
