import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { productRepository } from '../../store/repositories/products.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import { systemContext } from '../system-admin.js'
import { decideRelationship } from './decide-relationship.js'
import { requestAccess } from './request-access.js'

/**
 * The demo's sharing: St. Example Hospital asked Acme Imaging for access and Acme approved it for both products and
 * every artifact kind. Idempotent: an open relationship between the two is left as it is.
 */
export async function seedSharingDemo(db: Kysely<Database>): Promise<void> {
  const [acme, hospital] = await Promise.all([systemContext(db, 'acme-imaging'), systemContext(db, 'st-example-hospital')])
  if (!acme.ok || !hospital.ok) return
  if (await sharingRepository.findOpen(db, acme.value.org.id, hospital.value.org.id)) return
  const agreement = await sharingRepository.currentAgreement(db)
  if (!agreement) return
  const products = await productRepository.findByNames(db, acme.value.scope, ['Acme CT 5000', 'Acme PACS Viewer'])
  const requested = await requestAccess(hospital.value, {
    manufacturerOrgId: acme.value.org.id,
    message: 'We run Acme CT 5000 and Acme PACS Viewer in radiology and need their SBOMs, VEX and advisories.',
    acceptAgreementVersion: agreement.version,
  })
  if (!requested.ok) throw new Error(requested.error.message)
  const approved = await decideRelationship(acme.value, requested.value.id, 'approve', {
    allProducts: false,
    productIds: products.map((p) => p.id),
    acceptAgreementVersion: agreement.version,
  })
  if (!approved.ok) throw new Error(approved.error.message)
}
