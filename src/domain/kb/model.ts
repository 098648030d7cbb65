import type { Problem } from '../result.js'

// The vulnerability knowledge base is instance-wide public data (OSV, NVD, CVE, KEV, EPSS, vendor CSAF): it belongs
// to no organization and carries no TLP. Every statement keeps the words of its own source and where it came from.

/** The feeds the knowledge base imports. */
export type KbSourceKind = 'osv' | 'nvd' | 'cve5' | 'kev' | 'epss' | 'csaf'

/** Every feed kind, in the order the CLI lists them. */
export const kbSourceKinds: readonly KbSourceKind[] = ['osv', 'nvd', 'cve5', 'kev', 'epss', 'csaf']

/** The feeds whose records describe affected software (KEV and EPSS only enrich CVE ids). */
export type AdvisorySourceKind = 'osv' | 'nvd' | 'cve5' | 'csaf'

/** A severity as a source states it: a CVSS vector (with the score it published) or a plain rating. */
export type KbSeverity =
  | { readonly kind: 'cvss'; readonly vector: string; readonly publishedScore: number | null; readonly author: string | null }
  | { readonly kind: 'rating'; readonly value: string; readonly author: string | null }

/** What a source says about the affected item. */
export type AffectedStatus = 'affected' | 'not_affected' | 'fixed' | 'under_investigation'

/** A package in an ecosystem (OSV, CVE 5 with a package registry), with its affected versions as vers ranges. */
export interface PackageAffected {
  readonly kind: 'package'
  /** The ecosystem as the source names it, e.g. 'PyPI' or 'Debian:11'. */
  readonly ecosystem: string
  /** The purl type the ecosystem maps to, or null when it has none. */
  readonly purlType: string | null
  readonly namespace: string | null
  readonly name: string
  /** Affected ranges in vers form, in the ecosystem's version order. */
  readonly ranges: readonly string[]
  /** Versions the source lists one by one. */
  readonly versions: readonly string[]
  /** Versions the source names as fixing the issue. */
  readonly fixed: readonly string[]
  /** A distribution release the statement is limited to (e.g. '11' of 'Debian:11'). */
  readonly release: string | null
  readonly status: AffectedStatus
}

/** One NVD cpeMatch: a CPE criterion, whether it is the vulnerable part, and its version range in vers form. */
export interface CpeMatchStatement {
  readonly criteria: string
  readonly vulnerable: boolean
  /** The range in vers form (generic order); '*' ranges are written 'vers:generic/*'. */
  readonly range: string
}

/** A node of an NVD configuration: cpeMatch entries joined by its operator, optionally negated. */
export interface CpeNode {
  readonly operator: 'AND' | 'OR'
  readonly negate: boolean
  readonly matches: readonly CpeMatchStatement[]
}

/** An NVD configuration (or a CVE 5 list of CPEs): nodes joined by AND (running-on platforms) or OR. */
export interface CpeConfigurationAffected {
  readonly kind: 'cpe'
  readonly operator: 'AND' | 'OR'
  readonly nodes: readonly CpeNode[]
  readonly status: AffectedStatus
}

/** A named product (CSAF product tree, CVE 5 vendor/product): identities to match and a status. */
export interface ProductAffected {
  readonly kind: 'product'
  /** The CSAF product id, or a generated one. */
  readonly productId: string
  readonly name: string
  readonly vendor: string | null
  readonly product: string | null
  readonly version: string | null
  /** A vers range when the source states one (CSAF product_version_range, CVE 5 lessThan). */
  readonly range: string | null
  readonly purl: string | null
  readonly cpe: string | null
  readonly modelNumbers: readonly string[]
  readonly serialNumbers: readonly string[]
  readonly status: AffectedStatus
}

/** One affected item of a statement. */
export type KbAffected = PackageAffected | CpeConfigurationAffected | ProductAffected

/** One source's statement about one vulnerability, kept as the source wrote it (normalised, not merged). */
export interface KbStatement {
  readonly kind: 'statement'
  readonly source: AdvisorySourceKind
  /** The record's id in its source (OSV id, CVE id, CSAF tracking id + vulnerability). */
  readonly sourceId: string
  /** The vulnerability ids this statement says are the same vulnerability (its own id first). */
  readonly ids: readonly string[]
  /** Ids the source names as related or upstream, which are not the same vulnerability. */
  readonly related: readonly string[]
  /** Where it was read: the file, archive entry or URL. */
  readonly origin: string
  readonly title: string | null
  readonly description: string | null
  readonly published: string | null
  readonly modified: string | null
  readonly withdrawn: string | null
  readonly severities: readonly KbSeverity[]
  readonly affected: readonly KbAffected[]
  readonly references: readonly string[]
  /** What could not be read (a GIT range, an invalid version), with the reason; the rest of the record is kept. */
  readonly problems: readonly Problem[]
  /** The remediations a CSAF advisory states (absent when it states none). */
  readonly remediations?: readonly KbRemediation[]
}

/** A remediation of a CSAF advisory: its category (vendor_fix, workaround, mitigation...), text, link and products. */
export interface KbRemediation {
  readonly category: string
  readonly details: string
  readonly url: string | null
  readonly productIds: readonly string[]
}

/** One entry of the CISA Known Exploited Vulnerabilities catalog. */
export interface KevEntry {
  readonly kind: 'kev'
  readonly cveId: string
  readonly vendorProject: string
  readonly product: string
  readonly name: string
  /** YYYY-MM-DD. */
  readonly dateAdded: string
  readonly dueDate: string | null
  readonly requiredAction: string | null
  readonly knownRansomwareCampaignUse: string | null
  readonly notes: string | null
}

/** One EPSS score of a CVE. */
export interface EpssScore {
  readonly kind: 'epss'
  readonly cveId: string
  readonly epss: number
  readonly percentile: number
  /** YYYY-MM-DD of the score file, when its header states it. */
  readonly scoreDate: string | null
}

/** Anything an importer yields: a statement or an enrichment. */
export type KbRecord = KbStatement | KevEntry | EpssScore
