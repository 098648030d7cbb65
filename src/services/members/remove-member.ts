import { memberRepository } from '../../store/repositories/users.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Removes a member from the organization (the account stays); the last admin cannot be removed. */
export async function removeMember(ctx: OrgContext, userId: string): Promise<ServiceResult<void>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    const before = await memberRepository.roleOf(trx, ctx.scope, userId)
    if (!before) return serviceError('not_found', 'no such member')
    if (before === 'admin' && (await memberRepository.countAdmins(trx, ctx.scope)) <= 1) {
      return serviceError('last_admin', 'the last admin of an organization cannot be removed')
    }
    await memberRepository.remove(trx, ctx.scope, userId)
    return { ok: true, value: { value: undefined, audit: auditFrom(ctx, { action: 'member.remove', targetType: 'user', targetId: userId, details: { role: before } }) } }
  })
}
