import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'

/** Creates a throw-away database on the PostgreSQL server at `url` (migrated unless asked not to); closing it drops it. */
export async function openScratchPostgres(url: string, options: { migrate?: boolean } = {}): Promise<OpenDatabase> {
  const name = `medsec_bench_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: target.toString() })
  if (options.migrate !== false) await migrateToLatest(database.db)
  return {
    ...database,
    close: async () => {
      await database.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
