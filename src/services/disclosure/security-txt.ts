import type { Kysely } from 'kysely'
import { renderSecurityTxt, securityTxtExpires, validateSecurityTxt, type SecurityTxtFields, type SecurityTxtReport } from '../../domain/disclosure/index.js'
import type { Database } from '../../store/schema.js'
import { disclosureLinkRepository } from '../../store/repositories/disclosure-links.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import type { ServiceResult } from '../context.js'
import { openPublicManufacturer, type ProgrammeSettings } from './access.js'

/** How long a served or generated file stays valid: RFC 9116 recommends less than a year; 180 days here. */
export const SECURITY_TXT_DAYS = 180

/** A generated security.txt with its validation report. */
export interface GeneratedSecurityTxt {
  readonly text: string
  readonly report: SecurityTxtReport
}

/** The instance operator's security.txt, served at /.well-known/security.txt. */
export function instanceSecurityTxt(baseUrl: string, contact: string, now = new Date()): GeneratedSecurityTxt {
  const location = `${baseUrl}/.well-known/security.txt`
  const text = renderSecurityTxt(
    { contact: [contact], expires: securityTxtExpires(now, SECURITY_TXT_DAYS), preferredLanguages: ['en'], canonical: [location] },
    ['Security contact of the operator of this medsec instance.', 'Manufacturers on this platform publish their own at /orgs/<slug>/security.txt.'],
  )
  return { text, report: validateSecurityTxt(text, { now: now.toISOString(), location }) }
}

/** The URLs the platform serves for a manufacturer's programme. */
export function manufacturerUrls(baseUrl: string, slug: string) {
  const org = `${baseUrl}/orgs/${encodeURIComponent(slug)}`
  return {
    reportForm: `${baseUrl}/report/${encodeURIComponent(slug)}`,
    securityTxt: `${org}/security.txt`,
    pgpKey: `${org}/pgp-key.asc`,
    acknowledgments: `${org}/acknowledgments.txt`,
    csafProviderMetadata: `${org}/.well-known/csaf/provider-metadata.json`,
  }
}

/** The fields of a manufacturer's security.txt for a given location. */
function manufacturerFields(baseUrl: string, slug: string, settings: ProgrammeSettings, canonical: string, now: Date): SecurityTxtFields {
  const urls = manufacturerUrls(baseUrl, slug)
  return {
    contact: [urls.reportForm, ...(settings.contactEmail ? [`mailto:${settings.contactEmail}`] : [])],
    expires: securityTxtExpires(now, SECURITY_TXT_DAYS),
    encryption: settings.pgpPublicKey ? [urls.pgpKey] : [],
    acknowledgments: [settings.acknowledgmentsUrl ?? urls.acknowledgments],
    preferredLanguages: settings.preferredLanguages,
    canonical: [canonical],
    policy: settings.policyUrl ? [settings.policyUrl] : [],
    hiring: settings.hiringUrl ? [settings.hiringUrl] : [],
    csaf: [urls.csafProviderMetadata],
  }
}

/**
 * A manufacturer's security.txt: `platform` is the copy served at /orgs/<slug>/security.txt; `website` is the file to
 * place at /.well-known/security.txt of its own web site (its Canonical points there; needs the website URL).
 */
export async function manufacturerSecurityTxt(db: Kysely<Database>, slug: string, baseUrl: string, target: 'platform' | 'website', now = new Date()): Promise<ServiceResult<GeneratedSecurityTxt>> {
  const opened = await openPublicManufacturer(db, slug)
  if (!opened.ok) return opened
  const { org, settings } = opened.value
  const location = target === 'website' && settings.websiteUrl ? `${settings.websiteUrl}/.well-known/security.txt` : manufacturerUrls(baseUrl, org.slug).securityTxt
  const comments = [`Vulnerability disclosure for ${org.name}: report through the form or the contacts below.`]
  if (target === 'website' && !settings.websiteUrl) comments.push('Set the website URL in the programme settings to point Canonical at your own site.')
  const text = renderSecurityTxt(manufacturerFields(baseUrl, org.slug, settings, location, now), comments)
  return { ok: true, value: { text, report: validateSecurityTxt(text, { now: now.toISOString(), location }) } }
}

/** The manufacturer's published OpenPGP key, if any. */
export async function manufacturerPgpKey(db: Kysely<Database>, slug: string): Promise<ServiceResult<string | null>> {
  const opened = await openPublicManufacturer(db, slug)
  return opened.ok ? { ok: true, value: opened.value.settings.pgpPublicKey } : opened
}

/** The public hall of fame: reporters who asked for credit on published or closed valid cases. */
export async function acknowledgmentsText(db: Kysely<Database>, slug: string): Promise<ServiceResult<string>> {
  const opened = await openPublicManufacturer(db, slug)
  if (!opened.ok) return opened
  const { scope, org } = opened.value
  const rows = await disclosureRepository.listCases(db, scope)
  const credited = rows.filter((r) => r.credit_wanted && r.published_at && r.triage_outcome === 'valid')
  const lines = [`# ${org.name}: thanks to the people who reported vulnerabilities to us`, '']
  for (const row of credited.reverse()) {
    const refs = (await disclosureLinkRepository.linkedAdvisories(db, scope, row.id)).filter((a) => a.published).map((a) => a.trackingId).join(', ')
    lines.push(`${row.published_at!.toISOString().slice(0, 10)}  ${(row.credit_name ?? 'Anonymous').replace(/[\r\n]+/g, ' ')}${refs ? `  (${refs})` : ''}`)
  }
  if (credited.length === 0) lines.push('(none yet)')
  return { ok: true, value: lines.join('\n') + '\n' }
}
