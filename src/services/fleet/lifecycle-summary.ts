import { fleetSupportSummary, type FleetSupportSummary } from '../../domain/lifecycle/support-life.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { cachedFleetAssessment } from './fleet-assessment.js'
import { today } from './get-device.js'

/** The fleet's security-support position: devices past or near end of support, and support-vs-clinical-life gaps. */
export interface LifecycleSummary extends FleetSupportSummary {
  /** Devices linked to a manufacturer's product version. */
  readonly linked: number
  /** Devices whose end of support is derived from their version's SBOM (no date declared by the manufacturer). */
  readonly derived: number
}

/**
 * Summarises the organization's fleet against each device's security end of support: the manufacturer's declared
 * date for the linked product version, else the date derived from that version's SBOM (operating system, firmware).
 */
export async function lifecycleSummary(ctx: OrgContext, horizonDays = 365, on = today()): Promise<ServiceResult<LifecycleSummary>> {
  const assessment = await cachedFleetAssessment(ctx, { withRisk: false, today: on })
  const summary = fleetSupportSummary(
    assessment.devices.map((a) => ({
      id: a.device.id,
      assetTag: a.device.asset_tag,
      status: a.device.status,
      clinicalEndOfLife: a.device.clinical_end_of_life,
      securityEndOfSupport: a.endOfSupport.kind === 'unknown' ? null : a.endOfSupport.date,
    })),
    on,
    horizonDays,
  )
  return {
    ok: true,
    value: {
      ...summary,
      linked: assessment.devices.filter((a) => a.device.product_version_id).length,
      derived: assessment.devices.filter((a) => a.device.status !== 'retired' && a.endOfSupport.kind === 'derived').length,
    },
  }
}
