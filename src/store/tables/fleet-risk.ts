import type { ColumnType, Selectable } from 'kysely'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

type Level = 'very-low' | 'low' | 'moderate' | 'high' | 'very-high'

// Migration 0015 adds columns to the devices table; its kysely type grows here, beside the migration's other tables.
declare module '../schema.js' {
  interface DeviceTable {
    /** What replacing the device costs, in the organization's currency, when known. */
    replacement_cost: number | null
    patch_status: 'current' | 'update_available' | 'update_pending' | 'not_patchable' | null
    patch_status_note: string | null
    patch_status_at: Timestamp | null
  }
}

/** The fleet risk capability's tables (migration 0015). */
export interface FleetRiskTables {
  fleet_risk_entries: FleetRiskEntryTable
  fleet_risk_controls: FleetRiskControlTable
}

/** One risk in the hospital's register (NIST SP 800-30), about one device or a group of devices. */
export interface FleetRiskEntryTable {
  id: string
  org_id: string
  title: string
  description: string | null
  scope_kind: 'device' | 'group'
  device_id: string | null
  group_filter: Json | null
  likelihood: Level
  impact: Level
  residual_likelihood: Level | null
  status: 'open' | 'mitigating' | 'accepted' | 'closed'
  acceptance_owner: string | null
  acceptance_rationale: string | null
  /** YYYY-MM-DD */
  acceptance_expires: string | null
  accepted_by: string | null
  accepted_at: Timestamp | null
  /** The acceptance expiry date an alert was already sent for (so each expiry alerts once). */
  expiry_alerted_for: string | null
  created_by_label: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** A compensating control recorded against a register entry; removed controls keep their row with `removed_at`. */
export interface FleetRiskControlTable {
  id: string
  org_id: string
  entry_id: string
  kind: 'segmentation' | 'allow_listing' | 'service_disabled' | 'monitoring' | 'physical' | 'other'
  description: string
  created_by_label: string
  created_at: Timestamp
  removed_at: Timestamp | null
}

export type FleetRiskEntryRow = Selectable<FleetRiskEntryTable>
export type FleetRiskControlRow = Selectable<FleetRiskControlTable>
