import type { Confidence, Finding } from '../matching/index.js'
import { parsePurl, formatPurl } from '../purl/purl.js'
import type { VexJustification, VexResponse } from '../vex/index.js'

/** The analysis states of a finding (CycloneDX's, without resolved_with_pedigree). */
export type TriageState = 'in_triage' | 'exploitable' | 'not_affected' | 'false_positive' | 'resolved'

/** Every triage state, in workflow order. */
export const triageStates: readonly TriageState[] = ['in_triage', 'exploitable', 'not_affected', 'false_positive', 'resolved']

/** The responses a decision can name (CycloneDX analysis responses). */
export const triageResponses: readonly VexResponse[] = ['can_not_fix', 'will_not_fix', 'update', 'rollback', 'workaround_available']

/** Where a decision applies: one product version, every version of a product (now and future), or a component org-wide. */
export type DecisionScope =
  | { readonly kind: 'product_version'; readonly productVersionId: string }
  | { readonly kind: 'product'; readonly productId: string }
  | { readonly kind: 'component'; readonly packageId: string }

/** The scope kinds, most specific first. */
export const decisionScopeKinds: readonly DecisionScope['kind'][] = ['product_version', 'product', 'component']

/** A triage decision about one vulnerability (alias group) in a scope. */
export interface TriageDecision {
  readonly id: string
  readonly scope: DecisionScope
  readonly vulnerabilityId: string
  readonly state: TriageState
  readonly justification: VexJustification | null
  readonly responses: readonly VexResponse[]
  readonly detail: string | null
  readonly decidedBy: string
  readonly decidedAt: string
  /** Manual, or the VEX document it was imported from. */
  readonly origin: string
}

/** What a finding needs to find its decisions. */
export interface FindingAddress {
  readonly productVersionId: string
  readonly productId: string
  readonly vulnerabilityId: string
  /** The component's purl without version, qualifiers and subpath; null without a purl. */
  readonly packageId: string | null
}

/** The decision in force for a finding, where it came from, and the less specific ones it overrides. */
export interface EffectiveDecision {
  readonly decision: TriageDecision
  readonly overrides: readonly TriageDecision[]
}

/** The stable key of a scope (one decision per scope and vulnerability). */
export function scopeKey(scope: DecisionScope): string {
  if (scope.kind === 'product_version') return `product_version:${scope.productVersionId}`
  if (scope.kind === 'product') return `product:${scope.productId}`
  return `component:${scope.packageId}`
}

/** The purl of a package without version, qualifiers and subpath, canonical; null when the purl does not parse. */
export function packageIdOf(purl: string | null | undefined): string | null {
  if (!purl) return null
  const parsed = parsePurl(purl)
  return parsed.ok ? formatPurl({ ...parsed.value, version: null, qualifiers: null, subpath: null }) : null
}

function applies(scope: DecisionScope, address: FindingAddress): boolean {
  if (scope.kind === 'product_version') return scope.productVersionId === address.productVersionId
  if (scope.kind === 'product') return scope.productId === address.productId
  return address.packageId !== null && scope.packageId === address.packageId
}

/** The most specific decision that applies to a finding (product version, then product, then component), or null. */
export function effectiveDecision(address: FindingAddress, decisions: readonly TriageDecision[]): EffectiveDecision | null {
  const matching = decisions
    .filter((d) => d.vulnerabilityId === address.vulnerabilityId && applies(d.scope, address))
    .sort((a, b) => decisionScopeKinds.indexOf(a.scope.kind) - decisionScopeKinds.indexOf(b.scope.kind))
  const [decision, ...overrides] = matching
  return decision ? { decision, overrides } : null
}

/** A decision as a user submits it, before it is checked. */
export interface DecisionInput {
  readonly state: string
  readonly justification?: string | null
  readonly responses?: readonly string[]
  readonly detail?: string | null
}

/** The checked content of a decision. */
export interface DecisionContent {
  readonly state: TriageState
  readonly justification: VexJustification | null
  readonly responses: readonly VexResponse[]
  readonly detail: string | null
}

const justificationList: readonly string[] = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
]

/** A problem found in a decision input. */
export interface DecisionProblem {
  readonly code: 'triage_state_unknown' | 'triage_justification_unknown' | 'triage_justification_misplaced' | 'triage_justification_missing' | 'triage_response_unknown'
  readonly message: string
}

/**
 * Checks a decision: a known state; a justification only for not_affected, and for not_affected either a
 * justification or a detail (OpenVEX and CSAF need an impact statement or a justification); known responses.
 */
export function checkDecision(input: DecisionInput): { ok: true; value: DecisionContent } | { ok: false; error: DecisionProblem } {
  const state = input.state as TriageState
  if (!triageStates.includes(state)) return { ok: false, error: { code: 'triage_state_unknown', message: `unknown triage state ${input.state}` } }
  const justification = input.justification ?? null
  if (justification !== null && !justificationList.includes(justification)) {
    return { ok: false, error: { code: 'triage_justification_unknown', message: `unknown justification ${justification}` } }
  }
  if (justification !== null && state !== 'not_affected') {
    return { ok: false, error: { code: 'triage_justification_misplaced', message: 'a justification belongs to a not_affected decision only' } }
  }
  const detail = input.detail?.trim() || null
  if (state === 'not_affected' && justification === null && detail === null) {
    return { ok: false, error: { code: 'triage_justification_missing', message: 'a not_affected decision needs a justification or a detail' } }
  }
  const responses = [...new Set(input.responses ?? [])]
  const unknown = responses.find((r) => !(triageResponses as readonly string[]).includes(r))
  if (unknown !== undefined) return { ok: false, error: { code: 'triage_response_unknown', message: `unknown response ${unknown}` } }
  return { ok: true, value: { state, justification: justification as VexJustification | null, responses: responses as VexResponse[], detail } }
}

/** The identity of a finding within a product version: the component and the vulnerability. */
export interface FindingIdentity {
  /** purl, else CPE, else name@version: stable across SBOM revisions. */
  readonly componentKey: string
  readonly vulnerabilityId: string
}

/** The component key of a matched component. */
export function componentKeyOf(component: { readonly name: string; readonly version: string | null; readonly purl: string | null; readonly cpe: string | null }): string {
  if (component.purl) return `purl:${component.purl}`
  if (component.cpe) return `cpe:${component.cpe}`
  return `name:${component.name}@${component.version ?? ''}`
}

const confidenceRank: Readonly<Record<Confidence, number>> = { high: 0, medium: 1, low: 2 }
const kindRank: Readonly<Record<Finding['kind'], number>> = { purl: 0, product: 1, cpe: 2 }

/** One finding per component and vulnerability: the strongest match leads, every match is kept as a reason. */
export interface GroupedFinding extends FindingIdentity {
  readonly lead: Finding
  readonly matches: readonly Finding[]
}

/** Groups a match report's findings by component and vulnerability; the lead is the most confident, purl first. */
export function groupFindings(findings: readonly Finding[]): GroupedFinding[] {
  const groups = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = `${componentKeyOf(f.component)}\u0000${f.vulnerabilityId}`
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  return [...groups.values()].map((matches) => {
    const sorted = [...matches].sort((a, b) => confidenceRank[a.confidence] - confidenceRank[b.confidence] || kindRank[a.kind] - kindRank[b.kind])
    const lead = sorted[0]!
    return { componentKey: componentKeyOf(lead.component), vulnerabilityId: lead.vulnerabilityId, lead, matches: sorted }
  })
}
