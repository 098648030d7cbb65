import { RECIPIENT_KINDS } from '../../domain/sharing/relationship.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import { sharingRepository, type Relationship } from '../../store/repositories/sharing.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { emitEvent } from '../notifications/emit-event.js'
import { checkAgreement, checkScope, DEFAULT_KINDS, type ScopeInput } from './relationship-common.js'

/** What a hospital (or researcher) asks a manufacturer for. */
export interface AccessRequestInput extends ScopeInput {
  readonly manufacturerOrgId: string
  readonly message?: string
  readonly acceptAgreementVersion?: number
}

/** A hospital or researcher asks a manufacturer for access to its products, accepting the terms of use; admins only. */
export async function requestAccess(ctx: OrgContext, input: AccessRequestInput): Promise<ServiceResult<Relationship>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (!RECIPIENT_KINDS.includes(ctx.org.kind)) return serviceError('forbidden', 'only hospitals and researchers request access to a manufacturer')
  const manufacturer = /^[0-9a-f-]{36}$/i.test(input.manufacturerOrgId) ? await organizationRepository.findById(ctx.db, input.manufacturerOrgId) : undefined
  if (!manufacturer || manufacturer.kind !== 'manufacturer') return serviceError('not_found', 'no such manufacturer')
  const agreement = await checkAgreement(ctx, input.acceptAgreementVersion)
  if (!agreement.ok) return agreement
  const scope = await checkScope(ctx.db, manufacturer.id, input, { allProducts: (input.productIds ?? []).length === 0, productIds: [], artifactKinds: DEFAULT_KINDS })
  if (!scope.ok) return scope
  return auditedWrite(ctx.db, async (trx) => {
    const open = await sharingRepository.findOpen(trx, manufacturer.id, ctx.org.id)
    if (open) return serviceError('conflict', `a relationship with ${manufacturer.name} is already ${open.status}`, { relationshipId: open.id })
    const message = input.message?.trim() || null
    const id = await sharingRepository.create(trx, { manufacturerOrgId: manufacturer.id, recipientOrgId: ctx.org.id, status: 'requested', initiatedBy: 'recipient', scope: scope.value, message, createdBy: ctx.actor.label })
    await sharingRepository.recordAcceptance(trx, { relationshipId: id, orgId: ctx.org.id, version: agreement.value, userId: ctx.actor.id, by: ctx.actor.label })
    await emitEvent(trx, {
      type: 'sharing.access_requested',
      sourceOrgId: ctx.org.id,
      title: `${ctx.org.name} requests access to your products`,
      link: '/sharing',
      data: { relationshipId: id, requester: { id: ctx.org.id, name: ctx.org.name }, message },
      audience: { kind: 'orgs', orgIds: [manufacturer.id] },
    })
    const created = (await sharingRepository.find(trx, ctx.scope, id))!
    return {
      ok: true,
      value: {
        value: created,
        audit: auditFrom(ctx, { action: 'sharing.request', targetType: 'sharing_relationship', targetId: id, details: { manufacturer: manufacturer.id, scope: scope.value, agreementVersion: agreement.value } }),
      },
    }
  })
}
