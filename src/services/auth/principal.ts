import type { Kysely } from 'kysely'
import { isOrganizationKind, type Role } from '../../domain/tenancy/tenancy.js'
import type { Database } from '../../store/schema.js'
import { apiTokenRepository } from '../../store/repositories/api-tokens.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import { sessionRepository } from '../../store/repositories/sessions.js'
import { memberRepository, userRepository } from '../../store/repositories/users.js'
import { scopeFor } from '../../store/scope.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { SESSION_IDLE_MS } from './login.js'
import { API_TOKEN_PREFIX, secretHash } from './secrets.js'

/** A user authenticated by a session cookie. */
export interface AuthenticatedUser {
  readonly kind: 'user'
  readonly id: string
  readonly email: string
  readonly name: string
  readonly csrfToken: string
}

/** An API token, bound to one organization and role. */
export interface AuthenticatedToken {
  readonly kind: 'token'
  readonly id: string
  readonly name: string
  readonly orgId: string
  readonly role: Role
}

/** Whoever a request comes from. */
export type Principal = AuthenticatedUser | AuthenticatedToken

/** Resolves a session cookie's secret to its user; expired or idle sessions are refused and removed. */
export async function userFromSession(db: Kysely<Database>, sessionToken: string, now = new Date()): Promise<ServiceResult<AuthenticatedUser>> {
  const hash = secretHash(sessionToken)
  const session = await sessionRepository.find(db, hash)
  if (!session) return serviceError('unauthenticated', 'not logged in')
  if (session.expiresAt <= now || session.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) {
    await sessionRepository.delete(db, hash)
    return serviceError('session_expired', 'the session has expired; log in again')
  }
  const user = await userRepository.findById(db, session.userId)
  if (!user || user.disabled_at) return serviceError('unauthenticated', 'not logged in')
  // Refresh the idle clock at most once a minute, so reads do not each cost a write.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await sessionRepository.touch(db, hash, now)
  return { ok: true, value: { kind: 'user', id: user.id, email: user.email, name: user.name, csrfToken: session.csrfToken } }
}

/** Resolves a bearer API token; revoked or unknown tokens are refused. */
export async function principalFromToken(db: Kysely<Database>, token: string, now = new Date()): Promise<ServiceResult<AuthenticatedToken>> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return serviceError('unauthenticated', 'the API token is malformed')
  const row = await apiTokenRepository.findByHash(db, secretHash(token))
  if (!row) return serviceError('unauthenticated', 'the API token is not known')
  if (row.revoked_at) return serviceError('token_revoked', 'the API token has been revoked')
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) await apiTokenRepository.markUsed(db, row.id, now)
  return { ok: true, value: { kind: 'token', id: row.id, name: row.name, orgId: row.org_id, role: row.role as Role } }
}

/**
 * Opens an organization for a principal: a member user gets its role there, a token only its own organization.
 * Anything else is "not found", so that another organization's existence is not revealed.
 */
export async function openOrganization(db: Kysely<Database>, principal: Principal, orgId: string): Promise<ServiceResult<OrgContext>> {
  const notFound = serviceError('not_found', 'no such organization')
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) return notFound
  const scope = scopeFor(orgId)
  let role: Role | undefined
  if (principal.kind === 'token') role = principal.orgId === orgId ? principal.role : undefined
  else role = await memberRepository.roleOf(db, scope, principal.id)
  if (!role) return notFound
  const org = await organizationRepository.findById(db, orgId)
  if (!org || !isOrganizationKind(org.kind)) return notFound
  const actor =
    principal.kind === 'user'
      ? { kind: 'user' as const, id: principal.id, label: principal.email }
      : { kind: 'token' as const, id: principal.id, label: `token:${principal.name}` }
  return { ok: true, value: { db, scope, org: { id: org.id, slug: org.slug, name: org.name, kind: org.kind }, actor, role } }
}
