import { apiTokenRepository, type ApiTokenInfo } from '../../store/repositories/api-tokens.js'
import { requireRole, type OrgContext, type ServiceResult } from '../context.js'

/** Lists the organization's API tokens (never their secrets); admins only. */
export async function listTokens(ctx: OrgContext): Promise<ServiceResult<ApiTokenInfo[]>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return { ok: true, value: await apiTokenRepository.list(ctx.db, ctx.scope) }
}
