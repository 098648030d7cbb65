// The least a KB import can cost per record in the database itself: the rows `medsec kb import` writes for one
// synthetic OSV record (a group, its two ids, the stored statement, its package key), generated inside the database
// with generate_series, so no feed is read, no JSON is parsed in Node and no parameter crosses the protocol. Whatever
// an import does on top of this (reading, converting, hashing, sending, upserting) only adds to it, so the figure is
// the ceiling of records/s for one database thread. KB_FLOOR_RECORDS (default 100,000); MEDSEC_BENCH_DATABASE_URL
// adds PostgreSQL (its backend's CPU read from /proc when the server runs on this machine).
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import type { Kysely } from 'kysely'
import { recordsOfJson } from '../src/domain/kb/index.js'
import type { OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import type { Database } from '../src/store/schema.js'
import { measureOnEngines } from './scratch-postgres.js'

const records = Number(process.env.KB_FLOOR_RECORDS ?? 100_000)

/** The statement JSON the import stores for one synthetic OSV record (the same record as bench/kb.bench.ts). */
function storedStatement(): string {
  const record = {
    id: 'SYN-1',
    modified: '2025-01-01T00:00:00Z',
    aliases: ['CVE-2099-000001'],
    summary: 'synthetic advisory 1',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: 'npm', name: 'package-1' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: '1.1.1' }] }] }],
  }
  const result = recordsOfJson(record, 'file:/feeds/osv-synthetic.json', 'osv')
  if (!result.ok) throw new Error('the synthetic record does not convert')
  return JSON.stringify(result.value.records[0])
}

/** CPU seconds used so far by a process and its children's threads (user + system), or null when unreadable. */
function processCpu(pid: number): number | null {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

async function backendPid(db: Kysely<Database>, location: OpenDatabase['location']): Promise<number | null> {
  if (location.kind !== 'postgres') return null
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)
  return rows[0]?.pid ?? null
}

async function measure(engine: string, database: OpenDatabase): Promise<Record<string, unknown>> {
  await migrateToLatest(database.db)
  const n = sql.lit(records)
  const statement = storedStatement()
  const steps: [string, (db: Kysely<Database>) => Promise<unknown>][] = [
    ['kb_vulnerabilities', (db) => sql`insert into kb_vulnerabilities (id, updated_at) select 'CVE-2099-' || lpad(i::text, 7, '0'), now() from generate_series(1, ${n}) i`.execute(db)],
    ['kb_aliases (2 ids)', (db) => sql`insert into kb_aliases (alias, vulnerability_id) select id, 'CVE-2099-' || lpad(i::text, 7, '0') from generate_series(1, ${n}) i, lateral (values ('CVE-2099-' || lpad(i::text, 7, '0')), ('SYN-' || i)) ids(id)`.execute(db)],
    ['kb_statements', (db) => sql`insert into kb_statements (source, source_id, vulnerability_id, origin, content_hash, modified, withdrawn, statement, imported_at)
      select 'osv', 'SYN-' || i, 'CVE-2099-' || lpad(i::text, 7, '0'), 'file:/feeds/osv-synthetic.json', encode(sha256(i::text::bytea), 'hex'), '2025-01-01T00:00:00Z', false,
        replace(${statement}, 'package-1"', 'package-' || i || '"')::json, now() from generate_series(1, ${n}) i`.execute(db)],
    ['kb_package_keys', (db) => sql`insert into kb_package_keys (package_key, source, source_id) select 'npm:package-' || i, 'osv', 'SYN-' || i from generate_series(1, ${n}) i`.execute(db)],
  ]
  const row: Record<string, unknown> = { engine, records }
  let serverSeconds: number | null = null
  // One transaction, as an import batch is; the server's CPU is read from its backend process when it is local.
  const start = performance.now()
  await database.db.transaction().execute(async (trx) => {
    const pid = await backendPid(trx, database.location)
    const serverBefore = pid === null ? null : processCpu(pid)
    for (const [table, step] of steps) {
      const t = performance.now()
      await step(trx)
      row[`${table} µs`] = Number((((performance.now() - t) * 1000) / records).toFixed(1))
    }
    const serverAfter = pid === null ? null : processCpu(pid)
    if (serverBefore !== null && serverAfter !== null) serverSeconds = serverAfter - serverBefore
  })
  const totalWall = performance.now() - start
  row['total µs per record'] = Number(((totalWall * 1000) / records).toFixed(1))
  if (serverSeconds !== null) row['server CPU µs per record (before commit)'] = Number(((serverSeconds * 1e6) / records).toFixed(1))
  row['ceiling records/s'] = Math.round(records / (totalWall / 1000))
  return row
}

async function main(): Promise<void> {
  const calibrationStart = performance.now()
  let sum = 0
  for (let i = 0; i < 1e8; i++) sum += i
  const calibration = (performance.now() - calibrationStart) / 1000
  const rows = await measureOnEngines(measure)
  console.log(`calibration: 1e8 integer adds ${calibration.toFixed(3)} s (about 0.1 s on an idle core), sum ${sum}`)
  console.table(rows)
}

await main()
