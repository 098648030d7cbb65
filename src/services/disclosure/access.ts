import type { Kysely } from 'kysely'
import { defaultClockPolicy, validateClockPolicy, type ClockPolicy } from '../../domain/disclosure/index.js'
import type { OrganizationKind } from '../../domain/tenancy/tenancy.js'
import type { Database } from '../../store/schema.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import type { DisclosureCaseRow, DisclosureProgrammeRow } from '../../store/tables/disclosure.js'
import { scopeFor, type OrgScope } from '../../store/scope.js'
import { secretHash } from '../auth/secrets.js'
import { serviceError, type ServiceResult } from '../context.js'

/** A manufacturer's programme settings with the defaults filled in. */
export interface ProgrammeSettings {
  readonly intakeOpen: boolean
  /** CLEAR: only TLP:CLEAR products in the public pickers; GREEN: TLP:CLEAR and TLP:GREEN (the default, ADR 0080). */
  readonly catalogueTlp: 'CLEAR' | 'GREEN'
  readonly contactEmail: string | null
  readonly websiteUrl: string | null
  readonly policyUrl: string | null
  readonly acknowledgmentsUrl: string | null
  readonly hiringUrl: string | null
  readonly preferredLanguages: readonly string[]
  readonly clockPolicy: ClockPolicy
  readonly pgpPublicKey: string | null
  readonly pgpFingerprint: string | null
  readonly updatedAt: Date | null
  readonly updatedByLabel: string | null
}

/** The settings of a programme row, or the defaults when the manufacturer has not saved any. */
export function programmeSettings(row: DisclosureProgrammeRow | undefined): ProgrammeSettings {
  const stored = row ? validateClockPolicy({ ...defaultClockPolicy, ...(row.clock_policy as Partial<ClockPolicy>) }) : undefined
  return {
    intakeOpen: row?.intake_open ?? true,
    catalogueTlp: row?.catalogue_tlp ?? 'GREEN',
    contactEmail: row?.contact_email ?? null,
    websiteUrl: row?.website_url ?? null,
    policyUrl: row?.policy_url ?? null,
    acknowledgmentsUrl: row?.acknowledgments_url ?? null,
    hiringUrl: row?.hiring_url ?? null,
    preferredLanguages: Array.isArray(row?.preferred_languages) ? (row.preferred_languages as string[]) : ['en'],
    clockPolicy: stored?.ok ? stored.value : defaultClockPolicy,
    pgpPublicKey: row?.pgp_public_key ?? null,
    pgpFingerprint: row?.pgp_fingerprint ?? null,
    updatedAt: row?.updated_at ?? null,
    updatedByLabel: row?.updated_by_label ?? null,
  }
}

/** A manufacturer opened through its public slug: only the disclosure intake and its public catalogue use this. */
export interface PublicManufacturer {
  readonly db: Kysely<Database>
  readonly scope: OrgScope
  readonly org: { readonly id: string; readonly slug: string; readonly name: string; readonly kind: OrganizationKind }
  readonly settings: ProgrammeSettings
}

/**
 * Opens a manufacturer's public disclosure programme by slug. Anyone may report to any manufacturer, so the slug is
 * all it takes; the scope it creates is used only by the public intake use cases (see ADR 0080).
 */
export async function openPublicManufacturer(db: Kysely<Database>, slug: string): Promise<ServiceResult<PublicManufacturer>> {
  const org = await organizationRepository.findBySlug(db, slug)
  if (!org || org.kind !== 'manufacturer') return serviceError('not_found', `no manufacturer ${slug} receives reports here`)
  const scope = scopeFor(org.id)
  const settings = programmeSettings(await disclosureRepository.findProgramme(db, scope))
  return { ok: true, value: { db, scope, org: { id: org.id, slug: org.slug, name: org.name, kind: org.kind }, settings } }
}

/** A case opened with a reporter's secret link. */
export interface ReporterPortal extends PublicManufacturer {
  readonly case: DisclosureCaseRow
}

/** Opens the case whose secret link the reporter holds (the secret is compared by its SHA-256), or not_found. */
export async function openReporterPortal(db: Kysely<Database>, token: string): Promise<ServiceResult<ReporterPortal>> {
  const missing = serviceError('not_found', 'this link does not open a case; check that it was copied whole')
  if (!/^[A-Za-z0-9_-]{32,128}$/.test(token)) return missing
  const found = await disclosureRepository.findCaseByPortalHash(db, secretHash(token))
  if (!found) return missing
  const org = await organizationRepository.findById(db, found.org_id)
  if (!org) return missing
  const opened = await openPublicManufacturer(db, org.slug)
  if (!opened.ok) return missing
  return { ok: true, value: { ...opened.value, case: found } }
}
