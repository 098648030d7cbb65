import type { VexProduct, VexStatement, VexStatus } from '../vex/index.js'
import type { DecisionContent, TriageDecision, TriageState } from './model.js'

/** The VEX status a triage state stands for. */
export function vexStatusOf(state: TriageState): VexStatus {
  if (state === 'exploitable') return 'affected'
  if (state === 'not_affected' || state === 'false_positive') return 'not_affected'
  if (state === 'resolved') return 'fixed'
  return 'under_investigation'
}

/** A finding as the VEX export sees it. */
export interface ExportedFinding {
  readonly vulnerabilityId: string
  readonly aliases: readonly string[]
  readonly component: VexProduct
  /** What the knowledge base's source itself says (a CSAF/VEX source may say not_affected or fixed). */
  readonly sourceStatus: string
  readonly decision: TriageDecision | null
}

/** One VEX statement per vulnerability and status, naming the components; untriaged findings are under investigation. */
export function exportStatements(findings: readonly ExportedFinding[]): VexStatement[] {
  const groups = new Map<string, { statement: Omit<VexStatement, 'products'>; products: VexProduct[] }>()
  for (const f of findings) {
    const statement = statementOf(f)
    const key = JSON.stringify([f.vulnerabilityId, statement])
    const group = groups.get(key) ?? { statement, products: [] }
    group.products.push(f.component)
    groups.set(key, group)
  }
  return [...groups.values()].map(({ statement, products }) => ({ ...statement, products }))
}

function statementOf(f: ExportedFinding): Omit<VexStatement, 'products'> {
  const vulnerability = { id: f.vulnerabilityId, aliases: f.aliases.filter((a) => a !== f.vulnerabilityId) }
  const d = f.decision
  if (!d) {
    if (f.sourceStatus === 'not_affected') return { vulnerability, status: 'not_affected', impactStatement: 'the supplier states this product is not affected' }
    if (f.sourceStatus === 'fixed') return { vulnerability, status: 'fixed' }
    return { vulnerability, status: 'under_investigation' }
  }
  const status = vexStatusOf(d.state)
  return {
    vulnerability,
    status,
    ...(d.justification ? { justification: d.justification } : {}),
    ...(d.state === 'false_positive' ? { cyclonedxState: 'false_positive' as const } : {}),
    ...(status === 'not_affected' && d.detail ? { impactStatement: d.detail } : {}),
    ...(status === 'affected' ? { actionStatement: d.detail ?? actionOf(d.responses) } : {}),
    ...(d.responses.length > 0 ? { responses: d.responses } : {}),
    ...(d.detail ? { detail: d.detail } : {}),
    timestamp: d.decidedAt,
  }
}

function actionOf(responses: readonly string[]): string {
  if (responses.includes('update')) return 'update to a fixed version'
  if (responses.includes('workaround_available')) return 'apply the workaround'
  return 'no remediation is available yet'
}

/** The decision content a VEX statement stands for. */
export function decisionFromStatement(statement: VexStatement): DecisionContent {
  const state: TriageState =
    statement.cyclonedxState === 'false_positive'
      ? 'false_positive'
      : statement.status === 'affected'
        ? 'exploitable'
        : statement.status === 'not_affected'
          ? 'not_affected'
          : statement.status === 'fixed'
            ? 'resolved'
            : 'in_triage'
  const detail = [statement.impactStatement, statement.actionStatement, statement.detail].filter((t): t is string => !!t)
  return {
    state,
    justification: state === 'not_affected' ? (statement.justification ?? null) : null,
    responses: statement.responses ?? [],
    detail: [...new Set(detail)].join('\n') || (state === 'not_affected' && !statement.justification ? 'not affected (imported VEX statement)' : null),
  }
}
