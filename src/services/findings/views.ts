import type { DecisionScope, EffectiveDecision, TriageDecision, TriageState } from '../../domain/findings/index.js'
import type { Finding } from '../../domain/matching/index.js'
import type { VexJustification, VexResponse } from '../../domain/vex/index.js'
import type { FindingRow, TriageDecisionRow } from '../../store/tables/findings.js'

/** A decision row as the domain's TriageDecision. */
export function decisionOf(row: TriageDecisionRow): TriageDecision {
  const scope: DecisionScope =
    row.scope_kind === 'product_version'
      ? { kind: 'product_version', productVersionId: row.product_version_id ?? '' }
      : row.scope_kind === 'product'
        ? { kind: 'product', productId: row.product_id ?? '' }
        : { kind: 'component', packageId: row.package_id ?? '' }
  return {
    id: row.id,
    scope,
    vulnerabilityId: row.vulnerability_id,
    state: row.state as TriageState,
    justification: row.justification as VexJustification | null,
    responses: row.responses as VexResponse[],
    detail: row.detail,
    decidedBy: row.decided_by_label,
    decidedAt: row.decided_at.toISOString(),
    origin: row.origin,
  }
}

/** A finding as the API shows it: the component, the vulnerability, why, enrichment, and its effective decision. */
export interface FindingView {
  readonly id: string
  readonly status: 'present' | 'resolved'
  readonly component: { readonly id: string; readonly ref: string; readonly name: string; readonly version: string | null; readonly purl: string | null; readonly cpe: string | null; readonly packageId: string | null }
  readonly vulnerability: { readonly id: string; readonly aliases: readonly string[] }
  readonly source: string
  readonly sourceId: string
  readonly matchedBy: 'purl' | 'cpe' | 'product'
  readonly range: string
  readonly sourceStatus: string
  readonly confidence: 'high' | 'medium' | 'low'
  readonly reasons: readonly { readonly source: string; readonly sourceId: string; readonly matchedBy: string; readonly range: string; readonly confidence: string; readonly guards: readonly string[]; readonly reason: string }[]
  readonly severity: { readonly score: number; readonly severity: string; readonly vector: string; readonly source: string } | null
  readonly kev: { readonly dateAdded: string; readonly dueDate: string | null } | null
  readonly epss: { readonly score: number; readonly percentile: number; readonly date: string | null } | null
  readonly firstSeen: string
  readonly lastSeen: string
  readonly resolvedAt: string | null
  /** The decision in force (null: untriaged), its scope says where it came from; `overrides` are the inherited ones it beats. */
  readonly decision: (TriageDecision & { readonly inherited: boolean }) | null
  readonly overrides: readonly TriageDecision[]
}

/** Builds the API view of a finding row. */
export function findingView(row: FindingRow, effective: EffectiveDecision | null): FindingView {
  const matches = row.reason as Finding[]
  const lead = matches[0]
  return {
    id: row.id,
    status: row.status,
    component: { id: row.component_id, ref: row.component_ref, name: row.component_name, version: row.component_version, purl: row.component_purl, cpe: row.component_cpe, packageId: row.package_id },
    vulnerability: { id: row.vulnerability_id, aliases: row.aliases as string[] },
    source: row.source,
    sourceId: row.source_id,
    matchedBy: row.match_kind,
    range: row.range,
    sourceStatus: row.source_status,
    confidence: row.confidence,
    reasons: matches.map((m) => ({ source: m.source, sourceId: m.sourceId, matchedBy: m.kind, range: m.range, confidence: m.confidence, guards: m.guards, reason: m.reason })),
    severity: lead?.cvss ? { score: lead.cvss.score, severity: lead.cvss.severity, vector: lead.cvss.vector, source: lead.cvss.source } : null,
    kev: lead?.kev ?? null,
    epss: lead?.epss ?? null,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    decision: effective ? { ...effective.decision, inherited: effective.decision.scope.kind !== 'product_version' } : null,
    overrides: effective?.overrides ?? [],
  }
}
