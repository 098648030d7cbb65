import type { Role } from '../../domain/tenancy/tenancy.js'
import { memberRepository, type Member } from '../../store/repositories/users.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Changes a member's role; the last admin cannot be demoted, so an organization is never left unmanaged. */
export async function changeRole(ctx: OrgContext, userId: string, role: Role): Promise<ServiceResult<Member>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const result = await auditedWrite(ctx.db, async (trx) => {
    const before = await memberRepository.roleOf(trx, ctx.scope, userId)
    if (!before) return serviceError('not_found', 'no such member')
    if (before === 'admin' && role !== 'admin' && (await memberRepository.countAdmins(trx, ctx.scope)) <= 1) {
      return serviceError('last_admin', 'the last admin of an organization cannot be demoted')
    }
    await memberRepository.setRole(trx, ctx.scope, userId, role)
    return { ok: true, value: { value: undefined, audit: auditFrom(ctx, { action: 'member.role_change', targetType: 'user', targetId: userId, details: { from: before, to: role } }) } }
  })
  if (!result.ok) return result
  const member = await memberRepository.find(ctx.db, ctx.scope, userId)
  return member ? { ok: true, value: member } : serviceError('not_found', 'no such member')
}
