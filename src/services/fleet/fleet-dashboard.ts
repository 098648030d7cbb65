import { endOfSupportCliff, type EndOfSupportCliff } from '../../domain/lifecycle/capital-plan.js'
import type { SupportStatus } from '../../domain/lifecycle/support-life.js'
import { riskDistribution, type DeviceRiskBreakdown } from '../../domain/risk/device-risk.js'
import { acceptanceState } from '../../domain/risk/risk-register.js'
import type { OrgContext, ServiceResult } from '../context.js'
import type { DeviceVulnerabilitySource } from './device-vulnerabilities.js'
import { assessFleet, cachedFleetAssessment, type FleetAssessment } from './fleet-assessment.js'
import { derivedOf } from './generation-cache.js'
import { deviceRiskRow, rankedByRisk, type DeviceRiskRow } from './list-device-risks.js'

/** The fleet at a glance. */
export interface FleetDashboard {
  readonly today: string
  /** Devices in use (retired ones left out). */
  readonly devices: number
  readonly byModality: readonly { readonly modality: string; readonly devices: number; readonly highRisk: number }[]
  readonly riskDistribution: Readonly<Record<DeviceRiskBreakdown['level'], number>>
  readonly bySupport: Readonly<Record<SupportStatus, number>>
  /** Devices whose support has ended while they are still in clinical use. */
  readonly unsupportedInUse: number
  readonly endOfSupportDerived: number
  readonly cliff: EndOfSupportCliff
  readonly patchStatus: Readonly<Record<string, number>>
  readonly register: { readonly open: number; readonly accepted: number; readonly expiring: number; readonly expired: number }
  /** The highest-scoring devices. */
  readonly top: readonly DeviceRiskRow[]
}

/** Counts by modality, the risk distribution, support positions, the end-of-support cliff and the register at a glance (any member). */
export async function fleetDashboard(ctx: OrgContext, options: { source?: DeviceVulnerabilitySource; today?: string } = {}): Promise<ServiceResult<FleetDashboard>> {
  const assessment = options.source
    ? await assessFleet(ctx, { withRisk: true, source: options.source, today: options.today })
    : await cachedFleetAssessment(ctx, { withRisk: true, today: options.today })
  return { ok: true, value: derivedOf(assessment, 'dashboard', () => dashboardOf(assessment)) }
}

function dashboardOf(assessment: FleetAssessment): FleetDashboard {
  const inUse = assessment.devices.filter((a) => a.device.status !== 'retired')
  const modalities = new Map<string, { devices: number; highRisk: number }>()
  const bySupport: Record<SupportStatus, number> = { unknown: 0, supported: 0, ending_soon: 0, ended: 0 }
  const patchStatus: Record<string, number> = { current: 0, update_available: 0, update_pending: 0, not_patchable: 0, unknown: 0 }
  let unsupportedInUse = 0
  let derived = 0
  for (const a of inUse) {
    const m = modalities.get(a.device.modality ?? 'OT') ?? { devices: 0, highRisk: 0 }
    m.devices++
    if (a.risk!.level === 'high' || a.risk!.level === 'very-high') m.highRisk++
    modalities.set(a.device.modality ?? 'OT', m)
    bySupport[a.support]++
    patchStatus[a.device.patch_status ?? 'unknown']!++
    if (a.window.kind === 'window' && a.window.current) unsupportedInUse++
    if (a.endOfSupport.kind === 'derived') derived++
  }
  const top = rankedByRisk(assessment).slice(0, 10)
  const states = assessment.entries.map((e) => acceptanceState(e.status, e.acceptance_expires, assessment.today).kind)
  return {
    today: assessment.today,
    devices: inUse.length,
    byModality: [...modalities.entries()].map(([modality, m]) => ({ modality, ...m })).sort((a, b) => b.devices - a.devices || a.modality.localeCompare(b.modality)),
    riskDistribution: riskDistribution(inUse.map((a) => a.risk!.level)),
    bySupport,
    unsupportedInUse,
    endOfSupportDerived: derived,
    cliff: endOfSupportCliff(inUse.map((a) => ({ modality: a.device.modality, status: a.device.status, endOfSupport: a.endOfSupport }))),
    patchStatus,
    register: {
      open: assessment.entries.filter((e) => e.status === 'open' || e.status === 'mitigating').length,
      accepted: assessment.entries.filter((e) => e.status === 'accepted').length,
      expiring: states.filter((s) => s === 'expiring').length,
      expired: states.filter((s) => s === 'expired').length,
    },
    top: top.filter((a) => a.risk!.score > 0).map(deviceRiskRow),
  }
}
