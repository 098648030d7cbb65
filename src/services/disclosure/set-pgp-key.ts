import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { programmeSettings, type ProgrammeSettings } from './access.js'
import { readPublicKey } from './pgp.js'

/** Publishes (or, with null, withdraws) the OpenPGP public key reporters encrypt to (admins). */
export async function setPgpKey(ctx: OrgContext, armoredKey: string | null, now = new Date()): Promise<ServiceResult<ProgrammeSettings>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'disclosure programmes are run by manufacturers')
  const key = armoredKey === null ? null : await readPublicKey(armoredKey)
  if (key && !key.ok) return key
  return auditedWrite(ctx.db, async (trx) => {
    const existing = programmeSettings(await disclosureRepository.findProgramme(trx, ctx.scope))
    const row = await disclosureRepository.saveProgramme(trx, ctx.scope, {
      intake_open: existing.intakeOpen,
      catalogue_tlp: existing.catalogueTlp,
      contact_email: existing.contactEmail,
      website_url: existing.websiteUrl,
      policy_url: existing.policyUrl,
      acknowledgments_url: existing.acknowledgmentsUrl,
      hiring_url: existing.hiringUrl,
      preferred_languages: JSON.stringify(existing.preferredLanguages),
      clock_policy: JSON.stringify(existing.clockPolicy),
      pgp_public_key: key ? key.value.armored : null,
      pgp_fingerprint: key ? key.value.fingerprint : null,
      updated_by_label: ctx.actor.label,
      updated_at: now,
    })
    return {
      ok: true,
      value: {
        value: programmeSettings(row),
        audit: auditFrom(ctx, {
          action: key ? 'disclosure.pgp_key_publish' : 'disclosure.pgp_key_withdraw',
          targetType: 'disclosure_programme',
          targetId: ctx.scope.orgId,
          details: key ? { fingerprint: key.value.fingerprint, userIds: key.value.userIds, previous: existing.pgpFingerprint } : { previous: existing.pgpFingerprint },
        }),
      },
    }
  })
}
