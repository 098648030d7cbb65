import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.js'
import type { OrgContext, ServiceError } from '../services/context.js'
import { openOrganization, principalFromToken, userFromSession, type AuthenticatedUser, type Principal } from '../services/auth/principal.js'
import { sendError, sendServiceError } from './errors.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who sent the request, when a session cookie or API token proved it. */
    principal?: Principal
    /** Why a presented credential was refused (expired session, revoked token). */
    authProblem?: ServiceError
    /** The organization the route works in, opened for the principal. */
    orgContext?: OrgContext
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'medsec_session'

/** The header that carries the CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Resolves the principal of every API request (bearer token first, then session cookie) and enforces CSRF on
 * cookie-authenticated writes. Routes then declare what they need with {@link requireUser} or {@link withOrg}.
 */
export function registerAuthentication(app: FastifyInstance, db: Kysely<Database>): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return
    const authorization = request.headers.authorization
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization)
      if (!match) return sendError(reply, 401, 'unauthenticated', 'the Authorization header must be "Bearer <token>"')
      const token = await principalFromToken(db, match[1]!)
      if (token.ok) request.principal = token.value
      else request.authProblem = token.error
      return
    }
    const sessionToken = request.cookies[SESSION_COOKIE]
    if (!sessionToken) return
    const user = await userFromSession(db, sessionToken)
    if (!user.ok) {
      request.authProblem = user.error
      return
    }
    request.principal = user.value
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== user.value.csrfToken) {
      request.log.warn({ user: user.value.email, url: request.url }, 'CSRF token missing or wrong')
      return sendError(reply, 403, 'csrf_failed', `a write with a session cookie needs the ${CSRF_HEADER} header from /api/auth/session`)
    }
  })
}

function refuse(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendServiceError(reply, request.authProblem ?? { code: 'unauthenticated', message: 'log in or send an API token' })
}

/** A preHandler for routes that need any principal. */
export async function requirePrincipal(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.principal) return void refuse(request, reply)
}

/** A preHandler for routes that need a logged-in user (not a token). */
export async function requireUser(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.principal) return void refuse(request, reply)
  if (request.principal.kind !== 'user') return void sendError(reply, 403, 'forbidden', 'this route is for logged-in users, not API tokens')
}

/** The user of a route guarded by {@link requireUser}. */
export function userOf(request: FastifyRequest): AuthenticatedUser {
  if (request.principal?.kind !== 'user') throw new Error('route is missing the requireUser guard')
  return request.principal
}

/** A preHandler that opens the organization named in the path, or answers 404 when the principal has no access. */
export function withOrg(db: Kysely<Database>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!request.principal) return void refuse(request, reply)
    const orgId = (request.params as { orgId?: string }).orgId ?? ''
    const opened = await openOrganization(db, request.principal, orgId)
    if (!opened.ok) return void sendServiceError(reply, opened.error)
    request.orgContext = opened.value
  }
}

/** The organization of a route guarded by {@link withOrg}. */
export function orgOf(request: FastifyRequest): OrgContext {
  if (!request.orgContext) throw new Error('route is missing the withOrg guard')
  return request.orgContext
}
