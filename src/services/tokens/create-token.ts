import type { Role } from '../../domain/tenancy/tenancy.js'
import { apiTokenRepository, type ApiTokenInfo } from '../../store/repositories/api-tokens.js'
import { API_TOKEN_PREFIX, newSecret, secretHash } from '../auth/secrets.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** A created token: its listing and the secret, which is shown this once and never again. */
export interface CreatedToken {
  readonly token: ApiTokenInfo
  readonly secret: string
}

/** Creates an API token for the organization with a role no higher than the creator's. */
export async function createToken(ctx: OrgContext, input: { name: string; role: Role }): Promise<ServiceResult<CreatedToken>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const name = input.name.trim()
  if (name.length === 0 || name.length > 100) return serviceError('validation_failed', 'a token needs a name of 1 to 100 characters')
  const secret = API_TOKEN_PREFIX + newSecret()
  return auditedWrite(ctx.db, async (trx) => {
    const token = await apiTokenRepository.create(trx, ctx.scope, {
      name,
      role: input.role,
      tokenHash: secretHash(secret),
      prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
      createdBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
    })
    return { ok: true, value: { value: { token, secret }, audit: auditFrom(ctx, { action: 'token.create', targetType: 'api_token', targetId: token.id, details: { name, role: input.role } }) } }
  })
}
