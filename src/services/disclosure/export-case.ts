import { disclosurePartyRepository } from '../../store/repositories/disclosure-parties.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { programmeSettings } from './access.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import type { CaseDetail } from './case-view.js'
import { getCase } from './get-case.js'

/** A case exported for records: the full case with clocks and policy, parties, and attachment hashes (no bytes). */
export interface CaseExport {
  readonly kind: 'medsec-disclosure-case'
  readonly version: 1
  readonly exportedAt: string
  readonly manufacturer: { readonly slug: string; readonly name: string }
  readonly clockPolicy: unknown
  readonly case: CaseDetail
  readonly parties: readonly { readonly organization: string; readonly slug: string; readonly role: string; readonly tlp: string; readonly invitedBy: string; readonly invitedAt: Date }[]
}

/** Exports one case as JSON for the manufacturer's records. */
export async function exportCase(ctx: OrgContext, caseId: string, now = new Date()): Promise<ServiceResult<CaseExport>> {
  const detail = await getCase(ctx, caseId, now)
  if (!detail.ok) return detail
  const [parties, programme] = await Promise.all([disclosurePartyRepository.parties(ctx.db, ctx.scope, caseId), disclosureRepository.findProgramme(ctx.db, ctx.scope)])
  return {
    ok: true,
    value: {
      kind: 'medsec-disclosure-case',
      version: 1,
      exportedAt: now.toISOString(),
      manufacturer: { slug: ctx.org.slug, name: ctx.org.name },
      clockPolicy: programmeSettings(programme).clockPolicy,
      case: detail.value,
      parties: parties.map((p) => ({ organization: p.partyName, slug: p.partySlug, role: p.role, tlp: p.tlp, invitedBy: p.invited_by_label, invitedAt: p.created_at })),
    },
  }
}
