import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosurePartyRepository, type DisclosurePartyWithName } from '../../store/repositories/disclosure-parties.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import type { DisclosurePartyTable } from '../../store/tables/disclosure.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Lists the organizations invited to a case. */
export async function listParties(ctx: OrgContext, caseId: string): Promise<ServiceResult<DisclosurePartyWithName[]>> {
  const row = await disclosureRepository.findCase(ctx.db, ctx.scope, caseId)
  if (!row) return serviceError('not_found', 'no such case')
  return { ok: true, value: await disclosurePartyRepository.parties(ctx.db, ctx.scope, row.id) }
}

/**
 * Invites another organization on the platform (e.g. the maker of an affected component, or a coordinator) to a
 * case under TLP:AMBER+STRICT: it sees the report, the affected versions and the coordination thread, never the
 * reporter's identity or the reporter thread (analysts and admins).
 */
export async function inviteParty(ctx: OrgContext, caseId: string, partySlug: string, role: DisclosurePartyTable['role'], now = new Date()): Promise<ServiceResult<DisclosurePartyWithName[]>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const written = await auditedWrite(ctx.db, async (trx) => {
    const row = await disclosureRepository.findCase(trx, ctx.scope, caseId)
    if (!row) return serviceError('not_found', 'no such case')
    const party = await organizationRepository.findBySlug(trx, partySlug)
    if (!party) return serviceError('validation_failed', `no organization ${partySlug} on this platform`)
    if (party.id === ctx.scope.orgId) return serviceError('validation_failed', 'an organization cannot invite itself')
    if (!(await disclosurePartyRepository.invite(trx, ctx.scope, row.id, party.id, role, ctx.actor.label, now))) return serviceError('conflict', `${party.name} is already invited`)
    await disclosureThreadRepository.addEvent(trx, ctx.scope, row.id, { kind: 'party_invite', summary: `${party.name} invited as ${role.replace('_', ' ')} (TLP:AMBER+STRICT).`, visibleToReporter: false, actorLabel: ctx.actor.label }, now)
    return {
      ok: true,
      value: { value: row.id, audit: auditFrom(ctx, { action: 'disclosure.party_invite', targetType: 'disclosure_case', targetId: row.id, details: { reference: row.reference, party: party.slug, role, tlp: 'AMBER+STRICT' } }) },
    }
  })
  return written.ok ? listParties(ctx, written.value) : written
}
