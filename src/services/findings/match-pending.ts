import type { Kysely } from 'kysely'
import { findingKeysRepository } from '../../store/repositories/finding-keys.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { scopeFor } from '../../store/scope.js'
import { SYSTEM_ACTOR } from '../system-admin.js'
import { rematchVersion } from './match-product-version.js'
import { rematchKbChanges, type KbRematchSummary } from './rematch-affected.js'

/** What a pass over pending work did. */
export interface PendingWork {
  /** Product versions matched in full because their latest SBOM revision had not been matched. */
  readonly versions: number
  /** The re-match of knowledge-base changes, when there were any (or the first, filling the inverted index). */
  readonly kb: KbRematchSummary | null
}

/**
 * Does at once, in this process, what the job runner does in the background: re-matches knowledge-base changes
 * (targeted through the inverted index), then matches product versions with a new SBOM revision. Operator work
 * across organizations (system actor); the CLI and tests use it.
 */
export async function matchPending(db: Kysely<Database>): Promise<PendingWork> {
  const [cursor, generation] = await Promise.all([findingKeysRepository.cursor(db), kbRepository.generation(db)])
  const kb = !cursor || cursor.generation !== generation ? await rematchKbChanges(db) : null
  let versions = kb?.kind === 'backfill' ? kb.fullMatches : 0
  for (const v of await findingKeysRepository.versionsToMatch(db, null)) {
    if ((await rematchVersion(db, scopeFor(v.orgId), SYSTEM_ACTOR, v.productVersionId)).ok) versions++
  }
  return { versions, kb }
}
