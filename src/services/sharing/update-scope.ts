import { sharingRepository, type Relationship } from '../../store/repositories/sharing.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checkScope, scopeOf, type ScopeInput } from './relationship-common.js'

/** The manufacturer changes which products and kinds of artifact a pending or approved relationship covers; admins only. */
export async function updateRelationshipScope(ctx: OrgContext, relationshipId: string, input: ScopeInput): Promise<ServiceResult<Relationship>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const relationship = await sharingRepository.find(ctx.db, ctx.scope, relationshipId)
  if (!relationship) return serviceError('not_found', 'no such relationship')
  if (relationship.manufacturer.id !== ctx.org.id) return serviceError('forbidden', 'only the manufacturer sets the scope')
  if (relationship.status === 'declined' || relationship.status === 'revoked') return serviceError('sharing_invalid_transition', `the relationship is ${relationship.status}`)
  const scope = await checkScope(ctx.db, ctx.org.id, input, scopeOf(relationship))
  if (!scope.ok) return scope
  return auditedWrite(ctx.db, async (trx) => {
    await sharingRepository.setScope(trx, relationship.id, scope.value)
    const updated = (await sharingRepository.find(trx, ctx.scope, relationship.id))!
    return {
      ok: true,
      value: { value: updated, audit: auditFrom(ctx, { action: 'sharing.scope_change', targetType: 'sharing_relationship', targetId: relationship.id, details: { from: scopeOf(relationship), to: scope.value } }) },
    }
  })
}
