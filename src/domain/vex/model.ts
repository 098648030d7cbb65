// The normalised VEX model shared by the CycloneDX, OpenVEX and CSAF VEX parsers and serializers.

/** The four VEX statuses of CISA's minimum requirements (OpenVEX words; CSAF known_affected etc. map onto them). */
export type VexStatus = 'affected' | 'not_affected' | 'fixed' | 'under_investigation'

/** The not-affected justifications of CSAF 2.0 flags and OpenVEX (the CISA list). */
export type VexJustification =
  | 'component_not_present'
  | 'vulnerable_code_not_present'
  | 'vulnerable_code_not_in_execute_path'
  | 'vulnerable_code_cannot_be_controlled_by_adversary'
  | 'inline_mitigations_already_exist'

/** The CycloneDX analysis justifications. */
export type CycloneDxJustification =
  | 'code_not_present'
  | 'code_not_reachable'
  | 'requires_configuration'
  | 'requires_dependency'
  | 'requires_environment'
  | 'protected_by_compiler'
  | 'protected_at_runtime'
  | 'protected_at_perimeter'
  | 'protected_by_mitigating_control'

/** The CycloneDX analysis responses, used as the machine-readable kind of an action statement. */
export type VexResponse = 'can_not_fix' | 'will_not_fix' | 'update' | 'rollback' | 'workaround_available'

/** The CycloneDX analysis states. */
export type CycloneDxState = 'resolved' | 'resolved_with_pedigree' | 'exploitable' | 'in_triage' | 'false_positive' | 'not_affected'

/** A CycloneDX per-version status of an affected component. */
export interface VexVersionStatus {
  readonly version?: string
  readonly range?: string
  readonly status: 'affected' | 'unaffected' | 'unknown'
}

/** A product (or component) a statement is about, identified by purl, CPE or name and version. */
export interface VexProduct {
  /** The identifier inside its document: OpenVEX @id, CycloneDX bom-ref, CSAF product_id. */
  readonly ref?: string
  readonly name?: string
  readonly version?: string
  readonly purl?: string
  readonly cpe?: string
  /** Hash algorithm -> hex value. */
  readonly hashes?: Readonly<Record<string, string>>
  /** OpenVEX subcomponents: the statement is about these components inside the product. */
  readonly subcomponents?: readonly VexProduct[]
  /** CycloneDX affects[].versions. */
  readonly versions?: readonly VexVersionStatus[]
}

/** The vulnerability a statement is about. */
export interface VexVulnerability {
  readonly id: string
  readonly aliases: readonly string[]
  readonly description?: string
  readonly url?: string
}

/** One VEX statement: the status of a vulnerability in some products, with the reasons and actions. */
export interface VexStatement {
  readonly vulnerability: VexVulnerability
  readonly products: readonly VexProduct[]
  readonly status: VexStatus
  readonly justification?: VexJustification
  /** The exact CycloneDX justification when the source gave one (the CSAF list is coarser). */
  readonly cyclonedxJustification?: CycloneDxJustification
  /** The exact CycloneDX state when the source gave one. */
  readonly cyclonedxState?: CycloneDxState
  readonly impactStatement?: string
  readonly actionStatement?: string
  readonly actionStatementTimestamp?: string
  readonly responses?: readonly VexResponse[]
  /** Free text about the status (OpenVEX status_notes, CycloneDX analysis.detail, CSAF vulnerability details). */
  readonly detail?: string
  readonly timestamp?: string
  readonly lastUpdated?: string
}

/** A VEX document in the normalised model. */
export interface VexDocument {
  /** OpenVEX @id, CycloneDX serialNumber, CSAF tracking id. */
  readonly id?: string
  readonly author?: string
  readonly authorRole?: string
  readonly timestamp?: string
  readonly lastUpdated?: string
  readonly version?: number
  readonly statements: readonly VexStatement[]
}

/** The VEX formats this module reads and writes. */
export type VexFormat = 'cyclonedx' | 'openvex' | 'csaf'

/** The CSAF/OpenVEX justifications, in the order of the spec. */
export const vexJustifications: readonly VexJustification[] = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
]

/** The CycloneDX justifications. */
export const cyclonedxJustifications: readonly CycloneDxJustification[] = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
]

// Protected_at_perimeter and protected_by_mitigating_control are external controls with no exact CISA equivalent;
// they map to inline_mitigations_already_exist, and the exact code is kept in cyclonedxJustification.
const fromCycloneDx: Readonly<Record<CycloneDxJustification, VexJustification>> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
}

const toCycloneDx: Readonly<Record<VexJustification, CycloneDxJustification>> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_at_runtime',
}

/** Maps a CycloneDX justification to the CSAF/OpenVEX list. */
export function justificationFromCycloneDx(justification: CycloneDxJustification): VexJustification {
  return fromCycloneDx[justification]
}

/** Maps a CSAF/OpenVEX justification to the closest CycloneDX justification. */
export function justificationToCycloneDx(justification: VexJustification): CycloneDxJustification {
  return toCycloneDx[justification]
}

/** True when the value is one of the CSAF/OpenVEX justifications. */
export function isVexJustification(value: unknown): value is VexJustification {
  return typeof value === 'string' && (vexJustifications as readonly string[]).includes(value)
}

/** True when the value is one of the CycloneDX justifications. */
export function isCycloneDxJustification(value: unknown): value is CycloneDxJustification {
  return typeof value === 'string' && (cyclonedxJustifications as readonly string[]).includes(value)
}

/** Removes undefined properties so that models compare equal whatever path built them. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** Fills the document fields every format requires (id, author, timestamp, version) when a source left them out. */
export function withDocumentDefaults(document: VexDocument, defaults: { readonly id: string; readonly author: string; readonly now: string }): VexDocument {
  return {
    ...document,
    id: document.id ?? defaults.id,
    author: document.author ?? defaults.author,
    timestamp: document.timestamp ?? document.statements[0]?.timestamp ?? defaults.now,
    version: document.version ?? 1,
  }
}
