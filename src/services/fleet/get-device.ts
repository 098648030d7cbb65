import { supportGap, supportStatus, type SupportGap, type SupportStatus } from '../../domain/lifecycle/support-life.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import type { CatalogueVersion } from '../../store/repositories/fleet.js'
import type { DeviceRow } from '../../store/schema.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { findVisibleProductVersion } from './product-catalogue.js'

/** A device with the product version it is linked to and where it stands on security support. */
export interface DeviceDetail {
  readonly device: DeviceRow
  readonly linkedProduct: CatalogueVersion | null
  readonly support: SupportStatus
  readonly gap: SupportGap
}

/** Today as YYYY-MM-DD (UTC). */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** One device of the organization with its link and support position. */
export async function getDevice(ctx: OrgContext, deviceId: string): Promise<ServiceResult<DeviceDetail>> {
  const device = await deviceRepository.find(ctx.db, ctx.scope, deviceId)
  if (!device) return serviceError('not_found', 'no such device')
  const linkedProduct = device.product_version_id ? ((await findVisibleProductVersion(ctx, device.product_version_id)) ?? null) : null
  const securityEndOfSupport = linkedProduct?.securityEndOfSupport ?? null
  return {
    ok: true,
    value: { device, linkedProduct, support: supportStatus(securityEndOfSupport, today()), gap: supportGap({ clinicalEndOfLife: device.clinical_end_of_life, securityEndOfSupport }) },
  }
}
