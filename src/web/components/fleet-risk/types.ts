import type { EndOfSupport, EndOfSupportCliff, CapitalPlan, UnsupportedWindow } from '../../../domain/lifecycle/capital-plan.js'
import type { SupportStatus } from '../../../domain/lifecycle/support-life.js'
import type { DeviceRiskBreakdown, DeviceVulnerability } from '../../../domain/risk/device-risk.js'
import type { AcceptanceState, GroupFilter } from '../../../domain/risk/risk-register.js'
import type { Sp80030Level } from '../../../domain/risk/sp800-30.js'

/** A device in the risk listing. */
export interface DeviceRiskRow {
  id: string
  assetTag: string
  serialNumber: string | null
  manufacturer: string | null
  model: string | null
  softwareVersion: string | null
  modality: string | null
  location: string | null
  criticality: string | null
  score: number
  level: DeviceRiskBreakdown['level']
  breakdown: DeviceRiskBreakdown
  patchStatus: string | null
  endOfSupport: EndOfSupport
  support: SupportStatus
  registerEntries: number
}

/** The fleet dashboard. */
export interface FleetDashboard {
  today: string
  devices: number
  byModality: { modality: string; devices: number; highRisk: number }[]
  riskDistribution: Record<DeviceRiskBreakdown['level'], number>
  bySupport: Record<SupportStatus, number>
  unsupportedInUse: number
  endOfSupportDerived: number
  cliff: EndOfSupportCliff
  patchStatus: Record<string, number>
  register: { open: number; accepted: number; expiring: number; expired: number }
  top: DeviceRiskRow[]
}

/** A register entry. */
export interface RiskEntry {
  id: string
  title: string
  description: string | null
  scope: { kind: 'device'; deviceId: string; assetTag: string | null } | { kind: 'group'; filter: GroupFilter; label: string; devices: number }
  likelihood: Sp80030Level
  impact: Sp80030Level
  residualLikelihood: Sp80030Level | null
  risk: { inherent: Sp80030Level; residual: Sp80030Level }
  status: 'open' | 'mitigating' | 'accepted' | 'closed'
  acceptance: { owner: string | null; rationale: string | null; expires: string | null; acceptedBy: string | null; acceptedAt: string | null; state: AcceptanceState }
  controls: { id: string; kind: string; description: string; createdBy: string; createdAt: string }[]
  createdBy: string
  createdAt: string
}

/** The register with its summary. */
export interface RiskRegister {
  today: string
  entries: RiskEntry[]
  summary: { open: number; mitigating: number; accepted: number; expiring: number; expired: number; closed: number }
}

/** A device's risk. */
export interface DeviceRisk {
  deviceId: string
  assetTag: string
  breakdown: DeviceRiskBreakdown
  vulnerabilities: DeviceVulnerability[]
  patch: { status: string | null; note: string | null; at: string | null }
  endOfSupport: EndOfSupport
  support: SupportStatus
  window: UnsupportedWindow
  upgradeAvailable: boolean
  replacementCost: number | null
  entries: RiskEntry[]
  suggestion: { likelihood: Sp80030Level; impact: Sp80030Level }
}

/** The lifecycle plan. */
export interface LifecyclePlan {
  plan: CapitalPlan
  cliff: EndOfSupportCliff
  window: { unsupportedInUse: number; withWindow: number; endOfSupportDeclared: number; endOfSupportDerived: number; endOfSupportUnknown: number }
}

/** Human labels. */
export const LEVEL_LABELS: Readonly<Record<string, string>> = { 'very-high': 'Very high', high: 'High', moderate: 'Moderate', low: 'Low', 'very-low': 'Very low', none: 'None' }
export const PATCH_LABELS: Readonly<Record<string, string>> = { current: 'Current', update_available: 'Update available', update_pending: 'Update pending', not_patchable: 'Not patchable', unknown: 'Unknown' }
export const CONTROL_LABELS: Readonly<Record<string, string>> = { segmentation: 'Segmentation / VLAN', allow_listing: 'Allow-listing', service_disabled: 'Service disabled', monitoring: 'Monitoring', physical: 'Physical', other: 'Other' }

/** "declared 2026-06-30", "derived 2029-01-09 (Windows 10 IoT 1809)" or "unknown". */
export function endOfSupportText(eos: EndOfSupport): string {
  if (eos.kind === 'unknown') return 'unknown'
  if (eos.kind === 'declared') return `${eos.date} (declared by the manufacturer)`
  return `${eos.date} (derived from ${eos.component.name}${eos.component.version ? ` ${eos.component.version}` : ''} in the SBOM)`
}

/** A short text of an acceptance state. */
export function acceptanceText(state: AcceptanceState): string {
  switch (state.kind) {
    case 'none':
      return ''
    case 'active':
      return `${state.daysLeft} days left`
    case 'expiring':
      return `expires in ${state.daysLeft} days`
    case 'expired':
      return `expired ${state.daysAgo} days ago`
  }
}
