import type { Kysely } from 'kysely'
import { buildMatchIndex } from '../../domain/matching/index.js'
import type { IndexedStatement, MatchIndex } from '../../domain/matching/index.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'

const cache = new WeakMap<Kysely<Database>, { generation: string; index: Promise<MatchIndex> }>()

/** Loads every stored statement, KEV entry and EPSS score into a matching index. */
export async function loadMatchIndex(db: Kysely<Database>): Promise<MatchIndex> {
  const statements: IndexedStatement[] = []
  for await (const s of kbRepository.allStatements(db)) statements.push({ vulnerabilityId: s.vulnerabilityId, statement: s.statement })
  const [kev, epss] = await Promise.all([kbRepository.allKev(db), kbRepository.allEpss(db)])
  return buildMatchIndex({ statements, kev, epss })
}

/** The matching index of a database, rebuilt only when the knowledge base has changed since the last build. */
export async function currentMatchIndex(db: Kysely<Database>): Promise<MatchIndex> {
  const generation = await kbRepository.generation(db)
  const cached = cache.get(db)
  if (cached && cached.generation === generation) return cached.index
  const index = loadMatchIndex(db)
  cache.set(db, { generation, index })
  index.catch(() => cache.delete(db))
  return index
}
