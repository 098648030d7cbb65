// Knowledge base: import rate (records/s), CPU and peak RSS of synthetic OSV and NVD feeds into PGlite in a folder
// (the product's default), PGlite in memory and PostgreSQL (when KB_BENCH_PG_URL is set; the server's CPU is read
// from /proc when the server is local), loading the matching index back from the store, index build time and heap for a
// synthetic KB of 500,000 advisories across ecosystems, and scan time of a 10,000-component SBOM (cold; warm with
// the same SBOM; warm index with SBOMs never seen before). KB_BENCH_JSON=<file> writes the figures as JSON;
// KB_BENCH_COMPARE=<file> prints them beside an earlier run's (e.g. the same bench run on the code before a change).
// KB_BENCH_ENGINES=folder,memory,postgres picks the import engines (one per process gives each its own peak RSS);
// KB_BENCH_ONLY=import skips the index build and matching cases.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { sql } from 'kysely'
import { runInNewContext } from 'node:vm'
import { recordsOfJson } from '../src/domain/kb/index.js'
import type { KbStatement } from '../src/domain/kb/index.js'
import { buildMatchIndex, matchComponents } from '../src/domain/matching/index.js'
import type { MatchComponent } from '../src/domain/matching/index.js'
import { importKb } from '../src/services/kb/import-kb.js'
import { loadMatchIndex } from '../src/services/kb/match-index.js'
import { openDatabase } from '../src/store/database.js'
import type { OpenDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import { testdataPath } from '../test/support/testdata.js'
import { openScratchPostgres } from './scratch-postgres.js'

const syntheticAdvisories = Number(process.env.KB_BENCH_ADVISORIES ?? 500_000)
const syntheticImport = Number(process.env.KB_BENCH_IMPORT ?? 20_000)
const postgresUrl = process.env.KB_BENCH_PG_URL
const engines = (process.env.KB_BENCH_ENGINES ?? `folder,memory${postgresUrl ? ',postgres' : ''}`).split(',')
const importOnly = process.env.KB_BENCH_ONLY === 'import'
// KB_BENCH_ONLY=scan: only the index build and matching cases (no import engines).
const scanOnly = process.env.KB_BENCH_ONLY === 'scan'
// A full collection before and after the index build, so that its heap figure is what the index holds.
setFlagsFromString('--expose_gc')
const gc = runInNewContext('gc') as () => void
let peakRss = 0
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))
const timer = setInterval(sample, 20)

interface Row {
  readonly case: string
  readonly records: number
  readonly seconds: number
  readonly perSecond: number
  readonly cpuMs: number | null
  /** CPU of the main thread alone (see mainThreadCpu). */
  readonly mainCpuMs?: number | null
  /** CPU of the PostgreSQL server (all its processes) during the case, when it runs on this machine. */
  readonly serverCpuMs?: number | null
  /** Peak RSS of this process so far, at the end of the case. */
  readonly peakRssMb?: number
  readonly note: string
}
const rows: Row[] = []
function row(name: string, records: number, seconds: number, note = '', cpuMs: number | null = null, serverCpuMs: number | null = null) {
  sample()
  const mainCpuMs = cpuMs === null ? null : lastMainCpu
  rows.push({ case: name, records, seconds: Number(seconds.toFixed(4)), perSecond: Math.round(records / seconds), cpuMs: cpuMs === null ? null : Number(cpuMs.toFixed(1)), mainCpuMs, serverCpuMs, peakRssMb: Math.round(peakRss / 1e6), note })
}

// CPU time (ms) of a local PostgreSQL server: the postmaster with its reaped children, plus its live children.
function serverCpu(postmaster: number | null): number | null {
  if (postmaster === null) return null
  const ticks = (pid: string, withChildren: boolean) => {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ')
    const own = Number(fields[11]) + Number(fields[12])
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own
  }
  try {
    let total = ticks(String(postmaster), true)
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue
      try {
        if ((readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ')[1] === String(postmaster)) total += ticks(pid, false)
      } catch {
        // the process has ended
      }
    }
    return total * 10
  } catch {
    return null
  }
}

// CPU time (ms) of this process's main thread alone (Linux), where PGlite runs: process.cpuUsage also counts the
// reader thread and V8's helper threads. On an idle machine with two cores, it bounds an import's rate on PGlite.
function mainThreadCpu(): number | null {
  try {
    const fields = (readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

let lastMainCpu: number | null = null
async function time<T>(fn: () => Promise<T> | T): Promise<[T, number, number]> {
  const cpu = process.cpuUsage()
  const main = mainThreadCpu()
  const start = performance.now()
  const value = await fn()
  const used = process.cpuUsage(cpu)
  const mainAfter = mainThreadCpu()
  lastMainCpu = main === null || mainAfter === null ? null : mainAfter - main
  return [value, (performance.now() - start) / 1000, (used.user + used.system) / 1000]
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] as number

const ecosystems = [
  ['npm', 'npm'],
  ['PyPI', 'pypi'],
  ['Maven', 'maven'],
  ['Go', 'golang'],
  ['crates.io', 'cargo'],
  ['RubyGems', 'gem'],
  ['NuGet', 'nuget'],
  ['Debian:12', 'deb'],
] as const

function packageName(eco: string, i: number): string {
  if (eco === 'Maven') return `org.example${i % 997}:artifact-${i}`
  if (eco === 'Go') return `github.com/example${i % 997}/module-${i}`
  return `package-${i}`
}

function purlOf(eco: (typeof ecosystems)[number], i: number, version: string): string {
  const name = packageName(eco[0], i)
  if (eco[1] === 'maven') return `pkg:maven/${name.replace(':', '/')}@${version}`
  if (eco[1] === 'golang') return `pkg:golang/${name}@v${version}`
  if (eco[1] === 'deb') return `pkg:deb/debian/${name}@${version}-1?distro=debian-12`
  return `pkg:${eco[1]}/${name}@${version}`
}

/** A synthetic OSV record: one package, one ECOSYSTEM range, a CVSS vector. */
function osvRecord(i: number): unknown {
  const eco = ecosystems[i % ecosystems.length] as (typeof ecosystems)[number]
  return {
    id: `SYN-${i}`,
    modified: '2025-01-01T00:00:00Z',
    aliases: [`CVE-2099-${String(i).padStart(6, '0')}`],
    summary: `synthetic advisory ${i}`,
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [{ package: { ecosystem: eco[0], name: packageName(eco[0], i) }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: `1.${i % 9}.${i % 7}` }] }] }],
  }
}

/** A 10,000-component SBOM over the synthetic packages; `round` changes every version (a never-seen SBOM). */
function sbom(round: number): MatchComponent[] {
  return Array.from({ length: 10_000 }, (_, k) => {
    const i = (k * 7919) % syntheticAdvisories
    const eco = ecosystems[i % ecosystems.length] as (typeof ecosystems)[number]
    const version = round === 0 ? (k % 2 === 0 ? '1.0.5' : '9.9.9') : k % 2 === 0 ? `1.0.${5 + round}` : `9.9.${9 + round}`
    return { ref: `c${k}`, name: packageName(eco[0], i), version, purl: purlOf(eco, i, version) }
  })
}

/** A never-seen SBOM as most are: one component in ten is a package with advisories, the others have none. */
function mostlyUnknownSbom(round: number): MatchComponent[] {
  return sbom(round).map((c, k) => (k % 10 === 0 ? c : { ...c, name: `absent-${k}`, purl: (c.purl as string).replace(/(package|artifact|module)-\d+/, `absent-${k}`) }))
}

interface Engine {
  readonly name: string
  open(): Promise<OpenDatabase>
}

async function postmasterOf(database: OpenDatabase): Promise<number | null> {
  try {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)
    const fields = (readFileSync(`/proc/${rows[0]?.pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ')
    return Number(fields[1])
  } catch {
    return null
  }
}

async function importRows(engine: Engine, osvFile: string, nvdFile: string, nvdRecords: number): Promise<void> {
  let database = await engine.open()
  const postmaster = engine.name === 'PostgreSQL' ? await postmasterOf(database) : null
  const timeWithServer = async <T>(fn: () => Promise<T>): Promise<[T, number, number, number | null]> => {
    const before = serverCpu(postmaster)
    const [value, seconds, cpu] = await time(fn)
    const after = serverCpu(postmaster)
    return [value, seconds, cpu, before === null || after === null ? null : after - before]
  }
  const [synOsv, synOsvSeconds, synOsvCpu, synOsvServer] = await timeWithServer(() => importKb(database.db, osvFile))
  row(`synthetic OSV (${syntheticImport}) -> ${engine.name}`, synOsv.ok ? synOsv.value.records : 0, synOsvSeconds, 'one JSON array file, default batch size', synOsvCpu, synOsvServer)
  const [again, againSeconds, againCpu, againServer] = await timeWithServer(() => importKb(database.db, osvFile))
  row(`synthetic OSV again (unchanged) -> ${engine.name}`, again.ok ? again.value.unchanged : 0, againSeconds, 'hash compare, no writes', againCpu, againServer)
  await database.close()
  database = await engine.open()
  const [synNvd, synNvdSeconds, synNvdCpu, synNvdServer] = await timeWithServer(() => importKb(database.db, nvdFile))
  row(`synthetic NVD 1.1 feed (${nvdRecords}) -> ${engine.name}`, synNvd.ok ? synNvd.value.records : 0, synNvdSeconds, 'copies of the 1.1 feed items, one file', synNvdCpu, synNvdServer)
  await importKb(database.db, osvFile)
  const [stored, loadSeconds, loadCpu, loadServer] = await timeWithServer(() => loadMatchIndex(database.db))
  row(`load index from ${engine.name} (all statements)`, stored.statements, loadSeconds, 'select + JSON + build', loadCpu, loadServer)
  await database.close()
}

async function main() {
  // The machine is shared: a fixed CPU loop shows how loaded it was during the run (about 0.1 s when idle).
  const [, calibration, calibrationCpu] = await time(() => {
    let sum = 0
    for (let i = 0; i < 1e8; i++) sum += i
    return sum
  })
  row('calibration: 1e8 integer adds', 1e8, calibration, `about 0.1 s on an idle core; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`, calibrationCpu)
  if (scanOnly) {
    await matching()
    return finish(0)
  }
  const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-bench-'))
  try {
    // 1. Import: synthetic feeds into PGlite (and PostgreSQL), then the index loaded back from the store.
    const osvFile = join(dir, 'osv-synthetic.json')
    writeFileSync(osvFile, JSON.stringify(Array.from({ length: syntheticImport }, (_, i) => osvRecord(i))))
    const nvdText = readFileSync(testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json'), 'utf8')
    const feed = JSON.parse(nvdText) as { CVE_Items: { cve: { CVE_data_meta: { ID: string } } }[] }
    const copies = Math.ceil(syntheticImport / feed.CVE_Items.length)
    const items = Array.from({ length: copies }, (_, c) => feed.CVE_Items.map((item) => ({ ...item, cve: { ...item.cve, CVE_data_meta: { ...item.cve.CVE_data_meta, ID: `${item.cve.CVE_data_meta.ID}-${c}` } } }))).flat().slice(0, syntheticImport)
    const nvdFile = join(dir, 'nvdcve-1.1-synthetic.json')
    writeFileSync(nvdFile, JSON.stringify({ ...feed, CVE_Items: items }))
    const [parsed, parseSeconds] = await time(() => recordsOfJson(JSON.parse(readFileSync(nvdFile, 'utf8')), 'feed'))
    row(`NVD 1.1 synthetic feed: JSON.parse + medsec read (pure)`, parsed.ok ? parsed.value.records.length : 0, parseSeconds, 'no database')
    sample()
    const available: Record<string, Engine> = {
      folder: {
        name: 'PGlite folder',
        // A copy of a folder created and migrated by another process: as with an existing ./data, this process does
        // not run initdb, whose peak (~850 MB) would otherwise hide the import's own RSS.
        open: async () => {
          const template = join(dir, 'pglite-template')
          if (!existsSync(template)) {
            const made = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { env: { ...process.env, KB_BENCH_MAKE_FOLDER: template }, stdio: 'inherit' })
            if (made.status !== 0) throw new Error('could not create the PGlite folder')
          }
          const dataDir = mkdtempSync(join(dir, 'pglite-'))
          cpSync(template, dataDir, { recursive: true })
          const database = await openDatabase({ kind: 'embedded', dataDir })
          await migrateToLatest(database.db)
          return database
        },
      },
      memory: {
        name: 'PGlite memory',
        open: async () => {
          const database = await openDatabase({ kind: 'memory' })
          await migrateToLatest(database.db)
          return database
        },
      },
    }
    if (postgresUrl) available.postgres = { name: 'PostgreSQL', open: () => openScratchPostgres(postgresUrl) }
    for (const name of engines) {
      const engine = available[name]
      if (!engine) throw new Error(`unknown engine ${name} (folder, memory, postgres with KB_BENCH_PG_URL)`)
      await importRows(engine, osvFile, nvdFile, items.length)
    }
    sample()
    const importRss = peakRss
    if (!importOnly) await matching()
    finish(importRss)
  } finally {
    clearInterval(timer)
    rmSync(dir, { recursive: true, force: true })
  }
}

async function matching(): Promise<void> {
  // 2. Index build and matching over a synthetic in-memory KB.
  const statements: { vulnerabilityId: string; statement: KbStatement }[] = []
  for (let i = 0; i < syntheticAdvisories; i++) {
    const result = recordsOfJson(osvRecord(i), 'synthetic', 'osv')
    if (result.ok) statements.push({ vulnerabilityId: `CVE-2099-${String(i).padStart(6, '0')}`, statement: result.value.records[0] as KbStatement })
  }
  gc()
  sample()
  const heapBefore = process.memoryUsage().heapUsed
  const [index, buildSeconds, buildCpu] = await time(() => buildMatchIndex({ statements }))
  gc()
  sample()
  row(`index build (${syntheticAdvisories} advisories)`, syntheticAdvisories, buildSeconds, `heap +${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)} MB`, buildCpu)
  const components = sbom(0)
  const [cold, coldSeconds, coldCpu] = await time(() => matchComponents(index, components))
  row('match 10,000 components, cold (first scan)', 10_000, coldSeconds, `${cold.findings.length} findings`, coldCpu)
  // Scans of the SBOMs `sbomOf(round)` gives for the rounds, each timed (seconds and CPU ms).
  const scans = async (rounds: readonly number[], sbomOf: (round: number) => MatchComponent[]) => {
    const seconds: number[] = []
    const cpu: number[] = []
    for (const round of rounds) {
      const scanned = sbomOf(round)
      const [, s, c] = await time(() => matchComponents(index, scanned))
      seconds.push(s)
      cpu.push(c)
    }
    return { seconds, cpu, min: `min ${(Math.min(...seconds) * 1000).toFixed(1)} ms` }
  }
  const warm = await scans(Array.from({ length: 21 }, () => 0), () => components)
  row('match 10,000 components, warm: same SBOM again (median of 21)', 10_000, median(warm.seconds), warm.min, median(warm.cpu))
  const fresh = await scans([1, 2, 3, 4, 5], sbom)
  row('match 10,000 components, warm index, SBOM never seen (median of 5)', 10_000, median(fresh.seconds), `${fresh.min}; every version new`, median(fresh.cpu))
  const unknown = await scans([11, 12, 13, 14, 15], mostlyUnknownSbom)
  row('match 10,000 components, warm index, SBOM never seen, 1 in 10 with advisories (median of 5)', 10_000, median(unknown.seconds), unknown.min, median(unknown.cpu))
}

function finish(importRss: number): void {
  clearInterval(timer)
  sample()
  console.table(rows)
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  console.log(`peak RSS: import phase ${Math.round(importRss / 1e6)} MB, whole run ${Math.round(peakRss / 1e6)} MB (sampled every 20 ms), node ${process.version}`)
  if (process.env.KB_BENCH_JSON) writeFileSync(process.env.KB_BENCH_JSON, JSON.stringify({ rows, importRss, peakRss, node: process.version }, null, 2))
  const compare = process.env.KB_BENCH_COMPARE
  if (compare && existsSync(compare)) {
    const before = JSON.parse(readFileSync(compare, 'utf8')) as { rows: Row[]; importRss: number; peakRss: number }
    const beforeOf = new Map(before.rows.map((r) => [r.case, r]))
    console.table(rows.map((r) => {
      const b = beforeOf.get(r.case)
      return {
        case: r.case,
        'before s': b?.seconds ?? null,
        'after s': r.seconds,
        'before /s': b?.perSecond ?? null,
        'after /s': r.perSecond,
        'before cpu ms': b?.cpuMs ?? null,
        'after cpu ms': r.cpuMs,
        'before main ms': b?.mainCpuMs ?? null,
        'after main ms': r.mainCpuMs ?? null,
        'before server ms': b?.serverCpuMs ?? null,
        'after server ms': r.serverCpuMs ?? null,
        'before rss MB': b?.peakRssMb ?? null,
        'after rss MB': r.peakRssMb ?? null,
        speed: b ? `${(b.seconds / r.seconds).toFixed(1)}x` : '',
      }
    }))
    console.log(`peak RSS import phase: before ${Math.round(before.importRss / 1e6)} MB, after ${Math.round(importRss / 1e6)} MB; whole run: before ${Math.round(before.peakRss / 1e6)} MB, after ${Math.round(peakRss / 1e6)} MB`)
  }
}

const makeFolder = process.env.KB_BENCH_MAKE_FOLDER
if (makeFolder) {
  const database = await openDatabase({ kind: 'embedded', dataDir: makeFolder })
  await migrateToLatest(database.db)
  await database.close()
  clearInterval(timer)
} else await main()
