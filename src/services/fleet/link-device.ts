import { identityKey, rankCandidates, scoreCandidate, type LinkCandidate } from '../../domain/inventory/index.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { fleetRepository } from '../../store/repositories/fleet.js'
import type { DeviceRow } from '../../store/schema.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { findVisibleProductVersion, visibleProductVersions } from './product-catalogue.js'

/** Identity of a stored device for matching. */
function identityOf(device: DeviceRow) {
  return { manufacturer: device.manufacturer, model: device.model, softwareVersion: device.software_version, udiDi: device.udi_di }
}

/** The product versions a device could be, best first, each with its confidence and reasons. */
export async function linkCandidates(ctx: OrgContext, deviceId: string): Promise<ServiceResult<LinkCandidate[]>> {
  const device = await deviceRepository.find(ctx.db, ctx.scope, deviceId)
  if (!device) return serviceError('not_found', 'no such device')
  return { ok: true, value: rankCandidates(identityOf(device), await visibleProductVersions(ctx)) }
}

/** What confirming a link did. */
export interface LinkResult {
  readonly productVersionId: string
  /** The device itself plus identical unlinked devices that reuse the link. */
  readonly devicesLinked: number
  readonly reusedFor: readonly string[]
}

/**
 * Confirms that a device is a given product version (a person's decision; analysts and admins). The link is stored
 * on the device and as a rule for identical devices (same normalised manufacturer, model and version), which are
 * linked at once and on later imports.
 */
export async function confirmLink(ctx: OrgContext, deviceId: string, productVersionId: string): Promise<ServiceResult<LinkResult>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const version = await findVisibleProductVersion(ctx, productVersionId)
  if (!version) return serviceError('not_found', 'no such product version visible to this organization')
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const device = await deviceRepository.find(trx, ctx.scope, deviceId)
    if (!device) return serviceError('not_found', 'no such device')
    const { confidence } = scoreCandidate(identityOf(device), version)
    await deviceRepository.setLink(trx, ctx.scope, [device.id], { productVersionId, source: 'confirmed', confidence, by: ctx.actor.label })
    const key = identityKey(identityOf(device))
    let reusedFor: string[] = []
    if (key) {
      await fleetRepository.saveLinkRule(trx, ctx.scope, { identityKey: key, productVersionId, confidence, by: ctx.actor.label })
      const identical = (await deviceRepository.listUnlinked(trx, ctx.scope)).filter((d) => identityKey(identityOf(d)) === key)
      await deviceRepository.setLink(trx, ctx.scope, identical.map((d) => d.id), { productVersionId, source: 'reused', confidence, by: ctx.actor.label })
      reusedFor = identical.map((d) => d.asset_tag)
    }
    return {
      ok: true,
      value: {
        value: { productVersionId, devicesLinked: 1 + reusedFor.length, reusedFor },
        audit: auditFrom(ctx, {
          action: 'device.link_confirm',
          targetType: 'device',
          targetId: device.id,
          details: { assetTag: device.asset_tag, productVersionId, product: version.productName, version: version.version, manufacturer: version.manufacturer, confidence, reusedFor },
        }),
      },
    }
  })
}

/** Removes a device's product link and the reuse rule of its identity, so it is not linked again automatically. */
export async function unlinkDevice(ctx: OrgContext, deviceId: string): Promise<ServiceResult<void>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    await fleetGenerationRepository.lockHospital(trx, ctx.scope)
    const device = await deviceRepository.find(trx, ctx.scope, deviceId)
    if (!device) return serviceError('not_found', 'no such device')
    await deviceRepository.setLink(trx, ctx.scope, [device.id], { productVersionId: null, source: null, confidence: null, by: null })
    const key = identityKey(identityOf(device))
    if (key) await fleetRepository.deleteLinkRule(trx, ctx.scope, key)
    return {
      ok: true,
      value: { value: undefined, audit: auditFrom(ctx, { action: 'device.link_remove', targetType: 'device', targetId: device.id, details: { assetTag: device.asset_tag, productVersionId: device.product_version_id } }) },
    }
  })
}
