import type { AdvisoryCatalogueEntry, AdvisoryContent, AdvisoryMeta } from '../../domain/csaf/advisory-content.js'
import type { AdvisoryRevision } from '../../domain/csaf/builder.js'
import { sortedKeys, type CsafReport } from '../../domain/csaf/index.js'
import type { AdvisoryFileSummary } from '../../store/repositories/advisories.js'
import type { AdvisoryRow } from '../../store/tables/advisories.js'
import { filePath, providerBase } from './common.js'

/** Where an advisory is published: its provider path and URL, version and hashes. */
export interface PublishedFile {
  readonly path: string
  readonly url: string
  readonly version: string
  readonly sha256: string
  readonly sha512: string
  readonly signingKey: string
  readonly publishedAt: Date
}

/** An advisory in lists. */
export interface AdvisorySummary {
  readonly id: string
  readonly trackingId: string
  readonly title: string
  readonly category: AdvisoryRow['category']
  readonly tlp: AdvisoryRow['tlp']
  readonly status: AdvisoryRow['status']
  readonly version: string
  readonly valid: boolean
  readonly changedSincePublish: boolean
  readonly currentReleaseDate: Date | null
  readonly updatedAt: Date
  readonly published: PublishedFile | null
}

/** An advisory with its content, generated document, validation and revision history. */
export interface AdvisoryView extends AdvisorySummary {
  readonly revisions: AdvisoryRevision[]
  readonly initialReleaseDate: Date | null
  readonly createdBy: string
  readonly createdAt: Date
  readonly content: AdvisoryContent
  readonly document: Record<string, unknown> | null
  readonly validation: CsafReport
}

/** What the editor needs besides the advisory: the catalogue and the publisher/tracking the document is built with. */
export interface AdvisoryEditorView extends AdvisoryView {
  readonly catalogue: readonly AdvisoryCatalogueEntry[]
  readonly meta: AdvisoryMeta
}

/** The published file of a row, as a view. */
export function publishedOf(file: AdvisoryFileSummary | undefined, base: string, slug: string): PublishedFile | null {
  if (!file) return null
  const path = filePath(file.tlp, file.year, file.tracking_id)
  return {
    path,
    url: `${providerBase(base, slug)}/${path}`,
    version: file.version,
    sha256: file.sha256,
    sha512: file.sha512,
    signingKey: file.signing_key_fingerprint,
    publishedAt: file.published_at,
  }
}

/** The summary of a row. */
export function summaryOf(row: AdvisoryRow, published: PublishedFile | null): AdvisorySummary {
  return {
    id: row.id,
    trackingId: row.tracking_id,
    title: row.title,
    category: row.category,
    tlp: row.tlp,
    status: row.status,
    version: row.version,
    valid: (row.validation as CsafReport).valid,
    changedSincePublish: row.changed_since_publish,
    currentReleaseDate: row.current_release_date,
    updatedAt: row.updated_at,
    published,
  }
}

/** The full view of a row. */
export function viewOf(row: AdvisoryRow, published: PublishedFile | null): AdvisoryView {
  return {
    ...summaryOf(row, published),
    revisions: row.revisions as AdvisoryRevision[],
    initialReleaseDate: row.initial_release_date,
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    content: row.content as AdvisoryContent,
    // jsonb does not keep key order; CSAF documents are shown with sorted keys, as they are published (test 6.2.13).
    document: row.document === null ? null : (sortedKeys(row.document) as Record<string, unknown>),
    validation: row.validation as CsafReport,
  }
}
