import { deviceRepository, isUuid } from '../../store/repositories/devices.js'
import { fleetRepository } from '../../store/repositories/fleet.js'
import type { DeviceRow } from '../../store/schema.js'
import type { FleetDiscoveryRow } from '../../store/tables/fleet.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { normalizeDeviceValues } from '../../domain/inventory/index.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { newDeviceOf } from './device-view.js'

/** A discovery result with the inventory entry it proposes: a new device, or an existing one at the same address. */
export interface DiscoveryProposal extends FleetDiscoveryRow {
  readonly matchingDevice: { readonly id: string; readonly assetTag: string } | null
  readonly proposedAssetTag: string
}

/** The asset tag proposed for a new device found by discovery. */
export function proposedAssetTag(host: string, port: number): string {
  return `DICOM-${host}-${port}`
}

/** The organization's discovery results (proposals first), each with the device it would update or the one it would create. */
export async function listDiscoveries(ctx: OrgContext, status?: FleetDiscoveryRow['status']): Promise<ServiceResult<DiscoveryProposal[]>> {
  const [rows, devices] = await Promise.all([fleetRepository.listDiscoveries(ctx.db, ctx.scope, status), deviceRepository.list(ctx.db, ctx.scope)])
  const byIp = new Map<string, DeviceRow>()
  for (const d of devices) if (d.ip_address) byIp.set(d.ip_address, d)
  return {
    ok: true,
    value: rows.map((r) => {
      const match = byIp.get(r.host)
      return { ...r, matchingDevice: match ? { id: match.id, assetTag: match.asset_tag } : null, proposedAssetTag: proposedAssetTag(r.host, r.port) }
    }),
  }
}

/**
 * Accepts a proposal into the inventory (analysts and admins): the device at the same IP address gets the AE title
 * and port, else a new device is created under the given (or proposed) asset tag.
 */
export async function acceptDiscovery(ctx: OrgContext, discoveryId: string, input: { assetTag?: string } = {}): Promise<ServiceResult<{ discovery: FleetDiscoveryRow; device: DeviceRow; created: boolean }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (!isUuid(discoveryId)) return serviceError('not_found', 'no such discovery result')
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const found = await fleetRepository.findDiscovery(trx, ctx.scope, discoveryId)
    if (!found) return serviceError('not_found', 'no such discovery result')
    if (found.status !== 'proposed') return serviceError('conflict', `this result was already ${found.status}`)
    const existing = (await deviceRepository.list(trx, ctx.scope)).find((d) => d.ip_address === found.host)
    let device: DeviceRow | undefined
    let created = false
    if (existing) {
      device = await deviceRepository.update(trx, ctx.scope, existing.id, { ae_title: found.called_ae, dicom_port: found.port })
    } else {
      const assetTag = input.assetTag?.trim() || proposedAssetTag(found.host, found.port)
      const normalized = normalizeDeviceValues({ assetTag, ipAddress: found.host, aeTitle: found.called_ae, dicomPort: String(found.port) })
      if (normalized.kind === 'invalid') return serviceError('validation_failed', normalized.problems.map((p) => p.message).join('; '), { problems: normalized.problems })
      if (await deviceRepository.findByAssetTag(trx, ctx.scope, assetTag)) return serviceError('conflict', `asset tag ${assetTag} is taken`)
      const [id] = await deviceRepository.insertMany(trx, ctx.scope, [newDeviceOf({ ...normalized.record, assetTag })])
      device = await deviceRepository.find(trx, ctx.scope, id!)
      created = true
    }
    if (!device) return serviceError('not_found', 'no such device')
    const discovery = await fleetRepository.decideDiscovery(trx, ctx.scope, discoveryId, { status: 'accepted', deviceId: device.id, by: ctx.actor.label })
    if (!discovery) return serviceError('conflict', 'this result was decided meanwhile')
    return {
      ok: true,
      value: {
        value: { discovery, device, created },
        audit: auditFrom(ctx, { action: 'fleet.discovery_accept', targetType: 'device', targetId: device.id, details: { discoveryId, host: found.host, port: found.port, aeTitle: found.called_ae, created, assetTag: device.asset_tag } }),
      },
    }
  })
}

/** Dismisses a proposal (analysts and admins). */
export async function dismissDiscovery(ctx: OrgContext, discoveryId: string): Promise<ServiceResult<FleetDiscoveryRow>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (!isUuid(discoveryId)) return serviceError('not_found', 'no such discovery result')
  return auditedWrite(ctx.db, async (trx) => {
    const found = await fleetRepository.findDiscovery(trx, ctx.scope, discoveryId)
    if (!found) return serviceError('not_found', 'no such discovery result')
    const decided = await fleetRepository.decideDiscovery(trx, ctx.scope, discoveryId, { status: 'dismissed', deviceId: null, by: ctx.actor.label })
    if (!decided) return serviceError('conflict', `this result was already ${found.status}`)
    return { ok: true, value: { value: decided, audit: auditFrom(ctx, { action: 'fleet.discovery_dismiss', targetType: 'fleet_discovery', targetId: discoveryId, details: { host: found.host, port: found.port } }) } }
  })
}
