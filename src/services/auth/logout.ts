import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { sessionRepository } from '../../store/repositories/sessions.js'
import { auditedWrite } from '../context.js'
import { secretHash } from './secrets.js'
import type { AuthenticatedUser } from './principal.js'

/** Ends a session: the cookie's secret no longer opens anything. */
export async function logout(db: Kysely<Database>, user: AuthenticatedUser, sessionToken: string): Promise<void> {
  await auditedWrite(db, async (trx) => {
    await sessionRepository.delete(trx, secretHash(sessionToken))
    return {
      ok: true,
      value: { value: undefined, audit: { orgId: null, actorId: user.id, actorLabel: user.email, action: 'auth.logout', targetType: 'user', targetId: user.id } },
    }
  })
}
