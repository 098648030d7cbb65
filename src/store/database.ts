import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { lockDataFolder } from './data-folder-lock.js'
import { PGliteDialect } from './dialect/pglite-dialect.js'
import type { Database } from './schema.js'

/** Where the data lives: a real PostgreSQL when a URL is given, else embedded PGlite in a folder (or memory). */
export type DatabaseLocation =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'embedded'; readonly dataDir: string }
  | { readonly kind: 'memory'; readonly loadDataDir?: Blob }

/** An open database: the kysely handle and how to close it. */
export interface OpenDatabase {
  readonly db: Kysely<Database>
  readonly location: DatabaseLocation
  readonly describe: string
  readonly pglite?: PGlite
  close(): Promise<void>
}

// PostgreSQL returns bigint (int8) and numeric as strings by default; counts are read as numbers.
pg.types.setTypeParser(20, (v) => Number(v))

/** Picks the location from DATABASE_URL or the data folder. */
export function locationFrom(env: NodeJS.ProcessEnv, dataDir: string | undefined): DatabaseLocation {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL }
  return { kind: 'embedded', dataDir: resolve(dataDir ?? env.MEDSEC_DATA ?? './data') }
}

/** Opens the database at a location. */
export async function openDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: location.url, max: 10 })
    // An idle pooled connection can be cut by the server (restart, admin command); the pool replaces it on the
    // next checkout, so the loss is reported instead of crashing the process.
    pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`))
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, location, describe: `PostgreSQL ${redact(location.url)}`, close: () => db.destroy() }
  }
  let pglite: PGlite
  let unlock = () => {}
  if (location.kind === 'embedded') {
    mkdirSync(location.dataDir, { recursive: true })
    unlock = lockDataFolder(location.dataDir)
    try {
      pglite = await PGlite.create(location.dataDir)
    } catch (error) {
      unlock()
      throw error
    }
  } else {
    pglite = await PGlite.create(location.loadDataDir ? { loadDataDir: location.loadDataDir } : {})
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  const describe = location.kind === 'embedded' ? `embedded PGlite in ${location.dataDir}` : 'embedded PGlite in memory'
  return {
    db,
    location,
    describe,
    pglite,
    close: async () => {
      await db.destroy()
      await pglite.close()
      unlock()
    },
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
