import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type OpenDatabase } from '../../src/store/database.js'
import { migrateToLatest } from '../../src/store/migrate.js'

/** The database engines the repository and API tests run on: PGlite always, PostgreSQL when a URL is given. */
export const testEngines: readonly ('pglite' | 'postgres')[] = process.env.MEDSEC_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** A migrated, empty database of the given engine; close() also drops a PostgreSQL test database. */
export async function openTestDatabase(engine: 'pglite' | 'postgres'): Promise<OpenDatabase> {
  if (engine === 'pglite') {
    const template = process.env.MEDSEC_PGLITE_TEMPLATE
    const database = await openDatabase(template ? { kind: 'memory', loadDataDir: new Blob([readFileSync(template)]) } : { kind: 'memory' })
    if (!template) await migrateToLatest(database.db)
    return database
  }
  const baseUrl = process.env.MEDSEC_TEST_DATABASE_URL!
  const name = `medsec_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: baseUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(baseUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ kind: 'postgres', url: url.toString() })
  await migrateToLatest(database.db)
  return {
    ...database,
    close: async () => {
      await database.close()
      const cleanup = new pg.Client({ connectionString: baseUrl })
      await cleanup.connect()
      await cleanup.query(`drop database if exists ${name} with (force)`)
      await cleanup.end()
    },
  }
}
