import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

/**
 * Runs a measurement on PGlite in a temporary folder and then, when MEDSEC_BENCH_DATABASE_URL is set, on a throw-away
 * PostgreSQL database (left unmigrated: the measurement migrates), closing and removing each afterwards.
 */
export async function measureOnEngines<T>(measure: (engine: string, database: OpenDatabase) => Promise<T>): Promise<T[]> {
  const rows: T[] = []
  const dir = mkdtempSync(join(tmpdir(), 'medsec-bench-'))
  try {
    const pglite = await openDatabase({ kind: 'embedded', dataDir: join(dir, 'data') })
    try {
      rows.push(await measure('PGlite (folder)', pglite))
    } finally {
      await pglite.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  const url = process.env.MEDSEC_BENCH_DATABASE_URL
  if (url) {
    const database = await openScratchPostgres(url, { migrate: false })
    try {
      rows.push(await measure('PostgreSQL 15', database))
    } finally {
      await database.close()
    }
  }
  return rows
}
