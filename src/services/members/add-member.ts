import type { Role } from '../../domain/tenancy/tenancy.js'
import { memberRepository, userRepository, type Member } from '../../store/repositories/users.js'
import { hashPassword, passwordProblem } from '../auth/passwords.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** What an admin gives to add someone: an existing account by e-mail, or a new one with a name and password. */
export interface AddMemberInput {
  readonly email: string
  readonly role: Role
  readonly name?: string
  readonly password?: string
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Adds a user to the organization with a role, creating the account when the e-mail is new. */
export async function addMember(ctx: OrgContext, input: AddMemberInput): Promise<ServiceResult<Member>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (!EMAIL.test(input.email)) return serviceError('validation_failed', 'the e-mail address is not valid')
  const result = await auditedWrite(ctx.db, async (trx) => {
    let user = await userRepository.findByEmail(trx, input.email)
    let created = false
    if (!user) {
      if (!input.name || !input.password) {
        return serviceError('validation_failed', 'a new account needs a name and a password')
      }
      const weak = passwordProblem(input.password)
      if (weak) return serviceError('validation_failed', weak)
      user = await userRepository.create(trx, { email: input.email, name: input.name, passwordHash: await hashPassword(input.password) })
      created = true
    } else if (await memberRepository.roleOf(trx, ctx.scope, user.id)) {
      return serviceError('conflict', `${user.email} is already a member`)
    }
    await memberRepository.add(trx, ctx.scope, user.id, input.role)
    return {
      ok: true,
      value: {
        value: user.id,
        audit: auditFrom(ctx, { action: 'member.add', targetType: 'user', targetId: user.id, details: { email: user.email, role: input.role, accountCreated: created } }),
      },
    }
  })
  if (!result.ok) return result
  const member = await memberRepository.find(ctx.db, ctx.scope, result.value)
  return member ? { ok: true, value: member } : serviceError('not_found', 'the member disappeared')
}
