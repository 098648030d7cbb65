import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import type { CaseDetail } from './case-view.js'
import { getCase } from './get-case.js'

/** Links (or unlinks) one of the manufacturer's product versions to a case as affected (analysts and admins). */
export async function linkVersion(ctx: OrgContext, caseId: string, versionId: string, linked: boolean, now = new Date()): Promise<ServiceResult<CaseDetail>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const written = await auditedWrite(ctx.db, async (trx) => {
    const row = await disclosureRepository.findCase(trx, ctx.scope, caseId)
    if (!row) return serviceError('not_found', 'no such case')
    const version = await disclosureRepository.findVersion(trx, ctx.scope, versionId)
    if (!version) return serviceError('not_found', 'no such product version')
    const changed = linked
      ? await disclosureRepository.linkVersion(trx, ctx.scope, row.id, version.id, now)
      : await disclosureRepository.unlinkVersion(trx, ctx.scope, row.id, version.id)
    if (!changed) return serviceError('conflict', linked ? 'the version is already linked' : 'the version is not linked')
    const name = `${version.productName} ${version.version}`
    await disclosureThreadRepository.addEvent(trx, ctx.scope, row.id, { kind: linked ? 'version_link' : 'version_unlink', summary: linked ? `Affected product version identified: ${name}.` : `${name} is no longer listed as affected.`, visibleToReporter: true, actorLabel: ctx.actor.label }, now)
    await disclosureRepository.updateCase(trx, ctx.scope, row.id, { updated_at: now })
    return {
      ok: true,
      value: { value: row.id, audit: auditFrom(ctx, { action: linked ? 'disclosure.version_link' : 'disclosure.version_unlink', targetType: 'disclosure_case', targetId: row.id, details: { reference: row.reference, productVersionId: version.id, name } }) },
    }
  })
  return written.ok ? getCase(ctx, written.value, now) : written
}
