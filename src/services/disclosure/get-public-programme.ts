import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { disclosureRepository, type CatalogueVersion } from '../../store/repositories/disclosure.js'
import type { ServiceResult } from '../context.js'
import { openPublicManufacturer } from './access.js'

/** What the public report form needs to know about a manufacturer. */
export interface PublicProgramme {
  readonly slug: string
  readonly name: string
  readonly intakeOpen: boolean
  readonly policyUrl: string | null
  readonly preferredLanguages: readonly string[]
  readonly pgpPublicKey: string | null
  readonly pgpFingerprint: string | null
  readonly acknowledgeBusinessDays: number
  /** Product versions labelled TLP:CLEAR (and TLP:GREEN unless the manufacturer opted out), for the pickers. */
  readonly catalogue: readonly CatalogueVersion[]
}

/** A manufacturer's public programme: its policy, key, response time and public catalogue. */
export async function getPublicProgramme(db: Kysely<Database>, slug: string): Promise<ServiceResult<PublicProgramme>> {
  const opened = await openPublicManufacturer(db, slug)
  if (!opened.ok) return opened
  const { org, settings, scope } = opened.value
  return {
    ok: true,
    value: {
      slug: org.slug,
      name: org.name,
      intakeOpen: settings.intakeOpen,
      policyUrl: settings.policyUrl,
      preferredLanguages: settings.preferredLanguages,
      pgpPublicKey: settings.pgpPublicKey,
      pgpFingerprint: settings.pgpFingerprint,
      acknowledgeBusinessDays: settings.clockPolicy.acknowledgeBusinessDays,
      catalogue: await disclosureRepository.publicCatalogue(db, scope, settings.catalogueTlp),
    },
  }
}
