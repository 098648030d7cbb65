import type { Problem } from '../result.js'

/** The SBOM family a document belongs to. */
export type SbomFormat = 'cyclonedx' | 'spdx'

/** How the document was written. */
export type SbomEncoding = 'json' | 'xml' | 'tag-value' | 'json-ld'

/** The FDA level of support of a component (premarket guidance, section V.A.4.b). */
export type SupportLevel = 'actively_maintained' | 'no_longer_maintained' | 'abandoned' | 'unknown'

/** Every FDA support level, in the order the guidance names them. */
export const supportLevels: readonly SupportLevel[] = ['actively_maintained', 'no_longer_maintained', 'abandoned', 'unknown']

/** A cryptographic hash of a component, with the algorithm named as CycloneDX names it (e.g. SHA-256). */
export interface Hash {
  readonly alg: string
  readonly value: string
}

/** A license statement: an SPDX expression, a single SPDX id, or a free-text name. */
export type License =
  | { readonly kind: 'expression'; readonly expression: string }
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'name'; readonly name: string }

/** A name/value pair attached to a component or a document. */
export interface Property {
  readonly name: string
  readonly value: string
}

/** A SWID tag reference of a component. */
export interface Swid {
  readonly tagId: string
  readonly name: string
  readonly version?: string
  readonly tagVersion?: number
  readonly patch?: boolean
}

/** One component of an SBOM, whatever format it came from. */
export interface Component {
  /** The document-local identifier: CycloneDX bom-ref or SPDX id (generated when the document has none). */
  readonly ref: string
  /** CycloneDX component type (application, library, framework, operating-system, firmware, device, container, file...). */
  readonly type: string
  readonly name: string
  readonly group?: string
  readonly version?: string
  readonly description?: string
  readonly scope?: string
  readonly supplier?: string
  readonly manufacturer?: string
  readonly publisher?: string
  readonly author?: string
  readonly purl?: string
  readonly cpe?: string
  readonly swid?: Swid
  readonly hashes: readonly Hash[]
  readonly licenses: readonly License[]
  readonly copyright?: string
  readonly properties: readonly Property[]
  readonly supportLevel?: SupportLevel
  /** The end-of-support date, ISO 8601 as written in the document. */
  readonly endOfSupport?: string
  /** The ref of the component this one is nested in (CycloneDX nested components, SPDX CONTAINS is not used). */
  readonly parent?: string
}

/** The direct dependencies of one component. */
export interface Dependency {
  readonly ref: string
  readonly dependsOn: readonly string[]
}

/** A typed relationship between two elements as SPDX writes it (DESCRIBES, CONTAINS, DEPENDS_ON...). */
export interface Relationship {
  readonly from: string
  readonly type: string
  readonly to: string
}

/** The normalised SBOM: one model for CycloneDX and SPDX documents. */
export interface Sbom {
  readonly format: SbomFormat
  readonly specVersion: string
  readonly encoding: SbomEncoding
  /** CycloneDX serialNumber or SPDX documentNamespace / document id. */
  readonly serialNumber?: string
  readonly name?: string
  readonly bomVersion?: number
  readonly timestamp?: string
  readonly authors: readonly string[]
  readonly tools: readonly string[]
  readonly supplier?: string
  /** The component the SBOM describes (CycloneDX metadata.component, SPDX DESCRIBES target). */
  readonly subject?: Component
  readonly components: readonly Component[]
  readonly dependencies: readonly Dependency[]
  /** Relationships other than dependencies, kept as read (SPDX); CycloneDX documents have none. */
  readonly relationships: readonly Relationship[]
  readonly properties: readonly Property[]
  /** Semantic findings that do not stop the document from being used (dangling refs, duplicates, cycles). */
  readonly warnings: readonly Problem[]
}
