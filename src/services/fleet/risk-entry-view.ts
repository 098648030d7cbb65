import { acceptanceState, groupLabel, parseGroupFilter, registerRisk, type AcceptanceState, type GroupFilter, type RegisterStatus } from '../../domain/risk/risk-register.js'
import type { Sp80030Level } from '../../domain/risk/sp800-30.js'
import type { FleetRiskControlRow, FleetRiskEntryRow } from '../../store/tables/fleet-risk.js'

/** A compensating control as the API shows it. */
export interface RiskControlView {
  readonly id: string
  readonly kind: FleetRiskControlRow['kind']
  readonly description: string
  readonly createdBy: string
  readonly createdAt: string
}

/** A register entry as the API shows it: scope, SP 800-30 levels and risk, acceptance with its state, controls. */
export interface RiskEntryView {
  readonly id: string
  readonly title: string
  readonly description: string | null
  readonly scope:
    | { readonly kind: 'device'; readonly deviceId: string; readonly assetTag: string | null }
    | { readonly kind: 'group'; readonly filter: GroupFilter; readonly label: string; readonly devices: number }
  readonly likelihood: Sp80030Level
  readonly impact: Sp80030Level
  readonly residualLikelihood: Sp80030Level | null
  readonly risk: { readonly inherent: Sp80030Level; readonly residual: Sp80030Level }
  readonly status: RegisterStatus
  readonly acceptance: {
    readonly owner: string | null
    readonly rationale: string | null
    readonly expires: string | null
    readonly acceptedBy: string | null
    readonly acceptedAt: string | null
    readonly state: AcceptanceState
  }
  readonly controls: readonly RiskControlView[]
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

/** Builds the view of an entry; `devices` gives asset tags (device scope) and group sizes. */
export function riskEntryView(
  row: FleetRiskEntryRow,
  controls: readonly FleetRiskControlRow[],
  today: string,
  devices: { readonly assetTagOf: (id: string) => string | null; readonly groupSize: (filter: GroupFilter) => number },
): RiskEntryView {
  const filter = row.scope_kind === 'group' ? parseGroupFilter(row.group_filter) : undefined
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    scope:
      row.scope_kind === 'device' || !filter?.ok
        ? { kind: 'device', deviceId: row.device_id ?? '', assetTag: row.device_id ? devices.assetTagOf(row.device_id) : null }
        : { kind: 'group', filter: filter.value, label: groupLabel(filter.value), devices: devices.groupSize(filter.value) },
    likelihood: row.likelihood,
    impact: row.impact,
    residualLikelihood: row.residual_likelihood,
    risk: registerRisk(row.likelihood, row.impact, row.residual_likelihood),
    status: row.status,
    acceptance: {
      owner: row.acceptance_owner,
      rationale: row.acceptance_rationale,
      expires: row.acceptance_expires,
      acceptedBy: row.accepted_by,
      acceptedAt: row.accepted_at?.toISOString() ?? null,
      state: acceptanceState(row.status, row.acceptance_expires, today),
    },
    controls: controls.filter((c) => c.entry_id === row.id).map((c) => ({ id: c.id, kind: c.kind, description: c.description, createdBy: c.created_by_label, createdAt: c.created_at.toISOString() })),
    createdBy: row.created_by_label,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
