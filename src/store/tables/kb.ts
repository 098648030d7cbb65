import type { ColumnType } from 'kysely'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The vulnerability knowledge base's tables (migration 0004): instance-wide public data, no tenant rows. */
export interface KbTables {
  kb_vulnerabilities: KbVulnerabilityTable
  kb_aliases: KbAliasTable
  kb_statements: KbStatementTable
  kb_package_keys: KbPackageKeyTable
  kb_kev: KbKevTable
  kb_epss: KbEpssTable
  kb_imports: KbImportTable
}

/** An alias group, named by its canonical id (a CVE id when it has one). */
export interface KbVulnerabilityTable {
  id: string
  updated_at: Timestamp
}

/** One id of an alias group (CVE, GHSA, PYSEC, vendor ids). */
export interface KbAliasTable {
  alias: string
  vulnerability_id: string
}

/** One source's statement about a vulnerability, as the domain's KbStatement. */
export interface KbStatementTable {
  source: string
  source_id: string
  vulnerability_id: string
  origin: string
  /** SHA-256 of the stored statement text (its `JSON.stringify`, ADR 0064): an unchanged record is not rewritten. */
  content_hash: string
  modified: string | null
  withdrawn: boolean
  statement: Json
  imported_at: Timestamp
}

/** Search keys of statements: package keys, CPE vendor:product, product names. */
export interface KbPackageKeyTable {
  package_key: string
  source: string
  source_id: string
}

/** A CISA KEV entry (the domain's KevEntry). */
export interface KbKevTable {
  cve_id: string
  date_added: string
  entry: Json
  origin: string
  imported_at: Timestamp
}

/** The latest EPSS score of a CVE. */
export interface KbEpssTable {
  cve_id: string
  epss: number
  percentile: number
  score_date: string | null
  origin: string
  imported_at: Timestamp
}

/** The last import of a source location: HTTP validators for incremental updates and a checkpoint for resuming. */
export interface KbImportTable {
  location: string
  kind: string | null
  status: 'running' | 'completed' | 'failed'
  etag: string | null
  last_modified: string | null
  checkpoint: Json | null
  counts: Json
  error: string | null
  started_at: Timestamp
  finished_at: Timestamp | null
}
