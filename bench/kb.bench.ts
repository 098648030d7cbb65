// Knowledge base: import rate (records/s) and peak RSS of synthetic OSV and NVD feeds into PGlite (and PostgreSQL
// when KB_BENCH_PG_URL is set), loading the matching index back from the store, index build time and heap for a
// synthetic KB of 500,000 advisories across ecosystems, and scan time of a 10,000-component SBOM (cold; warm with
// the same SBOM; warm index with SBOMs never seen before). KB_BENCH_JSON=<file> writes the figures as JSON;
// KB_BENCH_COMPARE=<file> prints them beside an earlier run's (e.g. the same bench run on the code before a change).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
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

const syntheticAdvisories = Number(process.env.KB_BENCH_ADVISORIES ?? 500_000)
const syntheticImport = Number(process.env.KB_BENCH_IMPORT ?? 20_000)
const postgresUrl = process.env.KB_BENCH_PG_URL
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
  readonly note: string
}
const rows: Row[] = []
function row(name: string, records: number, seconds: number, note = '', cpuMs: number | null = null) {
  rows.push({ case: name, records, seconds: Number(seconds.toFixed(4)), perSecond: Math.round(records / seconds), cpuMs: cpuMs === null ? null : Number(cpuMs.toFixed(1)), note })
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number, number]> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = await fn()
  const used = process.cpuUsage(cpu)
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

async function importRows(engine: string, open: () => Promise<OpenDatabase>, osvFile: string, nvdFile: string, nvdRecords: number): Promise<void> {
  let database = await open()
  const [synOsv, synOsvSeconds, synOsvCpu] = await time(() => importKb(database.db, osvFile))
  row(`synthetic OSV (${syntheticImport}) -> ${engine}`, synOsv.ok ? synOsv.value.records : 0, synOsvSeconds, 'one JSON array file, default batch size', synOsvCpu)
  const [again, againSeconds, againCpu] = await time(() => importKb(database.db, osvFile))
  row(`synthetic OSV again (unchanged) -> ${engine}`, again.ok ? again.value.unchanged : 0, againSeconds, 'hash compare, no writes', againCpu)
  await database.close()
  database = await open()
  const [synNvd, synNvdSeconds, synNvdCpu] = await time(() => importKb(database.db, nvdFile))
  row(`synthetic NVD 1.1 feed (${nvdRecords}) -> ${engine}`, synNvd.ok ? synNvd.value.records : 0, synNvdSeconds, 'copies of the 1.1 feed items, one file', synNvdCpu)
  await importKb(database.db, osvFile)
  const [stored, loadSeconds, loadCpu] = await time(() => loadMatchIndex(database.db))
  row(`load index from ${engine} (all statements)`, stored.statements, loadSeconds, 'select + JSON + build', loadCpu)
  await database.close()
}

async function main() {
  // The machine is shared: a fixed CPU loop shows how loaded it was during the run (about 0.1 s when idle).
  const [, calibration] = await time(() => {
    let sum = 0
    for (let i = 0; i < 1e8; i++) sum += i
    return sum
  })
  row('calibration: 1e8 integer adds', 1e8, calibration, 'about 0.1 s on an idle core')
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
    await importRows('PGlite', async () => {
      const database = await openDatabase({ kind: 'memory' })
      await migrateToLatest(database.db)
      return database
    }, osvFile, nvdFile, items.length)
    if (postgresUrl) {
      await importRows('PostgreSQL', async () => {
        const database = await openDatabase({ kind: 'postgres', url: postgresUrl })
        await migrateToLatest(database.db)
        await database.db.deleteFrom('kb_package_keys').execute()
        await database.db.deleteFrom('kb_statements').execute()
        await database.db.deleteFrom('kb_aliases').execute()
        await database.db.deleteFrom('kb_vulnerabilities').execute()
        await database.db.deleteFrom('kb_imports').execute()
        return database
      }, osvFile, nvdFile, items.length)
    }
    sample()
    const importRss = peakRss

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
    const warm: number[] = []
    const warmCpu: number[] = []
    for (let r = 0; r < 21; r++) {
      const [, seconds, cpu] = await time(() => matchComponents(index, components))
      warm.push(seconds)
      warmCpu.push(cpu)
    }
    row('match 10,000 components, warm: same SBOM again (median of 21)', 10_000, median(warm), `min ${(Math.min(...warm) * 1000).toFixed(1)} ms`, median(warmCpu))
    const fresh: number[] = []
    const freshCpu: number[] = []
    for (let r = 1; r <= 5; r++) {
      const other = sbom(r)
      const [, seconds, cpu] = await time(() => matchComponents(index, other))
      fresh.push(seconds)
      freshCpu.push(cpu)
    }
    row('match 10,000 components, warm index, SBOM never seen (median of 5)', 10_000, median(fresh), `min ${(Math.min(...fresh) * 1000).toFixed(1)} ms; every version new`, median(freshCpu))
    clearInterval(timer)
    sample()
    console.table(rows)
    console.log(`peak RSS: import phase ${Math.round(importRss / 1e6)} MB, whole run ${Math.round(peakRss / 1e6)} MB (sampled every 20 ms), node ${process.version}`)
    if (process.env.KB_BENCH_JSON) writeFileSync(process.env.KB_BENCH_JSON, JSON.stringify({ rows, importRss, peakRss, node: process.version }, null, 2))
    const compare = process.env.KB_BENCH_COMPARE
    if (compare && existsSync(compare)) {
      const before = JSON.parse(readFileSync(compare, 'utf8')) as { rows: Row[]; importRss: number; peakRss: number }
      const beforeOf = new Map(before.rows.map((r) => [r.case, r]))
      console.table(rows.map((r) => {
        const b = beforeOf.get(r.case)
        return { case: r.case, 'before s': b?.seconds ?? null, 'after s': r.seconds, 'before /s': b?.perSecond ?? null, 'after /s': r.perSecond, 'before cpu ms': b?.cpuMs ?? null, 'after cpu ms': r.cpuMs, speed: b ? `${(b.seconds / r.seconds).toFixed(1)}x` : '' }
      }))
      console.log(`peak RSS import phase: before ${Math.round(before.importRss / 1e6)} MB, after ${Math.round(importRss / 1e6)} MB; whole run: before ${Math.round(before.peakRss / 1e6)} MB, after ${Math.round(peakRss / 1e6)} MB`)
    }
  } finally {
    clearInterval(timer)
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
