import type { EndOfSupport, UnsupportedWindow } from '../../domain/lifecycle/capital-plan.js'
import type { SupportStatus } from '../../domain/lifecycle/support-life.js'
import type { DeviceRiskBreakdown, DeviceVulnerability } from '../../domain/risk/device-risk.js'
import { suggestRegisterLevels } from '../../domain/risk/risk-register.js'
import type { Sp80030Level } from '../../domain/risk/sp800-30.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import type { DeviceVulnerabilitySource } from './device-vulnerabilities.js'
import { assessFleet } from './fleet-assessment.js'
import { listRiskRegister } from './list-risk-register.js'
import type { RiskEntryView } from './risk-entry-view.js'

/** A device's risk: the score's breakdown, its vulnerabilities, patch status, support life and the register entries covering it. */
export interface DeviceRisk {
  readonly deviceId: string
  readonly assetTag: string
  readonly breakdown: DeviceRiskBreakdown
  readonly vulnerabilities: readonly DeviceVulnerability[]
  readonly patch: { readonly status: string | null; readonly note: string | null; readonly at: string | null }
  readonly endOfSupport: EndOfSupport
  readonly support: SupportStatus
  readonly window: UnsupportedWindow
  readonly upgradeAvailable: boolean
  readonly replacementCost: number | null
  readonly entries: readonly RiskEntryView[]
  /** Starting levels for a new register entry about this device. */
  readonly suggestion: { readonly likelihood: Sp80030Level; readonly impact: Sp80030Level }
}

/** One device's risk breakdown with its register entries (any member). */
export async function getDeviceRisk(ctx: OrgContext, deviceId: string, options: { source?: DeviceVulnerabilitySource; today?: string } = {}): Promise<ServiceResult<DeviceRisk>> {
  const assessment = await assessFleet(ctx, { withRisk: true, deviceId, source: options.source, today: options.today })
  const a = assessment.devices[0]
  if (!a) return serviceError('not_found', 'no such device')
  const [register, patch] = await Promise.all([listRiskRegister(ctx, { deviceId, includeClosed: true, today: assessment.today }), fleetRiskRepository.patchStatusOf(ctx.db, ctx.scope, deviceId)])
  return {
    ok: true,
    value: {
      deviceId: a.device.id,
      assetTag: a.device.asset_tag,
      breakdown: a.risk!,
      vulnerabilities: a.vulnerabilities,
      patch: { status: patch?.status ?? null, note: patch?.note ?? null, at: patch?.at?.toISOString() ?? null },
      endOfSupport: a.endOfSupport,
      support: a.support,
      window: a.window,
      upgradeAvailable: a.upgradeAvailable,
      replacementCost: a.device.replacement_cost,
      entries: register.ok ? register.value.entries : [],
      suggestion: suggestRegisterLevels(a.risk!),
    },
  }
}
