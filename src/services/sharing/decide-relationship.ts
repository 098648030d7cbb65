import { nextStatus, type RelationshipAction } from '../../domain/sharing/relationship.js'
import type { EventType } from '../../domain/sharing/events.js'
import { sharingRepository, type Relationship } from '../../store/repositories/sharing.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { emitEvent } from '../notifications/emit-event.js'
import { checkAgreement, checkScope, counterpartOf, scopeOf, sideOf, type ScopeInput } from './relationship-common.js'

/** What comes with a decision: the scope (a manufacturer approving a request) and the accepted terms (approvals). */
export interface DecisionInput extends ScopeInput {
  readonly acceptAgreementVersion?: number
}

const EVENTS: Record<RelationshipAction, EventType> = {
  approve: 'sharing.relationship_approved',
  decline: 'sharing.relationship_declined',
  revoke: 'sharing.relationship_revoked',
}

const PAST: Record<RelationshipAction, string> = { approve: 'approved', decline: 'declined', revoke: 'revoked' }

/**
 * Approves, declines or revokes a relationship the organization is part of, following the state machine in
 * src/domain/sharing/relationship.ts; approving accepts the terms of use, and a manufacturer approving may set the
 * scope. A revocation takes effect at once: reads load relationships live. Admins only.
 */
export async function decideRelationship(ctx: OrgContext, relationshipId: string, action: RelationshipAction, input: DecisionInput = {}): Promise<ServiceResult<Relationship>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const relationship = await sharingRepository.find(ctx.db, ctx.scope, relationshipId)
  if (!relationship) return serviceError('not_found', 'no such relationship')
  const side = sideOf(ctx, relationship)
  const status = nextStatus(relationship.status, side, action)
  if (!status.ok) return serviceError('sharing_invalid_transition', status.error.message)
  let agreementVersion: number | undefined
  if (action === 'approve') {
    const agreement = await checkAgreement(ctx, input.acceptAgreementVersion)
    if (!agreement.ok) return agreement
    agreementVersion = agreement.value
  }
  const wantsScope = side === 'manufacturer' && action === 'approve' && (input.allProducts !== undefined || input.productIds !== undefined || input.artifactKinds !== undefined)
  const scope = wantsScope ? await checkScope(ctx.db, relationship.manufacturer.id, input, scopeOf(relationship)) : undefined
  if (scope && !scope.ok) return scope
  if (action === 'approve' && scope?.ok && !scope.value.allProducts && scope.value.productIds.length === 0) return serviceError('validation_failed', 'choose the products to share, or all products')
  return auditedWrite(ctx.db, async (trx) => {
    const current = await sharingRepository.find(trx, ctx.scope, relationship.id)
    if (!current || current.status !== relationship.status) return serviceError('conflict', 'the relationship changed meanwhile; reload it')
    if (scope?.ok) await sharingRepository.setScope(trx, relationship.id, scope.value)
    await sharingRepository.setStatus(trx, relationship.id, status.value, ctx.actor.label)
    if (agreementVersion !== undefined) await sharingRepository.recordAcceptance(trx, { relationshipId: relationship.id, orgId: ctx.org.id, version: agreementVersion, userId: ctx.actor.id, by: ctx.actor.label })
    const other = counterpartOf(ctx, relationship)
    await emitEvent(trx, {
      type: EVENTS[action],
      sourceOrgId: ctx.org.id,
      title: `Sharing between ${relationship.manufacturer.name} and ${relationship.recipient.name} was ${PAST[action]} by ${ctx.org.name}`,
      link: '/sharing',
      data: { relationshipId: relationship.id, status: status.value },
      audience: { kind: 'orgs', orgIds: action === 'decline' ? [other] : [ctx.org.id, other] },
    })
    const updated = (await sharingRepository.find(trx, ctx.scope, relationship.id))!
    return {
      ok: true,
      value: {
        value: updated,
        audit: auditFrom(ctx, {
          action: `sharing.${action}`,
          targetType: 'sharing_relationship',
          targetId: relationship.id,
          details: { from: relationship.status, to: status.value, side, counterpart: other, ...(scope?.ok ? { scope: scope.value } : {}), ...(agreementVersion ? { agreementVersion } : {}) },
        }),
      },
    }
  })
}
