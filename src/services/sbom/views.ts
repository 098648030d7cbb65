import type { Hash, SupportLevel } from '../../domain/sbom/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { SbomRevisionMeta } from '../../store/repositories/sboms.js'
import type { SbomComponentRow } from '../../store/tables/sbom.js'
import { licenseText } from './stored-model.js'

/** A revision as the API shows it. */
export interface RevisionView {
  readonly id: string
  readonly productVersionId: string
  readonly revision: number
  readonly filename: string
  readonly mediaType: string | null
  readonly sha256: string
  readonly sizeBytes: number
  readonly format: 'cyclonedx' | 'spdx'
  readonly specVersion: string
  readonly encoding: string
  readonly components: number
  readonly dependencies: number
  readonly warnings: number
  readonly tlp: TlpLabel
  readonly uploadedBy: string
  readonly uploadedAt: Date
}

/** A component row as the component table shows it. */
export interface ComponentView {
  readonly id: string
  readonly ordinal: number
  readonly ref: string
  readonly type: string
  readonly name: string
  readonly group: string | null
  readonly version: string | null
  readonly supplier: string | null
  readonly purl: string | null
  readonly cpe: string | null
  readonly licenses: readonly string[]
  readonly hashes: readonly Hash[]
  readonly supportLevel: SupportLevel | null
  readonly endOfSupport: string | null
  readonly editedAt: Date | null
  readonly editedBy: string | null
}

/** A file to download. */
export interface Download {
  readonly filename: string
  readonly contentType: string
  readonly bytes: Uint8Array
}

/** The API view of a revision. */
export function revisionView(row: SbomRevisionMeta): RevisionView {
  const warnings = (row.document as { warnings?: readonly unknown[] } | null)?.warnings?.length ?? 0
  return {
    id: row.id,
    productVersionId: row.product_version_id,
    revision: row.revision,
    filename: row.filename,
    mediaType: row.media_type,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    format: row.format,
    specVersion: row.spec_version,
    encoding: row.encoding,
    components: row.component_count,
    dependencies: row.dependency_count,
    warnings,
    tlp: row.tlp,
    uploadedBy: row.uploaded_by_label,
    uploadedAt: row.created_at,
  }
}

/** The API view of a component row. */
export function componentView(row: SbomComponentRow): ComponentView {
  return {
    id: row.id,
    ordinal: row.ordinal,
    ref: row.bom_ref,
    type: row.type,
    name: row.name,
    group: row.group_name,
    version: row.version,
    supplier: row.supplier,
    purl: row.purl,
    cpe: row.cpe,
    licenses: ((row.licenses ?? []) as Parameters<typeof licenseText>[0][]).map(licenseText),
    hashes: (row.hashes ?? []) as Hash[],
    supportLevel: row.support_level,
    endOfSupport: row.end_of_support,
    editedAt: row.fda_edited_at,
    editedBy: row.fda_edited_by_label,
  }
}

/** A file name part made of safe characters only. */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'sbom'
}
