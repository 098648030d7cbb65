import { memberRepository, type Member } from '../../store/repositories/users.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** Lists the organization's members with their roles; every member may see who else belongs. */
export async function listMembers(ctx: OrgContext): Promise<ServiceResult<Member[]>> {
  return { ok: true, value: await memberRepository.list(ctx.db, ctx.scope) }
}
