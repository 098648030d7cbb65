// The MDS2 API's answers as the web UI reads them (dates arrive as ISO strings).
import type { Completeness, Mds2Diff, Mds2Document, Mds2Issue, ProcurementComparison, RequirementProfile, UnmappedItem } from '../../../domain/mds2/index.js'
import type { TlpLabel } from '../../../domain/tlp/tlp.js'

/** A product version of the organization. */
export interface ProductVersion {
  readonly id: string
  readonly productId: string
  readonly productName: string
  readonly version: string
  readonly tlp: TlpLabel
}

/** A product version in the MDS2 list. */
export interface VersionListing extends ProductVersion {
  readonly documentId: string | null
  readonly currentRevision: number | null
  readonly completenessPercent: number | null
  readonly documentTlp: TlpLabel | null
  readonly updatedAt: string | null
}

/** The MDS2 of a product version with its checks. */
export interface DocumentView {
  readonly productVersion: ProductVersion
  readonly documentId: string | null
  readonly revision: number | null
  readonly currentRevision: number | null
  readonly tlp: TlpLabel
  readonly document: Mds2Document
  readonly issues: readonly Mds2Issue[]
  readonly completeness: Completeness
  readonly savedAt: string | null
  readonly savedBy: string | null
  readonly note: string | null
}

/** A saved revision. */
export interface Revision {
  readonly revision: number
  readonly note: string | null
  readonly completenessPercent: number
  readonly createdByLabel: string
  readonly createdAt: string
}

/** Two revisions compared. */
export interface RevisionDiff extends Mds2Diff {
  readonly from: number
  readonly to: number
}

/** Two versions compared. */
export interface VersionDiff extends Mds2Diff {
  readonly before: ProductVersion & { readonly revision: number }
  readonly after: ProductVersion & { readonly revision: number }
}

/** An uploaded vendor file. */
export interface UploadMeta {
  readonly id: string
  readonly filename: string
  readonly sha256: string
  readonly sizeBytes: number
  readonly vendorName: string
  readonly modelName: string
  readonly tlp: TlpLabel
  readonly completenessPercent: number
  readonly unmappedCount: number
  readonly uploadedByLabel: string
  readonly createdAt: string
}

/** An upload just stored. */
export interface Uploaded extends UploadMeta {
  readonly unmapped: readonly UnmappedItem[]
}

/** An upload with its document and checks. */
export interface UploadView extends Uploaded {
  readonly document: Mds2Document
  readonly issues: readonly Mds2Issue[]
  readonly completeness: Completeness
}

/** The organization's requirement profile. */
export interface ProfileView {
  readonly profile: RequirementProfile
  readonly source: 'default' | 'organization'
  readonly updatedAt: string | null
  readonly updatedBy: string | null
}

/** A procurement comparison and what was compared. */
export interface ComparisonView {
  readonly comparison: ProcurementComparison
  readonly items: readonly { readonly id: string; readonly kind: 'upload' | 'document'; readonly label: string; readonly tlp: TlpLabel }[]
}
