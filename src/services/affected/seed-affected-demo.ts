import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { updateDevice } from '../fleet/update-device.js'
import { systemContext } from '../system-admin.js'

// Acme's demo advisory (ACME-SA-2026-001) limits the affected CT 5000 3.1 units to serial numbers CT5-2023-*;
// the hospital's two 3.1 scanners carry such serials, so the affected-devices page shows them by serial.
const ACME_CT_SERIALS: readonly [string, string][] = [
  ['SEH-001', 'CT5-2023-0117'],
  ['SEH-025', 'CT5-2023-0342'],
]

/** The affected-devices part of the demo: the hospital's Acme CT 5000 3.1 scanners get serial numbers in the advisory's range (audited, idempotent). */
export async function seedAffectedDemo(db: Kysely<Database>): Promise<void> {
  const hospital = await systemContext(db, 'st-example-hospital')
  if (!hospital.ok) return
  for (const [assetTag, serialNumber] of ACME_CT_SERIALS) {
    const device = await deviceRepository.findByAssetTag(db, hospital.value.scope, assetTag)
    if (device && device.serial_number !== serialNumber) await updateDevice(hospital.value, device.id, { serialNumber })
  }
}
