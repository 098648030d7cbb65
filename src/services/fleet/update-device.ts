import { isDeviceFieldKey, normalizeDeviceValues, type DeviceFieldKey, type FieldProblem } from '../../domain/inventory/index.js'
import { deviceRepository, type DeviceChanges } from '../../store/repositories/devices.js'
import type { DeviceRow } from '../../store/schema.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { columnOf, columnsOf } from './device-view.js'

/** Field changes from a form: text to set (checked like an imported cell), or null to clear. */
export type DeviceEdit = Readonly<Partial<Record<DeviceFieldKey, string | null>>>

const REQUIRED: ReadonlySet<DeviceFieldKey> = new Set(['assetTag', 'storesPhi', 'internetExposed', 'status'])

/** Changes fields of one device (analysts and admins); every value is checked, and the change is audited with old and new values. */
export async function updateDevice(ctx: OrgContext, deviceId: string, edit: DeviceEdit): Promise<ServiceResult<DeviceRow>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const problems: FieldProblem[] = []
  const toSet: Partial<Record<DeviceFieldKey, string>> = {}
  const cleared: Record<string, null> = {}
  for (const [key, value] of Object.entries(edit)) {
    if (!isDeviceFieldKey(key)) {
      problems.push({ field: null, code: 'device_field_unknown', message: `${key} is not a device field` })
      continue
    }
    if (value === null || value === undefined || value.trim() === '') {
      if (REQUIRED.has(key)) problems.push({ field: key, code: 'device_field_required', message: `${key} cannot be empty` })
      else cleared[columnOf(key)] = null
    } else toSet[key] = value
  }
  // The key check of a new row does not apply to an edit of a stored device, so check with its asset tag present.
  const normalized = normalizeDeviceValues({ assetTag: 'x', ...toSet })
  if (normalized.kind === 'invalid') problems.push(...normalized.problems)
  if (problems.length > 0 || normalized.kind === 'invalid') return serviceError('validation_failed', problems.map((p) => p.message).join('; '), { problems })
  const { assetTag: _placeholder, ...record } = normalized.record
  const changes: DeviceChanges = { ...columnsOf(record), ...(toSet.assetTag ? { asset_tag: normalized.record.assetTag } : {}), ...cleared }
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const before = await deviceRepository.find(trx, ctx.scope, deviceId)
    if (!before) return serviceError('not_found', 'no such device')
    if (changes.asset_tag && changes.asset_tag !== before.asset_tag && (await deviceRepository.findByAssetTag(trx, ctx.scope, changes.asset_tag))) {
      return serviceError('conflict', `asset tag ${changes.asset_tag} is taken by another device`)
    }
    const after = await deviceRepository.update(trx, ctx.scope, deviceId, changes)
    if (!after) return serviceError('not_found', 'no such device')
    const diff: Record<string, { from: unknown; to: unknown }> = {}
    for (const column of Object.keys(changes) as (keyof DeviceRow)[]) {
      if (before[column] !== after[column]) diff[column] = { from: before[column], to: after[column] }
    }
    return { ok: true, value: { value: after, audit: auditFrom(ctx, { action: 'device.update', targetType: 'device', targetId: deviceId, details: { assetTag: after.asset_tag, changes: diff } }) } }
  })
}
