// Knowledge base: import rate (records/s) of the OSV and NVD fixtures and of synthetic feeds into PGlite, pure parse
// rate beside plain JSON.parse, matching-index build time and memory for a synthetic KB, and match rate for a
// generated 10,000-component SBOM (cold and warm).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { recordsOfJson } from '../src/domain/kb/index.js'
import type { KbStatement } from '../src/domain/kb/index.js'
import { buildMatchIndex, matchComponents } from '../src/domain/matching/index.js'
import type { MatchComponent } from '../src/domain/matching/index.js'
import { importKb } from '../src/services/kb/import-kb.js'
import { loadMatchIndex } from '../src/services/kb/match-index.js'
import { openDatabase } from '../src/store/database.js'
import { migrateToLatest } from '../src/store/migrate.js'
import { testdataPath } from '../test/support/testdata.js'

const syntheticAdvisories = Number(process.env.KB_BENCH_ADVISORIES ?? 500_000)
const syntheticImport = Number(process.env.KB_BENCH_IMPORT ?? 20_000)
let peakRss = 0
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss))
const timer = setInterval(sample, 20)

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : []
  })
}

const rows: { case: string; records: number; seconds: number; perSecond: number; note: string }[] = []
function row(name: string, records: number, seconds: number, note = '') {
  rows.push({ case: name, records, seconds: Number(seconds.toFixed(3)), perSecond: Math.round(records / seconds), note })
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now()
  const value = await fn()
  return [value, (performance.now() - start) / 1000]
}

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

async function main() {
  // The machine is shared: a fixed CPU loop shows how loaded it was during the run (about 0.1 s when idle).
  const [, calibration] = await time(() => {
    let sum = 0
    for (let i = 0; i < 1e8; i++) sum += i
    return sum
  })
  row('calibration: 1e8 integer adds', 1e8, calibration, 'about 0.1 s on an idle core')
  const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-bench-'))
  const open = async () => {
    const database = await openDatabase({ kind: 'memory' })
    await migrateToLatest(database.db)
    return database
  }
  try {
    // 1. Fixtures: parse only (beside JSON.parse) and import into PGlite.
    const osvFixtures = [
      ...jsonFiles(testdataPath('osv-dev/gcp/website/testdata/osv')),
      ...jsonFiles(testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')),
      ...jsonFiles(testdataPath('osv-schema/tools/osv-linter/testdata')),
    ]
    const nvdFeed = testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json')
    const nvdText = readFileSync(nvdFeed, 'utf8')
    const [, jsonSeconds] = await time(() => JSON.parse(nvdText))
    row('NVD 1.1 feed: JSON.parse only', 669, jsonSeconds, 'baseline')
    const [parsed, parseSeconds] = await time(() => recordsOfJson(JSON.parse(nvdText), 'feed'))
    row('NVD 1.1 feed: JSON.parse + medsec read', parsed.ok ? parsed.value.records.length : 0, parseSeconds, 'pure domain')

    let database = await open()
    const osvDir = join(dir, 'osv')
    const { mkdirSync, copyFileSync } = await import('node:fs')
    mkdirSync(osvDir)
    osvFixtures.forEach((f, i) => copyFileSync(f, join(osvDir, `${i}.json`)))
    const [osvImport, osvSeconds] = await time(() => importKb(database.db, osvDir))
    row('OSV fixtures -> PGlite', osvImport.ok ? osvImport.value.records : 0, osvSeconds, `${osvFixtures.length} files`)
    const [nvdImport, nvdSeconds] = await time(() => importKb(database.db, nvdFeed))
    row('NVD 1.1 feed fixture -> PGlite', nvdImport.ok ? nvdImport.value.records : 0, nvdSeconds, '669 CVEs, one file')
    const [again, againSeconds] = await time(() => importKb(database.db, nvdFeed))
    row('NVD feed again (unchanged, idempotent)', again.ok ? again.value.unchanged : 0, againSeconds, 'hash compare, no writes')
    await database.close()

    // 2. Synthetic feeds: an OSV export as one JSON array file, and an NVD 2.0 page built from the 1.1 feed's items.
    database = await open()
    const osvFile = join(dir, 'osv-synthetic.json')
    writeFileSync(osvFile, JSON.stringify(Array.from({ length: syntheticImport }, (_, i) => osvRecord(i))))
    const [synOsv, synOsvSeconds] = await time(() => importKb(database.db, osvFile, { batchSize: 1000 }))
    row(`synthetic OSV (${syntheticImport}) -> PGlite`, synOsv.ok ? synOsv.value.records : 0, synOsvSeconds, 'batches of 1000')
    const feedItems = (JSON.parse(nvdText) as { CVE_Items: { cve: { CVE_data_meta: { ID: string } } }[] }).CVE_Items
    const nvdPage = join(dir, 'nvd-synthetic.json')
    const copies = Math.ceil(syntheticImport / feedItems.length)
    const items = Array.from({ length: copies }, (_, c) => feedItems.map((item) => ({ ...item, cve: { ...item.cve, CVE_data_meta: { ...item.cve.CVE_data_meta, ID: `${item.cve.CVE_data_meta.ID}-${c}` } } }))).flat().slice(0, syntheticImport)
    writeFileSync(nvdPage, JSON.stringify({ CVE_Items: items }))
    const [synNvd, synNvdSeconds] = await time(() => importKb(database.db, nvdPage, { batchSize: 1000 }))
    row(`synthetic NVD (${items.length}) -> PGlite`, synNvd.ok ? synNvd.value.records : 0, synNvdSeconds, 'copies of the 1.1 feed items')
    const [storedIndex, loadSeconds] = await time(() => loadMatchIndex(database.db))
    row('load index from PGlite (all statements)', storedIndex.statements, loadSeconds, 'select + JSON + build')
    await database.close()

    // 3. Index build and matching over a synthetic in-memory KB.
    const statements: { vulnerabilityId: string; statement: KbStatement }[] = []
    for (let i = 0; i < syntheticAdvisories; i++) {
      const result = recordsOfJson(osvRecord(i), 'synthetic', 'osv')
      if (result.ok) statements.push({ vulnerabilityId: `CVE-2099-${String(i).padStart(6, '0')}`, statement: result.value.records[0] as KbStatement })
    }
    sample()
    const heapBefore = process.memoryUsage().heapUsed
    const [index, buildSeconds] = await time(() => buildMatchIndex({ statements }))
    sample()
    row(`index build (${syntheticAdvisories} advisories)`, syntheticAdvisories, buildSeconds, `heap +${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1e6)} MB`)
    const components: MatchComponent[] = Array.from({ length: 10_000 }, (_, k) => {
      const i = (k * 7919) % syntheticAdvisories
      const eco = ecosystems[i % ecosystems.length] as (typeof ecosystems)[number]
      const version = k % 2 === 0 ? '1.0.5' : '9.9.9'
      return { ref: `c${k}`, name: packageName(eco[0], i), version, purl: purlOf(eco, i, version) }
    })
    const [cold, coldSeconds] = await time(() => matchComponents(index, components))
    row('match 10,000 components (cold: ranges compiled on first use)', 10_000, coldSeconds, `${cold.findings.length} findings`)
    const warm: number[] = []
    for (let r = 0; r < 5; r++) warm.push((await time(() => matchComponents(index, components)))[1])
    warm.sort((a, b) => a - b)
    row('match 10,000 components (warm, median of 5)', 10_000, warm[2] as number, `${cold.stats.affectedComponents} affected components`)
  } finally {
    clearInterval(timer)
    rmSync(dir, { recursive: true, force: true })
  }
  sample()
  console.table(rows)
  console.log(`peak RSS ${Math.round(peakRss / 1e6)} MB (sampled every 20 ms), node ${process.version}`)
}

await main()
