import { apiTokenRepository, type ApiTokenInfo } from '../../store/repositories/api-tokens.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Revokes an API token of the organization; a revoked token is refused from then on. */
export async function revokeToken(ctx: OrgContext, tokenId: string): Promise<ServiceResult<ApiTokenInfo>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    const token = await apiTokenRepository.revoke(trx, ctx.scope, tokenId)
    if (!token) return serviceError('not_found', 'no such active token')
    return { ok: true, value: { value: token, audit: auditFrom(ctx, { action: 'token.revoke', targetType: 'api_token', targetId: token.id, details: { name: token.name } }) } }
  })
}
