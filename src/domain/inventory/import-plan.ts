import { DEVICE_FIELD_KEYS, type DeviceFieldKey } from './fields.js'
import type { MappedRow, RowProblem } from './mapping.js'
import type { DeviceRecord } from './normalize.js'

/** A device already in the inventory, as the import compares against it. */
export interface ExistingDevice {
  readonly id: string
  readonly record: DeviceRecord & { readonly assetTag: string }
}

/** A refused row: its number, one readable reason, and each problem with its column and code. */
export interface RejectedRow {
  readonly row: number
  readonly reason: string
  readonly problems: readonly Omit<RowProblem, 'row'>[]
}

/** What an import will do: devices to create, fields to change on existing ones, rows that change nothing, rows refused. */
export interface ImportPlan {
  readonly creates: readonly { readonly row: number; readonly record: DeviceRecord & { readonly assetTag: string } }[]
  readonly updates: readonly { readonly row: number; readonly id: string; readonly assetTag: string; readonly changes: DeviceRecord }[]
  readonly unchanged: readonly { readonly row: number; readonly id: string }[]
  readonly rejected: readonly RejectedRow[]
}

/** The asset tag a new device without one receives: its serial number, marked so it is clearly derived. */
export function derivedAssetTag(serialNumber: string): string {
  return `SN-${serialNumber}`
}

function serialKey(serial: string): string {
  return serial.trim().toUpperCase()
}

function sameManufacturer(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a.trim().toLowerCase() === b.trim().toLowerCase()
}

function reject(row: number, problems: readonly Omit<RowProblem, 'row'>[]): RejectedRow {
  return { row, reason: problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join('; '), problems }
}

/**
 * Plans an idempotent upsert. A row is matched to a stored device by asset tag, or, when it has none, by serial
 * number (with the same manufacturer when both name one). Blank values leave stored values as they are, so
 * importing the same file twice changes nothing the second time. Codes of refused rows: the row's own field codes,
 * device_duplicate_in_file, device_serial_ambiguous, device_serial_conflict.
 */
export function planImport(rows: readonly MappedRow[], existing: readonly ExistingDevice[]): ImportPlan {
  const byTag = new Map<string, ExistingDevice>()
  const bySerial = new Map<string, ExistingDevice[]>()
  for (const device of existing) {
    byTag.set(device.record.assetTag, device)
    if (device.record.serialNumber) {
      const key = serialKey(device.record.serialNumber)
      bySerial.set(key, [...(bySerial.get(key) ?? []), device])
    }
  }
  const creates: ImportPlan['creates'][number][] = []
  const updates: ImportPlan['updates'][number][] = []
  const unchanged: ImportPlan['unchanged'][number][] = []
  const rejected: RejectedRow[] = []
  // Which row first claimed each asset tag and each serial, so a second row for the same device is refused.
  const claimedTags = new Map<string, number>()
  const claimedSerials = new Map<string, { row: number; manufacturer: string | undefined }>()

  for (const mapped of rows) {
    if (mapped.kind === 'invalid') {
      rejected.push(reject(mapped.row, mapped.problems.map(({ row: _row, ...p }) => p)))
      continue
    }
    const { record, row } = mapped
    const serialMatches = record.serialNumber ? (bySerial.get(serialKey(record.serialNumber)) ?? []).filter((d) => sameManufacturer(d.record.manufacturer, record.manufacturer)) : []
    let target: ExistingDevice | undefined
    let assetTag: string
    if (record.assetTag) {
      target = byTag.get(record.assetTag)
      const owner = serialMatches.find((d) => d.id !== target?.id)
      if (owner) {
        rejected.push(reject(row, [{ column: null, field: 'serialNumber', code: 'device_serial_conflict', message: `serial number ${record.serialNumber} already belongs to asset tag ${owner.record.assetTag}` }]))
        continue
      }
      assetTag = record.assetTag
    } else {
      if (serialMatches.length > 1) {
        rejected.push(reject(row, [{ column: null, field: 'serialNumber', code: 'device_serial_ambiguous', message: `serial number ${record.serialNumber} matches ${serialMatches.length} devices; give the asset tag` }]))
        continue
      }
      target = serialMatches[0]
      assetTag = target ? target.record.assetTag : derivedAssetTag(record.serialNumber!)
    }
    const firstTagRow = claimedTags.get(assetTag)
    const serial = record.serialNumber ? serialKey(record.serialNumber) : undefined
    const firstSerial = serial ? claimedSerials.get(serial) : undefined
    const duplicateOf = firstTagRow ?? (firstSerial && sameManufacturer(firstSerial.manufacturer, record.manufacturer) ? firstSerial.row : undefined)
    if (duplicateOf !== undefined) {
      rejected.push(reject(row, [{ column: null, field: firstTagRow !== undefined ? 'assetTag' : 'serialNumber', code: 'device_duplicate_in_file', message: `the same device as row ${duplicateOf}` }]))
      continue
    }
    claimedTags.set(assetTag, row)
    if (serial) claimedSerials.set(serial, { row, manufacturer: record.manufacturer })

    if (!target) {
      creates.push({ row, record: { ...record, assetTag } })
      continue
    }
    const changes = changedFields(target.record, record)
    if (Object.keys(changes).length === 0) unchanged.push({ row, id: target.id })
    else updates.push({ row, id: target.id, assetTag, changes })
  }
  return { creates, updates, unchanged, rejected }
}

/** The given fields of `next` whose value differs from `current` (undefined in `next` means "not given"). */
export function changedFields(current: DeviceRecord, next: DeviceRecord): DeviceRecord {
  const changes: Partial<Record<DeviceFieldKey, unknown>> = {}
  for (const key of DEVICE_FIELD_KEYS) {
    const value = next[key]
    if (value !== undefined && value !== current[key]) changes[key] = value
  }
  return changes as DeviceRecord
}
