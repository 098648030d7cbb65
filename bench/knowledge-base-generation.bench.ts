// The knowledge-base generation read before every service-side scan and by the job runner: the counter row of
// migration 0018 against the row counts it replaced, with 500,000 advisories stored (KB_GENERATION_ADVISORIES),
// on PGlite and (with KB_BENCH_PG_URL) PostgreSQL. The rows are generated in SQL; only the read is timed.
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import { openDatabase } from '../src/store/database.js'
import type { OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import { kbRepository } from '../src/store/repositories/kb.js'
import type { Database } from '../src/store/schema.js'
import { openScratchPostgres } from './scratch-postgres.js'

const advisories = Number(process.env.KB_GENERATION_ADVISORIES ?? 500_000)
const postgresUrl = process.env.KB_BENCH_PG_URL
const reads = 21

/** The query generation() ran before migration 0018: counts and latest times of three KB tables. */
async function countedGeneration(db: Kysely<Database>): Promise<string> {
  const r = await db.selectFrom('kb_vulnerabilities').select([(eb) => eb.fn.max('updated_at').as('latest'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow()
  const kev = await db.selectFrom('kb_kev').select([(eb) => eb.fn.max('imported_at').as('latest'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow()
  const epss = await db.selectFrom('kb_epss').select([(eb) => eb.fn.max('imported_at').as('latest'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow()
  return JSON.stringify([r.latest, r.n, kev.latest, kev.n, epss.latest, epss.n])
}

async function fill(db: Kysely<Database>): Promise<void> {
  const n = sql.lit(advisories)
  await sql`insert into kb_vulnerabilities (id, updated_at) select 'CVE-2099-' || lpad(i::text, 7, '0'), now() from generate_series(1, ${n}) i`.execute(db)
  await sql`insert into kb_aliases (alias, vulnerability_id) select 'SYN-' || i, 'CVE-2099-' || lpad(i::text, 7, '0') from generate_series(1, ${n}) i`.execute(db)
  await sql`insert into kb_statements (source, source_id, vulnerability_id, origin, content_hash, modified, withdrawn, statement, imported_at)
    select 'osv', 'SYN-' || i, 'CVE-2099-' || lpad(i::text, 7, '0'), 'bench', md5(i::text), null, false,
      ('{"source":"osv","sourceId":"SYN-' || i || '","affected":[]}')::json, now() from generate_series(1, ${n}) i`.execute(db)
  await sql`insert into kb_kev (cve_id, date_added, entry, origin, imported_at) select 'CVE-2099-' || lpad(i::text, 7, '0'), '2025-01-01', '{}'::jsonb, 'bench', now() from generate_series(1, 1500) i`.execute(db)
  await sql`insert into kb_epss (cve_id, epss, percentile, score_date, origin, imported_at) select 'CVE-2099-' || lpad(i::text, 7, '0'), 0.1, 0.5, null, 'bench', now() from generate_series(1, ${n}) i`.execute(db)
  await sql`analyze`.execute(db)
}

async function timeReads(read: () => Promise<string>): Promise<{ wallMs: number; cpuMs: number }> {
  await read()
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < reads; i++) {
    const c = process.cpuUsage()
    const t = performance.now()
    await read()
    const used = process.cpuUsage(c)
    wall.push(performance.now() - t)
    cpu.push((used.user + used.system) / 1000)
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] as number
  return { wallMs: Number(median(wall).toFixed(2)), cpuMs: Number(median(cpu).toFixed(2)) }
}

async function measure(engine: string, database: OpenDatabase, rows: Record<string, unknown>[]): Promise<void> {
  const t = performance.now()
  await fill(database.db)
  console.log(`${engine}: ${advisories} advisories stored in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  const before = await timeReads(() => countedGeneration(database.db))
  const after = await timeReads(() => kbRepository.generation(database.db))
  rows.push({ engine, advisories, 'counted (before) wall ms': before.wallMs, 'counted CPU ms': before.cpuMs, 'counter row (after) wall ms': after.wallMs, 'counter CPU ms': after.cpuMs, speed: `${(before.wallMs / after.wallMs).toFixed(0)}x` })
}

async function main() {
  const [, calibration] = await (async () => {
    const c = performance.now()
    let sum = 0
    for (let i = 0; i < 1e8; i++) sum += i
    return [sum, (performance.now() - c) / 1000] as const
  })()
  const rows: Record<string, unknown>[] = []
  const lite = await openDatabase({ kind: 'memory' })
  await migrateToLatest(lite.db)
  await measure('PGlite', lite, rows)
  await lite.close()
  if (postgresUrl) {
    const pg = await openScratchPostgres(postgresUrl)
    try {
      await measure('PostgreSQL', pg, rows)
    } finally {
      await pg.close()
    }
  }
  console.log(`calibration: 1e8 integer adds ${calibration.toFixed(3)} s (about 0.1 s on an idle core); median of ${reads} reads each`)
  console.table(rows)
}

await main()
