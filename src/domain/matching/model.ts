import type { AdvisorySourceKind, AffectedStatus } from '../kb/index.js'

/** The least a component needs for matching; the SBOM model's Component satisfies it. */
export interface MatchComponent {
  readonly ref: string
  readonly name: string
  readonly version?: string
  readonly purl?: string
  readonly cpe?: string
  readonly supplier?: string
}

/** How much a finding can be trusted. */
export type Confidence = 'high' | 'medium' | 'low'

/**
 * Why a finding's confidence was lowered (the known false-positive classes of vulnerability matching):
 * - all_versions: the source's range covers every version (an NVD criterion with '*' and no bounds);
 * - vendor_product_crossed: vendor and product compare in opposite directions (NISTIR 7696 leaves this undefined);
 * - ecosystem_has_purl_data: a CPE hit on a package whose ecosystem has package-precise advisories;
 * - platform_not_in_sbom: the NVD configuration needs a running-on platform that no component of the SBOM is;
 * - name_only: matched on a name (and supplier) guessed into a CPE or product, not on a declared identity;
 * - release_unknown: a distribution advisory for one release, and the component does not name its release.
 */
export type MatchGuard = 'all_versions' | 'vendor_product_crossed' | 'ecosystem_has_purl_data' | 'platform_not_in_sbom' | 'name_only' | 'release_unknown'

/** The matched component, as the finding reports it. */
export interface FindingComponent {
  readonly ref: string
  readonly name: string
  readonly version: string | null
  readonly purl: string | null
  readonly cpe: string | null
}

/** KEV, EPSS and the highest recomputed CVSS score of the vulnerability (from any of its sources). */
export interface FindingEnrichment {
  readonly kev: { readonly dateAdded: string; readonly dueDate: string | null } | null
  readonly epss: { readonly score: number; readonly percentile: number; readonly date: string | null } | null
  readonly cvss: { readonly vector: string; readonly score: number; readonly severity: string; readonly source: string; readonly author: string | null } | null
}

interface FindingBase extends FindingEnrichment {
  readonly component: FindingComponent
  /** The canonical id of the vulnerability's alias group. */
  readonly vulnerabilityId: string
  readonly aliases: readonly string[]
  readonly source: AdvisorySourceKind
  readonly sourceId: string
  readonly origin: string
  /** The source's range that contains the version, in vers form. */
  readonly range: string
  /** The component version that was compared with the range. */
  readonly versionCompared: string | null
  /** What the source says of the component: affected, or (CSAF/VEX) not affected, fixed, under investigation. */
  readonly status: AffectedStatus
  readonly confidence: Confidence
  readonly guards: readonly MatchGuard[]
  /** One sentence saying why. */
  readonly reason: string
}

/** A match on package identity: purl type, namespace and name, then vers containment in the ecosystem's order. */
export interface PurlFinding extends FindingBase {
  readonly kind: 'purl'
  readonly packageKey: string
  readonly ecosystem: string
}

/** A match of an NVD (or CVE 5) CPE criterion, within its configuration. */
export interface CpeFinding extends FindingBase {
  readonly kind: 'cpe'
  readonly criteria: string
  /** The component's CPE, declared or (guard name_only) guessed from its name and supplier. */
  readonly componentCpe: string
  /** Running-on platforms the configuration requires, each with whether a component of the SBOM provides it. */
  readonly platforms: readonly { readonly criteria: string; readonly present: boolean }[]
}

/** A match of a named product (CSAF product tree, CVE 5 vendor/product). */
export interface ProductFinding extends FindingBase {
  readonly kind: 'product'
  readonly productId: string
  readonly productName: string
  readonly matchedOn: 'purl' | 'cpe' | 'model_number' | 'serial_number' | 'name'
}

/** Why a component is affected (or, for CSAF/VEX statements, not affected): one kind-tagged record. */
export type Finding = PurlFinding | CpeFinding | ProductFinding

/** Counts of a matching run. */
export interface MatchStats {
  readonly components: number
  readonly withPurl: number
  readonly withCpe: number
  /** Components without purl or CPE, matched only by name if at all. */
  readonly withoutIdentity: number
  readonly findings: number
  readonly affectedComponents: number
  readonly byConfidence: Readonly<Record<Confidence, number>>
  /** Versions that a range's scheme could not read (the pair is skipped, not guessed). */
  readonly versionErrors: number
}

/** The findings for a set of components, the components without purl/CPE, and counts. */
export interface MatchReport {
  readonly findings: readonly Finding[]
  readonly unmatchedComponents: readonly { readonly ref: string; readonly name: string }[]
  readonly stats: MatchStats
}
