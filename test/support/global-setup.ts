import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database.js'
import { migrateToLatest } from '../../src/store/migrate.js'

/**
 * Creates a migrated PGlite database once and dumps it, so that each test file loads a copy in about a second
 * instead of creating and migrating its own (several seconds and 0.7 GB each).
 */
export default async function setup(): Promise<void> {
  const dir = join(tmpdir(), `medsec-test-${process.pid}`)
  mkdirSync(dir, { recursive: true })
  const database = await openDatabase({ kind: 'memory' })
  await migrateToLatest(database.db)
  const dump = await database.pglite!.dumpDataDir('none')
  await database.close()
  const file = join(dir, 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  process.env.MEDSEC_PGLITE_TEMPLATE = file
}
