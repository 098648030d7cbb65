import { CompiledQuery, type Kysely } from 'kysely'
import type { Database } from './schema.js'

/** What pg-boss needs of a database: run one SQL text (or a parameterless script) and hand back rows. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

/**
 * pg-boss over the application's own kysely handle, so that it runs on embedded PGlite (one session, whose queue
 * the dialect keeps) and on PostgreSQL alike. Parameterless scripts (pg-boss's schema creation, wrapped in
 * BEGIN ... COMMIT) go through the simple protocol on both engines; pg-boss reads no rows from them.
 */
export function kyselyExecutor(db: Kysely<Database>): SqlExecutor {
  return {
    async executeSql(text, values) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as unknown[] }
    },
  }
}
