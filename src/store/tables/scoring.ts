import type { ColumnType, Selectable } from 'kysely'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The scoring capability's tables (migration 0002). */
export interface ScoringTables {
  vulnerability_assessments: VulnerabilityAssessmentTable
}

/** An organization's assessment of one vulnerability: CVSS, rubric, and the FDA postmarket case. */
export interface VulnerabilityAssessmentTable {
  id: string
  org_id: string
  /** A CVE id or free text. */
  vulnerability_id: string
  title: string | null
  product_id: string | null
  product_version_id: string | null
  cvss_vector: string | null
  cvss_version: string | null
  cvss_base_score: number | null
  cvss_score: number | null
  cvss_severity: string | null
  /** The domain's CvssScore object. */
  cvss_scores: Json | null
  /** Rubric answers keyed by question id, when the rubric was used. */
  rubric_answers: Json | null
  /** The rubric's rationale per metric. */
  rubric_rationale: Json | null
  case_state: string
  /** The postmarket case history (oldest first). */
  case_history: Json
  /** The current FDA determination with its obligations and due dates. */
  determination: Json | null
  risk: string | null
  /** YYYY-MM-DD. */
  determination_date: string | null
  /** The earliest due date of a required obligation, YYYY-MM-DD. */
  next_due_date: string | null
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export type VulnerabilityAssessmentRow = Selectable<VulnerabilityAssessmentTable>
