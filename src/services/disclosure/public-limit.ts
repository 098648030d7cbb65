import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { fixedWindow, waitAfterHit, type RateLimit } from '../../domain/disclosure/index.js'
import type { Database } from '../../store/schema.js'
import { publicRateLimitRepository } from '../../store/repositories/public-rate-limits.js'

/** The key under which a client address is counted: its SHA-256, so that the table holds no addresses in plain. */
export function clientKeyHash(clientAddress: string): string {
  return createHash('sha256').update(`medsec-rate-limit\u0000${clientAddress}`).digest('hex')
}

/**
 * Counts a request of a client against a limit in the database, so the count holds across restarts and across
 * instances sharing it; answers 0 when the request is allowed, or the milliseconds until the client may try again.
 */
export async function hitPublicLimit(db: Kysely<Database>, bucket: string, clientAddress: string, limit: RateLimit, now = new Date()): Promise<number> {
  const window = fixedWindow(now.getTime(), limit)
  const hits = await publicRateLimitRepository.hit(db, bucket, clientKeyHash(clientAddress), new Date(window.startMs))
  // A client's first hit in a new window is a rare event: a good moment to drop the bucket's expired windows.
  if (hits === 1) await publicRateLimitRepository.prune(db, bucket, new Date(window.startMs))
  return waitAfterHit(hits, now.getTime(), limit)
}
