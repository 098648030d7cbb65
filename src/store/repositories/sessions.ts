import type { Kysely } from 'kysely'
import type { Database } from '../schema.js'

/** A stored browser session, looked up by the SHA-256 of its secret. */
export interface SessionRecord {
  readonly tokenHash: string
  readonly userId: string
  readonly csrfToken: string
  readonly expiresAt: Date
  readonly lastSeenAt: Date
}

/** Sessions belong to users, not organizations; they are looked up before any organization is known. */
export const sessionRepository = {
  async create(db: Kysely<Database>, s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
    const now = new Date()
    await db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: now, expires_at: s.expiresAt, last_seen_at: now })
      .execute()
  },

  async find(db: Kysely<Database>, tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
    return row && { tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at, lastSeenAt: row.last_seen_at }
  },

  async touch(db: Kysely<Database>, tokenHash: string, at: Date): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute()
  },

  async delete(db: Kysely<Database>, tokenHash: string): Promise<void> {
    await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
  },

  async deleteExpired(db: Kysely<Database>, now: Date): Promise<void> {
    await db.deleteFrom('sessions').where('expires_at', '<', now).execute()
  },
}
