import { validateClockPolicy, type ClockPolicy } from '../../domain/disclosure/index.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { programmeSettings, type ProgrammeSettings } from './access.js'

/** The programme settings an admin may change (the OpenPGP key has its own use case). */
export interface ProgrammeInput {
  readonly intakeOpen: boolean
  readonly catalogueTlp: 'CLEAR' | 'GREEN'
  readonly contactEmail: string | null
  readonly websiteUrl: string | null
  readonly policyUrl: string | null
  readonly acknowledgmentsUrl: string | null
  readonly hiringUrl: string | null
  readonly preferredLanguages: readonly string[]
  readonly clockPolicy: ClockPolicy
}

const httpsUrl = (value: string | null): boolean => {
  if (value === null) return true
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

/** Saves a manufacturer's programme: contact, policy links, languages and the response-time clocks (admins). */
export async function saveProgramme(ctx: OrgContext, given: ProgrammeInput, now = new Date()): Promise<ServiceResult<ProgrammeSettings>> {
  const blank = (value: string | null) => (value === null || value.trim() === '' ? null : value.trim())
  const input: ProgrammeInput = {
    ...given,
    contactEmail: blank(given.contactEmail),
    websiteUrl: blank(given.websiteUrl),
    policyUrl: blank(given.policyUrl),
    acknowledgmentsUrl: blank(given.acknowledgmentsUrl),
    hiringUrl: blank(given.hiringUrl),
  }
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'disclosure programmes are run by manufacturers')
  for (const [name, value] of [['websiteUrl', input.websiteUrl], ['policyUrl', input.policyUrl], ['acknowledgmentsUrl', input.acknowledgmentsUrl], ['hiringUrl', input.hiringUrl]] as const) {
    if (!httpsUrl(value)) return serviceError('validation_failed', `${name} must be an https:// URL (RFC 9116 requires https for web URIs)`, { field: name })
  }
  if (input.contactEmail !== null && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(input.contactEmail)) return serviceError('validation_failed', 'contactEmail is not an e-mail address')
  const languages = input.preferredLanguages.map((l) => l.trim()).filter((l) => l !== '')
  if (languages.some((l) => !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(l))) return serviceError('validation_failed', 'preferredLanguages must be language tags such as en or de-CH')
  const policy = validateClockPolicy(input.clockPolicy)
  if (!policy.ok) return serviceError('validation_failed', policy.error.message, policy.error.details)
  return auditedWrite(ctx.db, async (trx) => {
    const existing = await disclosureRepository.findProgramme(trx, ctx.scope)
    const row = await disclosureRepository.saveProgramme(trx, ctx.scope, {
      intake_open: input.intakeOpen,
      catalogue_tlp: input.catalogueTlp,
      contact_email: input.contactEmail,
      website_url: input.websiteUrl?.replace(/\/+$/, '') ?? null,
      policy_url: input.policyUrl,
      acknowledgments_url: input.acknowledgmentsUrl,
      hiring_url: input.hiringUrl,
      preferred_languages: JSON.stringify(languages),
      clock_policy: JSON.stringify(policy.value),
      pgp_public_key: existing?.pgp_public_key ?? null,
      pgp_fingerprint: existing?.pgp_fingerprint ?? null,
      updated_by_label: ctx.actor.label,
      updated_at: now,
    })
    const settings = programmeSettings(row)
    const { pgpPublicKey: _key, ...details } = settings
    return { ok: true, value: { value: settings, audit: auditFrom(ctx, { action: 'disclosure.programme_save', targetType: 'disclosure_programme', targetId: ctx.scope.orgId, details: { ...details, updatedAt: now.toISOString() } }) } }
  })
}
