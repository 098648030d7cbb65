import type { EndOfSupport } from '../../domain/lifecycle/capital-plan.js'
import type { SupportStatus } from '../../domain/lifecycle/support-life.js'
import type { DeviceRiskBreakdown } from '../../domain/risk/device-risk.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { assessFleet, cachedFleetAssessment, type DeviceAssessment, type FleetAssessment } from './fleet-assessment.js'
import type { DeviceVulnerabilitySource } from './device-vulnerabilities.js'
import { compareText, derivedOf } from './generation-cache.js'

/** One device in the risk listing: identity, score with its breakdown, patch status and support position. */
export interface DeviceRiskRow {
  readonly id: string
  readonly assetTag: string
  readonly serialNumber: string | null
  readonly manufacturer: string | null
  readonly model: string | null
  readonly softwareVersion: string | null
  readonly modality: string | null
  readonly location: string | null
  readonly criticality: string | null
  readonly score: number
  readonly level: DeviceRiskBreakdown['level']
  readonly breakdown: DeviceRiskBreakdown
  readonly patchStatus: string | null
  readonly endOfSupport: EndOfSupport
  readonly support: SupportStatus
  readonly registerEntries: number
}

/** A page of the listing, highest score first. */
export interface DeviceRiskPage {
  readonly today: string
  readonly total: number
  readonly offset: number
  readonly devices: readonly DeviceRiskRow[]
}

/** Filters and paging of the listing. */
export interface RiskListOptions {
  readonly level?: DeviceRiskBreakdown['level']
  readonly modality?: string
  readonly limit?: number
  readonly offset?: number
  readonly source?: DeviceVulnerabilitySource
  readonly today?: string
}

/** The row of an assessed device (the assessment must have been made with risk). */
export function deviceRiskRow(a: DeviceAssessment): DeviceRiskRow {
  const d = a.device
  const risk = a.risk!
  return {
    id: d.id,
    assetTag: d.asset_tag,
    serialNumber: d.serial_number,
    manufacturer: d.manufacturer,
    model: d.model,
    softwareVersion: d.software_version,
    modality: d.modality,
    location: d.location,
    criticality: d.criticality,
    score: risk.score,
    level: risk.level,
    breakdown: risk,
    patchStatus: d.patch_status,
    endOfSupport: a.endOfSupport,
    support: a.support,
    registerEntries: a.entryIds.length,
  }
}

/** The devices in use, highest score first (ties by asset tag); computed once per assessment. */
export function rankedByRisk(assessment: FleetAssessment): readonly DeviceAssessment[] {
  return derivedOf(assessment, 'ranked', () =>
    assessment.devices.filter((a) => a.device.status !== 'retired').sort((a, b) => b.risk!.score - a.risk!.score || compareText(a.device.asset_tag, b.device.asset_tag)),
  )
}

/** Every device's clinical-context risk score, highest first (ties by asset tag), filtered and paged (any member). */
export async function listDeviceRisks(ctx: OrgContext, options: RiskListOptions = {}): Promise<ServiceResult<DeviceRiskPage>> {
  const assessment = options.source
    ? await assessFleet(ctx, { withRisk: true, source: options.source, today: options.today })
    : await cachedFleetAssessment(ctx, { withRisk: true, today: options.today })
  const ranked = rankedByRisk(assessment)
  const rows = options.level || options.modality ? ranked.filter((a) => (!options.level || a.risk!.level === options.level) && (!options.modality || a.device.modality === options.modality)) : ranked
  const offset = options.offset ?? 0
  const limit = options.limit ?? 100
  return { ok: true, value: { today: assessment.today, total: rows.length, offset, devices: rows.slice(offset, offset + limit).map(deviceRiskRow) } }
}
