import type { Kysely } from 'kysely'
import { openDatabase, type DatabaseLocation } from '../store/database.js'
import { configureInstanceKey } from '../store/instance-key.js'
import { migrateToLatest, type MigrationReport } from '../store/migrate.js'
import type { Database } from '../store/schema.js'

/** The running application's shared resources. */
export interface AppResources {
  readonly db: Kysely<Database>
  readonly describe: string
  readonly migrations: MigrationReport
  close(): Promise<void>
}

/** Opens the database at a location and brings its schema up to date. */
export async function openApp(location: DatabaseLocation): Promise<AppResources> {
  const database = await openDatabase(location)
  configureInstanceKey(location)
  try {
    const migrations = await migrateToLatest(database.db)
    return { db: database.db, describe: database.describe, migrations, close: () => database.close() }
  } catch (err) {
    await database.close()
    throw err
  }
}
