import type { Timestamp } from '../schema.js'

/** The targeted re-match tables (migration 0012). */
export interface FindingKeyTables {
  finding_component_keys: FindingComponentKeyTable
  finding_kb_cursor: FindingKbCursorTable
}

/** One identity key of a component of the revision a product version was last matched on. */
export interface FindingComponentKeyTable {
  /** 'purl:<package key>', 'cpe:<vendor>:<product>' or 'name:<name>', lower-case. */
  match_key: string
  component_id: string
  org_id: string
  product_version_id: string
  revision_id: string
}

/** The single row saying up to which statement import time knowledge-base changes have been re-matched. */
export interface FindingKbCursorTable {
  id: number
  through: Timestamp | null
  generation: string
  updated_at: Timestamp
}
