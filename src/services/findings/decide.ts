import { checkDecision, decisionScopeKinds, scopeKey, type DecisionInput, type DecisionScope, type TriageDecision } from '../../domain/findings/index.js'
import { findingsRepository } from '../../store/repositories/findings.js'
import { emitProductArtifactEvent } from '../notifications/product-events.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { decisionOf } from './views.js'

/** Where a decision made on a finding applies: its product version, its product, or its component org-wide. */
export type DecisionScopeKind = DecisionScope['kind']

/** Records (or replaces) the triage decision of a finding's vulnerability at a scope derived from the finding; analysts and admins. */
export async function decideFinding(ctx: OrgContext, findingId: string, scopeKind: DecisionScopeKind, input: DecisionInput): Promise<ServiceResult<TriageDecision>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const finding = await findingsRepository.find(ctx.db, ctx.scope, findingId)
  if (!finding) return serviceError('not_found', 'no such finding')
  const header = await findingsRepository.versionHeader(ctx.db, ctx.scope, finding.product_version_id)
  if (!header) return serviceError('not_found', 'no such product version')
  if (!decisionScopeKinds.includes(scopeKind)) return serviceError('validation_failed', `unknown scope ${scopeKind}`)
  if (scopeKind === 'component' && !finding.package_id) return serviceError('validation_failed', 'a component-wide decision needs a component with a purl', { code: 'triage_component_without_purl' })
  const checked = checkDecision(input)
  if (!checked.ok) return serviceError('validation_failed', checked.error.message, { code: checked.error.code })
  const scope: DecisionScope =
    scopeKind === 'product_version'
      ? { kind: 'product_version', productVersionId: header.id }
      : scopeKind === 'product'
        ? { kind: 'product', productId: header.productId }
        : { kind: 'component', packageId: finding.package_id ?? '' }
  return auditedWrite(ctx.db, async (trx) => {
    const key = scopeKey(scope)
    const before = await findingsRepository.findDecision(trx, ctx.scope, key, finding.vulnerability_id)
    const row = await findingsRepository.upsertDecision(
      trx,
      ctx.scope,
      {
        scopeKind,
        scopeKey: key,
        productVersionId: scope.kind === 'product_version' ? scope.productVersionId : null,
        productId: scope.kind === 'product' ? scope.productId : null,
        packageId: scope.kind === 'component' ? scope.packageId : null,
        vulnerabilityId: finding.vulnerability_id,
        ...checked.value,
        decidedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        decidedByLabel: ctx.actor.label,
        origin: 'manual',
      },
      new Date(),
    )
    const decision = decisionOf(row)
    await emitProductArtifactEvent(trx, ctx.scope, {
      type: 'product.vex_changed',
      productId: header.productId,
      kind: 'vex',
      artifactId: row.id,
      tlp: header.tlp,
      title: `${finding.vulnerability_id} is now ${checked.value.state.replace('_', ' ')} (${scopeKind.replace('_', ' ')})`,
      data: { vulnerabilityId: finding.vulnerability_id, state: checked.value.state, scope: scopeKind, version: header.version },
    })
    return {
      ok: true,
      value: {
        value: decision,
        audit: auditFrom(ctx, {
          action: 'triage.decide',
          targetType: 'triage_decision',
          targetId: row.id,
          details: { scope: key, vulnerabilityId: finding.vulnerability_id, findingId, before: before ? decisionOf(before) : null, after: { ...checked.value } },
        }),
      },
    }
  })
}

/** Removes the decision at one scope of a finding (so that an inherited one applies again); analysts and admins. */
export async function removeDecision(ctx: OrgContext, findingId: string, scopeKind: DecisionScopeKind): Promise<ServiceResult<{ removed: boolean }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const finding = await findingsRepository.find(ctx.db, ctx.scope, findingId)
  if (!finding) return serviceError('not_found', 'no such finding')
  const header = await findingsRepository.versionHeader(ctx.db, ctx.scope, finding.product_version_id)
  if (!header) return serviceError('not_found', 'no such product version')
  const key =
    scopeKind === 'product_version' ? scopeKey({ kind: 'product_version', productVersionId: header.id }) : scopeKind === 'product' ? scopeKey({ kind: 'product', productId: header.productId }) : scopeKey({ kind: 'component', packageId: finding.package_id ?? '' })
  return auditedWrite(ctx.db, async (trx) => {
    const before = await findingsRepository.findDecision(trx, ctx.scope, key, finding.vulnerability_id)
    if (!before) return serviceError('not_found', `no decision at the ${scopeKind} scope`)
    await findingsRepository.deleteDecision(trx, ctx.scope, before.id)
    return { ok: true, value: { value: { removed: true }, audit: auditFrom(ctx, { action: 'triage.remove', targetType: 'triage_decision', targetId: before.id, details: { scope: key, vulnerabilityId: finding.vulnerability_id, before: decisionOf(before) } }) } }
  })
}
