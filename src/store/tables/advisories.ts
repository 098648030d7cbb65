import type { ColumnType, Selectable } from 'kysely'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The TLP labels CSAF 2.0 can carry (CLEAR is written WHITE inside the document). */
export type AdvisoryTlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'RED'

/** The advisory tables (migration 0009). */
export interface AdvisoryTables {
  advisories: AdvisoryTable
  advisory_files: AdvisoryFileTable
  csaf_signing_keys: CsafSigningKeyTable
}

/** A manufacturer's advisory: the editable content, the generated CSAF document and its tracking. */
export interface AdvisoryTable {
  id: string
  org_id: string
  tracking_id: string
  title: string
  category: 'csaf_security_advisory' | 'csaf_vex'
  tlp: AdvisoryTlp
  status: 'draft' | 'interim' | 'final'
  version: string
  revisions: Json
  initial_release_date: Timestamp | null
  current_release_date: Timestamp | null
  content: Json
  document: Json
  validation: Json
  product_ids: Json
  changed_since_publish: boolean
  created_by_label: string
  created_at: Timestamp
  updated_at: Timestamp
}

/** The published file of an advisory, byte for byte as the provider serves it, with hashes and signature. */
export interface AdvisoryFileTable {
  advisory_id: string
  org_id: string
  tlp: AdvisoryTlp
  year: string
  filename: string
  tracking_id: string
  title: string
  version: string
  content: string
  sha256: string
  sha512: string
  signature: string
  signing_key_fingerprint: string
  initial_release_date: Timestamp
  current_release_date: Timestamp
  published_at: Timestamp
}

/** An organization's OpenPGP signing key; the private key is encrypted with the instance secret key. */
export interface CsafSigningKeyTable {
  fingerprint: string
  org_id: string
  public_key: string
  private_key_encrypted: string
  user_id: string
  created_by_label: string
  created_at: Timestamp
  retired_at: Timestamp | null
}

export type AdvisoryRow = Selectable<AdvisoryTable>
export type AdvisoryFileRow = Selectable<AdvisoryFileTable>
export type CsafSigningKeyRow = Selectable<CsafSigningKeyTable>
