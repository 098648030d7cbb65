import type { SupportLevel } from '../../../domain/sbom/index.js'

/** A stored SBOM revision as the API returns it. */
export interface Revision {
  readonly id: string
  readonly revision: number
  readonly filename: string
  readonly sha256: string
  readonly sizeBytes: number
  readonly format: string
  readonly specVersion: string
  readonly encoding: string
  readonly components: number
  readonly dependencies: number
  readonly warnings: number
  readonly uploadedBy: string
  readonly uploadedAt: string
}

/** A product version's SBOM page data. */
export interface VersionSboms {
  readonly product: { readonly id: string; readonly name: string; readonly modelNumber: string | null; readonly udiDi: string | null }
  readonly version: { readonly id: string; readonly version: string }
  readonly revisions: readonly Revision[]
  readonly otherVersions: readonly { readonly id: string; readonly version: string; readonly latestRevisionId: string | null }[]
}

/** A row of the component table. */
export interface ComponentRow {
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
  readonly supportLevel: SupportLevel | null
  readonly endOfSupport: string | null
  readonly editedBy: string | null
}

/** The FDA support levels with the words the FDA uses. */
export const SUPPORT_LABELS: Readonly<Record<SupportLevel, string>> = {
  actively_maintained: 'Actively maintained',
  no_longer_maintained: 'No longer maintained',
  abandoned: 'Abandoned',
  unknown: 'Unknown',
}
