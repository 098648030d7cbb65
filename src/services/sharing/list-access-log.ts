import { sharingRepository, type AccessEntry } from '../../store/repositories/sharing.js'
import { requireRole, type OrgContext, type ServiceResult } from '../context.js'

/** Who read the organization's AMBER, AMBER+STRICT and RED artifacts; analysts and admins. */
export async function listAccessLog(ctx: OrgContext, page: { limit: number; offset: number }): Promise<ServiceResult<{ total: number; entries: AccessEntry[] }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return { ok: true, value: await sharingRepository.accessLog(ctx.db, ctx.scope, page) }
}
