import type { Kysely } from 'kysely'
import { matchComponents } from '../../domain/matching/index.js'
import type { MatchComponent, MatchReport } from '../../domain/matching/index.js'
import type { Database } from '../../store/schema.js'
import type { ServiceResult } from '../context.js'
import { currentMatchIndex } from './match-index.js'

/** Matches components against the knowledge base (public data: any authenticated principal may ask). */
export async function matchAgainstKb(db: Kysely<Database>, components: readonly MatchComponent[]): Promise<ServiceResult<MatchReport>> {
  const index = await currentMatchIndex(db)
  return { ok: true, value: matchComponents(index, components) }
}
