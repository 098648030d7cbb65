import type { ColumnType, Selectable } from 'kysely'
import type { SupportLevel } from '../../domain/sbom/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** Bytes stored in a bytea column: a Buffer from pg, a Uint8Array from PGlite. */
type Bytes = ColumnType<Uint8Array, Uint8Array, never>

/** The SBOM capability's tables (migration 0008). */
export interface SbomTables {
  sbom_revisions: SbomRevisionTable
  sbom_components: SbomComponentTable
  sbom_dependencies: SbomDependencyTable
}

/** One uploaded SBOM of a product version: the original file, as received, and the document-level model. */
export interface SbomRevisionTable {
  id: string
  org_id: string
  product_version_id: string
  revision: number
  filename: string
  media_type: string | null
  original: Bytes
  sha256: string
  size_bytes: number
  format: 'cyclonedx' | 'spdx'
  spec_version: string
  encoding: string
  /** The model without its components and dependencies (subject, authors, tools, relationships, warnings...). */
  document: Json
  component_count: number
  dependency_count: number
  tlp: TlpLabel
  uploaded_by: string | null
  uploaded_by_label: string
  created_at: Timestamp
}

/** One component of a revision; the FDA fields are editable, the rest is as parsed. */
export interface SbomComponentTable {
  id: string
  org_id: string
  revision_id: string
  ordinal: number
  bom_ref: string
  parent_ref: string | null
  type: string
  name: string
  group_name: string | null
  version: string | null
  supplier: string | null
  purl: string | null
  cpe: string | null
  licenses: Json
  hashes: Json
  support_level: SupportLevel | null
  end_of_support: string | null
  /** The model fields without a column of their own (description, scope, author, swid, properties...). */
  extra: Json
  fda_edited_at: Timestamp | null
  fda_edited_by_label: string | null
}

/** One dependency edge (depends_on null for a component declared with no dependencies), in document order. */
export interface SbomDependencyTable {
  revision_id: string
  org_id: string
  ordinal: number
  position: number
  ref: string
  depends_on: string | null
}

export type SbomRevisionRow = Selectable<SbomRevisionTable>
export type SbomComponentRow = Selectable<SbomComponentTable>
export type SbomDependencyRow = Selectable<SbomDependencyTable>
