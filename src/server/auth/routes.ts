import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { myOrganizations } from '../../services/auth/my-organizations.js'
import { login, SESSION_LIFETIME_MS } from '../../services/auth/login.js'
import type { LoginThrottle } from '../../services/auth/login-throttle.js'
import { logout } from '../../services/auth/logout.js'
import { sendServiceError } from '../errors.js'
import { requireUser, SESSION_COOKIE, userOf } from '../request-context.js'
import { OrganizationSchema, RoleSchema } from '../schemas.js'

const SessionBody = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
  organizations: Type.Array(Type.Object({ ...OrganizationSchema.properties, role: RoleSchema })),
  csrfToken: Type.String({ description: 'send as x-csrf-token on every write' }),
})

/** Login, logout and the current session. */
export function authRoutes(db: Kysely<Database>, throttle: LoginThrottle, secureCookies: boolean): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with e-mail and password; sets an httpOnly session cookie',
          body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
          response: { 200: SessionBody, 400: Type.Ref('ErrorBody'), 401: Type.Ref('ErrorBody'), 429: Type.Ref('ErrorBody') },
        },
      },
      async (request, reply) => {
        const result = await login(db, throttle, { ...request.body, clientAddress: request.ip })
        if (!result.ok) {
          request.log.warn({ email: request.body.email, code: result.error.code }, 'login refused')
          return sendServiceError(reply, result.error)
        }
        reply.setCookie(SESSION_COOKIE, result.value.sessionToken, {
          httpOnly: true,
          sameSite: 'strict',
          secure: secureCookies,
          path: '/',
          maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
        })
        const { user, organizations, csrfToken } = result.value
        return { user, organizations, csrfToken }
      },
    )

    app.post(
      '/api/auth/logout',
      { preHandler: requireUser, schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null(), 401: Type.Ref('ErrorBody') } } },
      async (request, reply) => {
        await logout(db, userOf(request), request.cookies[SESSION_COOKIE] ?? '')
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return reply.status(204).send(null)
      },
    )

    app.get(
      '/api/auth/session',
      { preHandler: requireUser, schema: { tags: ['auth'], summary: 'The logged-in user, its organizations and the CSRF token', response: { 200: SessionBody, 401: Type.Ref('ErrorBody') } } },
      async (request) => {
        const user = userOf(request)
        const organizations = await myOrganizations(db, user.id)
        return { user: { id: user.id, email: user.email, name: user.name }, organizations, csrfToken: user.csrfToken }
      },
    )
  }
}
