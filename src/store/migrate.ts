import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.js'
import { migrations } from './migrations/index.js'

/** What a migration run did: the names applied now, and how many were already there. */
export interface MigrationReport {
  readonly applied: readonly string[]
  readonly alreadyApplied: number
}

/** An arbitrary fixed key for the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK_KEY = 4_242_001

/** Applies every pending migration, each in its own transaction, under an advisory lock. */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  await sql`create table if not exists schema_migrations (
    id integer primary key, name text not null, applied_at timestamptz not null
  )`.execute(db)
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn)
    try {
      const done = new Set((await conn.selectFrom('schema_migrations').select('id').execute()).map((r) => r.id))
      const applied: string[] = []
      for (const migration of migrations) {
        if (done.has(migration.id)) continue
        await conn.transaction().execute(async (trx) => {
          await migration.up(trx as unknown as Kysely<unknown>)
          await trx
            .insertInto('schema_migrations')
            .values({ id: migration.id, name: migration.name, applied_at: new Date() })
            .execute()
        })
        applied.push(`${String(migration.id).padStart(4, '0')}-${migration.name}`)
      }
      return { applied, alreadyApplied: done.size }
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn)
    }
  })
}
