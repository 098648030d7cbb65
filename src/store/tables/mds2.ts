import type { ColumnType, Selectable } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** Bytes stored in a bytea column: a Buffer from pg, a Uint8Array from PGlite. */
type Bytes = ColumnType<Uint8Array, Uint8Array, never>

/** The MDS2 capability's tables (migration 0003). */
export interface Mds2Tables {
  mds2_documents: Mds2DocumentTable
  mds2_revisions: Mds2RevisionTable
  mds2_uploads: Mds2UploadTable
  mds2_profiles: Mds2ProfileTable
}

/** A manufacturer's MDS2 for one product version; its content lives in the revisions. */
export interface Mds2DocumentTable {
  id: string
  org_id: string
  product_version_id: string
  current_revision: number
  tlp: TlpLabel
  created_at: Timestamp
  updated_at: Timestamp
}

/** One saved state of a manufacturer's MDS2 document. */
export interface Mds2RevisionTable {
  document_id: string
  org_id: string
  revision: number
  content: Json
  completeness_percent: number
  note: string | null
  created_by: string | null
  created_by_label: string
  created_at: Timestamp
}

/** A vendor's MDS2 file uploaded by an organization (usually a hospital), kept as received and as parsed. */
export interface Mds2UploadTable {
  id: string
  org_id: string
  filename: string
  media_type: string | null
  original: Bytes
  sha256: string
  size_bytes: number
  content: Json
  unmapped: Json
  completeness_percent: number
  vendor_name: string
  model_name: string
  tlp: TlpLabel
  uploaded_by: string | null
  uploaded_by_label: string
  created_at: Timestamp
  deleted_at: Timestamp | null
  deleted_by_label: string | null
}

/** An organization's procurement requirement profile (absent until first saved; the default applies until then). */
export interface Mds2ProfileTable {
  org_id: string
  profile: Json
  updated_by_label: string
  updated_at: Timestamp
}

export type Mds2DocumentRow = Selectable<Mds2DocumentTable>
export type Mds2RevisionRow = Selectable<Mds2RevisionTable>
export type Mds2UploadRow = Selectable<Mds2UploadTable>
