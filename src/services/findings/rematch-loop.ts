import type { Kysely } from 'kysely'
import { findingsRepository } from '../../store/repositories/findings.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { scopeFor } from '../../store/scope.js'
import { SYSTEM_ACTOR } from '../system-admin.js'
import { rematchVersion } from './match-product-version.js'

/**
 * Re-matches every product version whose latest SBOM revision or the KB generation differs from its last match
 * run's watermark; returns how many were re-matched. Operator work across organizations (system actor).
 */
export async function rematchStale(db: Kysely<Database>): Promise<number> {
  const stale = await findingsRepository.staleVersions(db, await kbRepository.generation(db))
  let done = 0
  for (const v of stale) {
    const result = await rematchVersion(db, scopeFor(v.orgId), SYSTEM_ACTOR, v.productVersionId)
    if (result.ok) done++
  }
  return done
}

/** Whether the background re-match runs: MEDSEC_REMATCH=off disables it; under vitest it runs only with MEDSEC_REMATCH=on. */
export function rematchEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MEDSEC_REMATCH === 'off') return false
  if (env.VITEST) return env.MEDSEC_REMATCH === 'on'
  return true
}

/** Starts the in-process re-match interval (one run at a time); returns the function that stops it. */
export function startRematchLoop(db: Kysely<Database>, options: { intervalMs: number; onError?: (error: unknown) => void }): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    rematchStale(db)
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = false
      })
  }, options.intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
