import { RECIPIENT_KINDS } from '../../domain/sharing/relationship.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import { sharingRepository, type Relationship } from '../../store/repositories/sharing.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { emitEvent } from '../notifications/emit-event.js'
import { checkAgreement, checkScope, DEFAULT_KINDS, type ScopeInput } from './relationship-common.js'

/** Whom a manufacturer invites and what it offers. */
export interface InvitationInput extends ScopeInput {
  readonly recipientOrgId: string
  readonly message?: string
  readonly acceptAgreementVersion?: number
}

/** A manufacturer invites a hospital or researcher to receive its artifacts within a scope; admins only. */
export async function inviteRecipient(ctx: OrgContext, input: InvitationInput): Promise<ServiceResult<Relationship>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'only manufacturers invite recipients')
  const recipient = /^[0-9a-f-]{36}$/i.test(input.recipientOrgId) ? await organizationRepository.findById(ctx.db, input.recipientOrgId) : undefined
  if (!recipient || !RECIPIENT_KINDS.includes(recipient.kind)) return serviceError('not_found', 'no such hospital or researcher')
  const agreement = await checkAgreement(ctx, input.acceptAgreementVersion)
  if (!agreement.ok) return agreement
  const scope = await checkScope(ctx.db, ctx.org.id, input, { allProducts: false, productIds: [], artifactKinds: DEFAULT_KINDS })
  if (!scope.ok) return scope
  if (!scope.value.allProducts && scope.value.productIds.length === 0) return serviceError('validation_failed', 'choose the products to share, or all products')
  return auditedWrite(ctx.db, async (trx) => {
    const open = await sharingRepository.findOpen(trx, ctx.org.id, recipient.id)
    if (open) return serviceError('conflict', `a relationship with ${recipient.name} is already ${open.status}`, { relationshipId: open.id })
    const message = input.message?.trim() || null
    const id = await sharingRepository.create(trx, { manufacturerOrgId: ctx.org.id, recipientOrgId: recipient.id, status: 'invited', initiatedBy: 'manufacturer', scope: scope.value, message, createdBy: ctx.actor.label })
    await sharingRepository.recordAcceptance(trx, { relationshipId: id, orgId: ctx.org.id, version: agreement.value, userId: ctx.actor.id, by: ctx.actor.label })
    await emitEvent(trx, {
      type: 'sharing.invitation_received',
      sourceOrgId: ctx.org.id,
      title: `${ctx.org.name} invites you to receive its security artifacts`,
      link: '/sharing',
      data: { relationshipId: id, manufacturer: { id: ctx.org.id, name: ctx.org.name }, message },
      audience: { kind: 'orgs', orgIds: [recipient.id] },
    })
    const created = (await sharingRepository.find(trx, ctx.scope, id))!
    return {
      ok: true,
      value: { value: created, audit: auditFrom(ctx, { action: 'sharing.invite', targetType: 'sharing_relationship', targetId: id, details: { recipient: recipient.id, scope: scope.value, agreementVersion: agreement.value } }) },
    }
  })
}
