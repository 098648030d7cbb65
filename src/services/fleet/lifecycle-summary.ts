import { fleetSupportSummary, type FleetSupportSummary } from '../../domain/lifecycle/support-life.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { fleetRepository } from '../../store/repositories/fleet.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { today } from './get-device.js'

/** The fleet's security-support position: devices past or near end of support, and support-vs-clinical-life gaps. */
export interface LifecycleSummary extends FleetSupportSummary {
  /** Devices linked to a manufacturer's product version. */
  readonly linked: number
}

/** Summarises the organization's fleet against its linked product versions' security end of support. */
export async function lifecycleSummary(ctx: OrgContext, horizonDays = 365, on = today()): Promise<ServiceResult<LifecycleSummary>> {
  const [devices, versions] = await Promise.all([deviceRepository.list(ctx.db, ctx.scope), fleetRepository.linkedVersions(ctx.db, ctx.scope)])
  const summary = fleetSupportSummary(
    devices.map((d) => ({
      id: d.id,
      assetTag: d.asset_tag,
      status: d.status,
      clinicalEndOfLife: d.clinical_end_of_life,
      securityEndOfSupport: d.product_version_id ? (versions.get(d.product_version_id)?.securityEndOfSupport ?? null) : null,
    })),
    on,
    horizonDays,
  )
  return { ok: true, value: { ...summary, linked: devices.filter((d) => d.product_version_id).length } }
}
