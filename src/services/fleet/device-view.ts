import { DEVICE_FIELD_KEYS, type DeviceFieldKey, type DeviceRecord } from '../../domain/inventory/index.js'
import type { DeviceInput, DeviceChanges } from '../../store/repositories/devices.js'
import type { DeviceRow } from '../../store/schema.js'

/** The TLP label of a hospital's own inventory: for the organization only. */
export const INVENTORY_TLP = 'AMBER+STRICT'

/** The devices column of a field: camelCase to snake_case (assetTag is asset_tag). */
export function columnOf(key: DeviceFieldKey): keyof DeviceRow & string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof DeviceRow & string
}

/** A stored device as a record (null columns are "not given"). */
export function recordOf(row: DeviceRow): DeviceRecord & { readonly assetTag: string; readonly id: string } {
  const out: Record<string, unknown> = { id: row.id }
  for (const key of DEVICE_FIELD_KEYS) {
    const value = row[columnOf(key)]
    if (value !== null && value !== undefined) out[key] = value
  }
  return out as unknown as DeviceRecord & { assetTag: string; id: string }
}

/** The columns a record sets; fields the record does not give are left out. */
export function columnsOf(record: DeviceRecord): DeviceChanges {
  const out: Record<string, unknown> = {}
  for (const key of DEVICE_FIELD_KEYS) {
    const value = record[key]
    if (value !== undefined) out[columnOf(key)] = value
  }
  return out as DeviceChanges
}

/** The row of a new device from a record that has its asset tag. */
export function newDeviceOf(record: DeviceRecord & { readonly assetTag: string }): DeviceInput {
  return { stores_phi: false, status: 'in_service', ...columnsOf(record), asset_tag: record.assetTag, tlp: INVENTORY_TLP } as DeviceInput
}
