import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import type { OrganizationWithRole } from '../../store/repositories/organizations.js'
import { myOrganizations } from './my-organizations.js'
import { sessionRepository } from '../../store/repositories/sessions.js'
import { userRepository } from '../../store/repositories/users.js'
import { auditedWrite, serviceError, type ServiceResult } from '../context.js'
import type { LoginThrottle } from './login-throttle.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { newSecret, secretHash } from './secrets.js'

/** How long a session lives at most, and how long it may sit idle. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000
export const SESSION_IDLE_MS = 2 * 60 * 60_000

/** A new session: the secret for the cookie (shown once), its CSRF token, and who logged in. */
export interface LoginSuccess {
  readonly sessionToken: string
  readonly csrfToken: string
  readonly expiresAt: Date
  readonly user: { readonly id: string; readonly email: string; readonly name: string }
  readonly organizations: readonly OrganizationWithRole[]
}

// Verifying against a fixed hash when the account does not exist keeps the timing of both failures alike.
let decoyHash: Promise<string> | undefined

/** Checks an e-mail and password, throttled per client and per account, and opens a session. */
export async function login(
  db: Kysely<Database>,
  throttle: LoginThrottle,
  input: { email: string; password: string; clientAddress: string },
): Promise<ServiceResult<LoginSuccess>> {
  const keys = [`ip:${input.clientAddress}`, `account:${input.email.trim().toLowerCase()}`]
  const wait = Math.max(...keys.map((k) => throttle.retryAfterMs(k)))
  if (wait > 0) {
    return serviceError('rate_limited', 'too many failed logins; try again later', { retryAfterSeconds: Math.ceil(wait / 1000) })
  }
  const user = await userRepository.findByEmail(db, input.email)
  decoyHash ??= hashPassword('decoy password that matches nothing')
  const matches = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash))
  if (!user || !matches || user.disabled_at) {
    for (const key of keys) throttle.fail(key)
    await auditedWrite(db, async () => ({
      ok: true,
      value: {
        value: undefined,
        audit: {
          orgId: null,
          actorId: user?.id ?? null,
          actorLabel: input.email.slice(0, 200),
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: user?.id ?? null,
          details: { clientAddress: input.clientAddress },
        },
      },
    }))
    return serviceError('invalid_credentials', 'the e-mail or the password is wrong')
  }
  for (const key of keys) throttle.reset(key)
  const sessionToken = newSecret()
  const csrfToken = newSecret(24)
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS)
  await auditedWrite(db, async (trx) => {
    await sessionRepository.create(trx, { tokenHash: secretHash(sessionToken), userId: user.id, csrfToken, expiresAt })
    return {
      ok: true,
      value: {
        value: undefined,
        audit: { orgId: null, actorId: user.id, actorLabel: user.email, action: 'auth.login', targetType: 'user', targetId: user.id, details: { clientAddress: input.clientAddress } },
      },
    }
  })
  const organizations = await myOrganizations(db, user.id)
  return { ok: true, value: { sessionToken, csrfToken, expiresAt, user: { id: user.id, email: user.email, name: user.name }, organizations } }
}
