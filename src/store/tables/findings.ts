import type { ColumnType, Selectable } from 'kysely'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The findings capability's tables (migration 0010). */
export interface FindingsTables {
  findings: FindingTable
  finding_match_runs: FindingMatchRunTable
  triage_decisions: TriageDecisionTable
}

/** One vulnerability of one component of a product version; kept (as resolved) when it vanishes. */
export interface FindingTable {
  id: string
  org_id: string
  product_version_id: string
  revision_id: string
  component_id: string
  /** purl, else CPE, else name@version: the component's identity across SBOM revisions. */
  component_key: string
  component_ref: string
  component_name: string
  component_version: string | null
  component_purl: string | null
  component_cpe: string | null
  /** The purl without version, qualifiers and subpath (for component-wide decisions). */
  package_id: string | null
  vulnerability_id: string
  aliases: Json
  source: string
  source_id: string
  match_kind: 'purl' | 'cpe' | 'product'
  range: string
  source_status: string
  /** Every match of the pair (the matching engine's Finding records), the lead first. */
  reason: Json
  confidence: 'high' | 'medium' | 'low'
  status: 'present' | 'resolved'
  first_seen: Timestamp
  last_seen: Timestamp
  resolved_at: Timestamp | null
}

/** The watermark of a product version's last match: its SBOM revision and the KB generation. */
export interface FindingMatchRunTable {
  product_version_id: string
  org_id: string
  revision_id: string | null
  kb_generation: string
  matched_at: Timestamp
}

/** A triage decision about a vulnerability in a scope (one per scope and vulnerability; history in the audit log). */
export interface TriageDecisionTable {
  id: string
  org_id: string
  scope_kind: 'product_version' | 'product' | 'component'
  scope_key: string
  product_version_id: string | null
  product_id: string | null
  package_id: string | null
  vulnerability_id: string
  state: string
  justification: string | null
  responses: Json
  detail: string | null
  decided_by: string | null
  decided_by_label: string
  decided_at: Timestamp
  origin: string
}

export type FindingRow = Selectable<FindingTable>
export type TriageDecisionRow = Selectable<TriageDecisionTable>
