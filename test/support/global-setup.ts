import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src/store/database.js'
import { migrateToLatest } from '../../src/store/migrate.js'
import { openApp } from '../../src/services/app.js'
import { seedDemo } from '../../src/services/demo/seed-demo.js'

/**
 * Creates a migrated PGlite database once and dumps it, so that each test file loads a copy in about a second
 * instead of creating and migrating its own (several seconds and 0.7 GB each); and a seeded data folder that CLI
 * tests copy instead of running initdb, the migrations and the seed in every spawned process.
 */
export default async function setup(): Promise<() => void> {
  // A new folder per run: a name made from the process id can be a stale folder of an earlier run (ids are reused),
  // whose seeded data would then be opened instead of made.
  const dir = mkdtempSync(join(tmpdir(), 'medsec-test-'))
  const database = await openDatabase({ kind: 'memory' })
  await migrateToLatest(database.db)
  const dump = await database.pglite!.dumpDataDir('none')
  await database.close()
  const file = join(dir, 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  process.env.MEDSEC_PGLITE_TEMPLATE = file

  const seededDir = join(dir, 'seeded-data')
  // Opened as the CLI opens it, so that the instance key (which seals the demo's CSAF signing keys) is made in the
  // folder too and every copy a CLI test spawns `medsec --data <copy>` on can open them.
  const seeded = await openApp({ kind: 'embedded', dataDir: seededDir })
  await seedDemo(seeded.db)
  await seeded.close()
  process.env.MEDSEC_SEEDED_DATA_DIR = seededDir
  return () => rmSync(dir, { recursive: true, force: true })
}
