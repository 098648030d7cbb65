import type { ColumnType, Generated, Selectable } from 'kysely'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** Bytes stored in a bytea column: a Buffer from pg, a Uint8Array from PGlite. */
type Bytes = ColumnType<Uint8Array, Uint8Array, never>

// Migration 0007 adds columns to two foundation tables; their kysely types grow here, beside the migration's other tables.
declare module '../schema.js' {
  interface DeviceTable {
    udi_di: string | null
    department: string | null
    mac_address: string | null
    vlan: number | null
    dicom_port: number | null
    internet_exposed: Generated<boolean>
    /** YYYY-MM-DD */
    install_date: string | null
    /** YYYY-MM-DD: when the hospital expects to take the device out of clinical use. */
    clinical_end_of_life: string | null
    owner: string | null
    updated_at: Timestamp | null
    product_version_id: string | null
    link_source: 'confirmed' | 'reused' | null
    link_confidence: number | null
    linked_by: string | null
    linked_at: Timestamp | null
  }
  interface ProductVersionTable {
    /** YYYY-MM-DD: the manufacturer's declared end of security support for this version, when known. */
    security_end_of_support: string | null
  }
}

/** The fleet capability's tables (migration 0007). */
export interface FleetTables {
  fleet_imports: FleetImportTable
  fleet_mappings: FleetMappingTable
  fleet_link_rules: FleetLinkRuleTable
  fleet_discoveries: FleetDiscoveryTable
}

/** One inventory import: the file as received, its SHA-256, the mapping used and the outcome. */
export interface FleetImportTable {
  id: string
  org_id: string
  filename: string
  format: 'csv' | 'xlsx' | 'fhir'
  original: Bytes
  sha256: string
  size_bytes: number
  mapping: Json | null
  created_count: number
  updated_count: number
  unchanged_count: number
  rejected: Json
  created_by: string | null
  created_by_label: string
  created_at: Timestamp
}

/** A column mapping an organization saved under a name, for its next imports. */
export interface FleetMappingTable {
  id: string
  org_id: string
  name: string
  mapping: Json
  created_at: Timestamp
  updated_at: Timestamp
}

/** A confirmed link, reused for every device with the same normalised manufacturer, model and version. */
export interface FleetLinkRuleTable {
  org_id: string
  identity_key: string
  product_version_id: string
  confidence: number
  confirmed_by: string
  confirmed_at: Timestamp
}

/** A DICOM application entity that answered a C-ECHO, proposed as an inventory entry. */
export interface FleetDiscoveryTable {
  id: string
  org_id: string
  run_id: string
  host: string
  port: number
  called_ae: string
  calling_ae: string
  outcome: 'echo_ok' | 'echo_failed' | 'association_rejected'
  echo_status: number | null
  implementation_class_uid: string | null
  implementation_version: string | null
  responded_at: Timestamp
  status: 'proposed' | 'accepted' | 'dismissed'
  device_id: string | null
  decided_by: string | null
  decided_at: Timestamp | null
}

export type FleetImportRow = Selectable<FleetImportTable>
export type FleetDiscoveryRow = Selectable<FleetDiscoveryTable>
