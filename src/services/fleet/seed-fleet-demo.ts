import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { productRepository } from '../../store/repositories/products.js'
import { systemContext } from '../system-admin.js'
import { confirmLink } from './link-device.js'
import { setSecurityEndOfSupport } from './set-security-end-of-support.js'
import { updateDevice } from './update-device.js'

/**
 * The fleet part of the demo: Acme declares the security end of support of two product versions, the hospital gives
 * some devices install dates and clinical end of life, and confirms two links (identical devices reuse them), so the
 * Fleet page shows devices past end of support and support-vs-clinical-life gaps. Through the services, audited.
 */
export async function seedFleetDemo(db: Kysely<Database>): Promise<void> {
  const [acme, hospital] = await Promise.all([systemContext(db, 'acme-imaging'), systemContext(db, 'st-example-hospital')])
  if (!acme.ok || !hospital.ok) return
  const ct = await productRepository.findByName(db, acme.value.scope, 'Acme CT 5000')
  const pacs = await productRepository.findByName(db, acme.value.scope, 'Acme PACS Viewer')
  const ct31 = ct && (await productRepository.findVersion(db, acme.value.scope, ct.id, '3.1'))
  const pacs74 = pacs && (await productRepository.findVersion(db, acme.value.scope, pacs.id, '7.4'))
  if (!ct31 || !pacs74) return
  await setSecurityEndOfSupport(acme.value, ct31.id, '2026-06-30')
  await setSecurityEndOfSupport(acme.value, pacs74.id, '2025-12-31')
  const lifecycle: readonly [string, string, string][] = [
    ['SEH-001', '2018-05-14', '2031-12-31'],
    ['SEH-025', '2019-02-01', '2033-06-30'],
    ['SEH-004', '2020-09-01', '2029-12-31'],
    ['SEH-005', '2020-09-01', '2029-12-31'],
    ['SEH-006', '2021-03-15', '2029-12-31'],
  ]
  for (const [assetTag, installDate, clinicalEndOfLife] of lifecycle) {
    const device = await deviceRepository.findByAssetTag(db, hospital.value.scope, assetTag)
    if (device) await updateDevice(hospital.value, device.id, { installDate, clinicalEndOfLife })
  }
  for (const [assetTag, versionId] of [['SEH-001', ct31.id], ['SEH-004', pacs74.id]] as const) {
    const device = await deviceRepository.findByAssetTag(db, hospital.value.scope, assetTag)
    if (device) await confirmLink(hospital.value, device.id, versionId)
  }
}
