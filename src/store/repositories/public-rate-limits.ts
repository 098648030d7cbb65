import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'

/** Counters of the public routes' rate limits, shared by every instance on the database (not tenant data). */
export const publicRateLimitRepository = {
  /** Counts one hit of a client in a window and answers the window's hits so far (atomic under concurrency). */
  async hit(db: Kysely<Database>, bucket: string, keyHash: string, windowStart: Date): Promise<number> {
    const row = await db
      .insertInto('public_rate_limits')
      .values({ bucket, key_hash: keyHash, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'key_hash', 'window_start']).doUpdateSet({ hits: sql<number>`public_rate_limits.hits + 1` }))
      .returning('hits')
      .executeTakeFirstOrThrow()
    return Number(row.hits)
  },

  /** Deletes the bucket's windows that started before `before`. */
  async prune(db: Kysely<Database>, bucket: string, before: Date): Promise<void> {
    await db.deleteFrom('public_rate_limits').where('bucket', '=', bucket).where('window_start', '<', before).execute()
  },
}
