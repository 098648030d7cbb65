import type { Kysely } from 'kysely'
import type { AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import type { Database } from '../../store/schema.js'
import { instanceKey } from '../../store/instance-key.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import { systemContext } from '../system-admin.js'
import { catalogueOf } from './common.js'
import { publishAdvisory } from './publish-advisory.js'
import { createAdvisory } from './save-advisory.js'

/** The tracking id of the demo advisory. */
export const DEMO_ADVISORY_ID = 'ACME-SA-2026-001'

/**
 * Seeds one published TLP:CLEAR advisory of Acme Imaging: Log4Shell (CVE-2021-44228) in the Acme CT 5000 3.1
 * service console, fixed in 3.2. Does nothing when it exists or when the demo product is missing; leaves it a draft
 * when the instance has no key to sign with.
 */
export async function seedAdvisoriesDemo(db: Kysely<Database>): Promise<void> {
  const acme = await systemContext(db, 'acme-imaging')
  if (!acme.ok) return
  const ctx = acme.value
  if (await advisoryRepository.findByTrackingId(db, ctx.scope, DEMO_ADVISORY_ID)) return
  const catalogue = await catalogueOf(db, ctx.scope)
  const affected = catalogue.find((e) => e.productName === 'Acme CT 5000' && e.version === '3.1')
  const fixed = catalogue.find((e) => e.productName === 'Acme CT 5000' && e.version === '3.2')
  if (!affected || !fixed) return
  const content: AdvisoryContent = {
    category: 'csaf_security_advisory',
    title: 'Acme CT 5000: remote code execution through Apache Log4j in the service console (Log4Shell)',
    tlp: 'CLEAR',
    notes: [
      {
        category: 'summary',
        title: 'Summary',
        text: 'The service console of Acme CT 5000 software 3.1 logs requests with Apache Log4j 2.14.1. An attacker on the hospital network who can reach the console can run code on the scanner workstation. Software 3.2 ships Log4j 2.17.1.',
      },
      { category: 'legal_disclaimer', title: 'Terms of use', text: 'This advisory is provided as is. Apply the remediation through Acme Imaging field service.' },
    ],
    references: [{ url: 'https://logging.apache.org/log4j/2.x/security.html', summary: 'Apache Log4j security vulnerabilities', category: 'external' }],
    productIds: [affected.csafProductId, fixed.csafProductId],
    identification: {
      [affected.csafProductId]: { purl: 'pkg:generic/acme-imaging/acme-ct-5000@3.1', serialNumbers: ['CT5-2023-*'] },
      [fixed.csafProductId]: { purl: 'pkg:generic/acme-imaging/acme-ct-5000@3.2' },
    },
    vulnerabilities: [
      {
        cve: 'CVE-2021-44228',
        title: 'Apache Log4j JNDI lookup remote code execution',
        cwe: { id: 'CWE-502', name: 'Deserialization of Untrusted Data' },
        notes: [{ category: 'description', title: 'Description', text: 'JNDI features of Apache Log4j 2 used in configuration, log messages and parameters do not protect against attacker-controlled LDAP and other JNDI endpoints.' }],
        references: [{ url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228', summary: 'NVD: CVE-2021-44228', category: 'external' }],
        scores: [{ vector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', productIds: [affected.csafProductId] }],
        productStatus: { known_affected: [affected.csafProductId], fixed: [fixed.csafProductId] },
        remediations: [
          { category: 'vendor_fix', details: 'Update to Acme CT 5000 software 3.2 (Log4j 2.17.1), installed by Acme Imaging field service.', productIds: [affected.csafProductId] },
          { category: 'workaround', details: 'Until the update, block TCP port 8443 (service console) at the modality VLAN firewall.', productIds: [affected.csafProductId] },
        ],
      },
    ],
  }
  const created = await createAdvisory(ctx, { trackingId: DEMO_ADVISORY_ID, content })
  if (!created.ok) throw new Error(created.error.message)
  // Publishing signs; without an instance key (PostgreSQL without MEDSEC_SECRET_KEY) the demo advisory stays a draft.
  if (!instanceKey().ok) return
  const published = await publishAdvisory(ctx, created.value.id, { status: 'final', summary: 'Initial version.' })
  if (!published.ok) throw new Error(`${published.error.message} ${JSON.stringify(published.error.details)}`)
}
