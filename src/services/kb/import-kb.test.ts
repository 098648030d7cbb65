import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { exportBundle } from './bundle.js'
import { getVulnerability } from './get-vulnerability.js'
import { importKb } from './import-kb.js'
import { kbStats } from './kb-stats.js'
import { matchAgainstKb } from './match-components.js'
import { searchVulnerabilities } from './search-vulnerabilities.js'

const osvDir = testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')
const nvdDir = testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0')
const kevFile = testdataPath('cisa-kev/known_exploited_vulnerabilities.json')

/** A minimal ZIP writer (deflate), so the test needs no zip tool. */
function writeZip(path: string, files: readonly { name: string; data: Buffer }[]): void {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const f of files) {
    const name = Buffer.from(f.name)
    const body = deflateRawSync(f.data)
    const crc = crc32(f.data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(f.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(f.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += 30 + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(files.length, 8)
  end.writeUInt16LE(files.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  writeFileSync(path, Buffer.concat([...locals, directory, end]))
}

describe.each(testEngines)('knowledge base import (%s)', (engine) => {
  let database: OpenDatabase
  beforeAll(async () => {
    database = await openTestDatabase(engine)
  })
  afterAll(async () => {
    await database?.close()
  })

  it('imports an OSV directory, and a second import changes nothing (idempotent)', async () => {
    // The fixtures hold two ids twice (GHSA-77rv-6vfw-x4gc, GSD-2022-1000008): the later file of each wins.
    const first = await importKb(database.db, osvDir)
    expect(first.ok && first.value).toMatchObject({ documents: 10, records: 10, inserted: 8, updated: 0, unchanged: 2 })
    const again = await importKb(database.db, osvDir, { kind: 'osv' })
    expect(again.ok && again.value).toMatchObject({ records: 10, inserted: 0, updated: 0, unchanged: 10 })
  })

  it('updates a changed record and merges its alias group: GHSA-77rv-6vfw-x4gc joins CVE-2019-3778', async () => {
    const before = await getVulnerability(database.db, 'GHSA-77rv-6vfw-x4gc')
    expect(before.ok && before.value.id).toBe('GHSA-77rv-6vfw-x4gc')
    const updated = await importKb(database.db, join(osvDir, 'osv-GHSA-77rv-6vfw-x4gc.json'))
    expect(updated.ok && updated.value).toMatchObject({ records: 1, inserted: 0, updated: 1 })
    const view = await getVulnerability(database.db, 'GHSA-77rv-6vfw-x4gc')
    expect(view.ok && view.value.id).toBe('CVE-2019-3778')
    expect(view.ok && view.value.aliases).toEqual(['GHSA-77rv-6vfw-x4gc'])
    const lower = await getVulnerability(database.db, 'cve-2019-3778')
    expect(lower.ok && lower.value.statements.map((s) => s.sourceId)).toEqual(['GHSA-77rv-6vfw-x4gc'])
    // A single file is named by itself: the server's folders do not reach the tenants who read the statement.
    expect(lower.ok && lower.value.statements[0]?.origin).toBe('osv-GHSA-77rv-6vfw-x4gc.json')
  })

  it('imports NVD pages and KEV, and shows each source with KEV flag and recomputed CVSS', async () => {
    const nvd = await importKb(database.db, nvdDir)
    expect(nvd.ok && nvd.value).toMatchObject({ documents: 23, inserted: 23 })
    const kev = await importKb(database.db, kevFile)
    expect(kev.ok && kev.value).toMatchObject({ kev: 1404 })
    const view = await getVulnerability(database.db, 'CVE-2023-4863')
    if (!view.ok) throw new Error(view.error.message)
    expect(view.value.kev?.dateAdded).toBe('2023-09-13')
    expect(view.value.cvss).toContainEqual(expect.objectContaining({ source: 'nvd', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', baseScore: 8.8, publishedScore: 8.8, severity: 'High' }))
    expect(view.value.statements[0]?.origin).toContain('CVE-2023-4863.json')
  })

  it('fails a source that yields problems and not one record, and records the import as failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-broken-'))
    const truncated = join(dir, 'truncated-osv.json')
    writeFileSync(truncated, '{"id":"GHSA-xxxx-xxxx-xxxx","affected":[')
    const result = await importKb(database.db, truncated, { kind: 'osv' })
    expect(result.ok ? 'ok' : result.error.code).toBe('kb_nothing_imported')
    expect(result.ok ? null : result.error.details).toMatchObject({ records: 0, problems: 1 })
    const stats = await kbStats(database.db)
    const row = stats.ok ? stats.value.imports.find((i) => i.location === truncated) : undefined
    expect(row).toMatchObject({ status: 'failed' })
    expect(row?.error).toContain('truncated-osv.json')
    // A source with nothing in it and nothing wrong is an empty import, not a failure.
    const empty = join(dir, 'empty-directory')
    mkdirSync(empty)
    const nothing = await importKb(database.db, empty)
    expect(nothing.ok && nothing.value).toMatchObject({ records: 0, problems: 0 })
  })

  it('searches by id, alias and package name, paged', async () => {
    const byId = await searchVulnerabilities(database.db, 'CVE-2023-4863', { limit: 10, offset: 0 })
    expect(byId.ok && byId.value.items.map((i) => [i.id, i.kev])).toEqual([['CVE-2023-4863', true]])
    const byPackage = await searchVulnerabilities(database.db, 'spring-security-oauth', { limit: 10, offset: 0 })
    expect(byPackage.ok && byPackage.value.items.map((i) => i.id).sort()).toEqual(['CVE-2019-3778', 'GSD-2022-1000008'])
    const byCpe = await searchVulnerabilities(database.db, 'google:chrome', { limit: 10, offset: 0 })
    expect(byCpe.ok && byCpe.value.items.map((i) => i.id)).toEqual(['CVE-2023-4863'])
    const paged = await searchVulnerabilities(database.db, '', { limit: 5, offset: 5 })
    expect(paged.ok && [paged.value.total, paged.value.items.length]).toEqual([31, 5])
  })

  it('matches components against the stored knowledge base', async () => {
    const report = await matchAgainstKb(database.db, [
      { ref: 'a', name: 'spring-security-oauth', version: '2.0.16', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.16' },
      { ref: 'b', name: 'spring-security-oauth', version: '2.0.17', purl: 'pkg:maven/org.springframework.security.oauth/spring-security-oauth@2.0.17' },
      { ref: 'c', name: 'chrome', version: '116.0.5845.180', cpe: 'cpe:2.3:a:google:chrome:116.0.5845.180:*:*:*:*:*:*:*' },
    ])
    if (!report.ok) throw new Error('match failed')
    expect(report.value.findings.map((f) => [f.component.ref, f.kind, f.vulnerabilityId, f.confidence, f.kev !== null])).toEqual([
      ['a', 'purl', 'CVE-2019-3778', 'high', false],
      ['a', 'purl', 'GSD-2022-1000008', 'high', false],
      ['c', 'cpe', 'CVE-2023-4863', 'high', true],
    ])
  })

  it('resumes an interrupted import where its last committed batch ended', async () => {
    const resumable = await openTestDatabase(engine)
    try {
      const crashed = await importKb(resumable.db, nvdDir, {
        batchSize: 5,
        afterBatch: (n) => {
          if (n === 2) throw new Error('simulated crash')
        },
      })
      expect(crashed.ok).toBe(false)
      expect((await kbStats(resumable.db)).ok && ((await kbStats(resumable.db)) as { value: { statements: Record<string, number> } }).value.statements).toEqual({ nvd: 10 })
      const resumed = await importKb(resumable.db, nvdDir, { batchSize: 5 })
      expect(resumed.ok && resumed.value).toMatchObject({ resumedSkipped: 10, inserted: 13, unchanged: 0 })
      const stats = await kbStats(resumable.db)
      expect(stats.ok && stats.value.statements).toEqual({ nvd: 23 })
      expect(stats.ok && stats.value.imports[0]?.status).toBe('completed')
    } finally {
      await resumable.close()
    }
  })

  it('reads a ZIP of an ecosystem export, a gzip-free EPSS CSV, and an offline bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-test-'))
    const zip = join(dir, 'Maven.zip')
    writeZip(zip, readdirSync(osvDir).map((name) => ({ name, data: readFileSync(join(osvDir, name)) })))
    const epss = join(dir, 'epss_scores.csv')
    writeFileSync(epss, '#model_version:v2023.03.01,score_date:2023-09-20T00:00:00+0000\ncve,epss,percentile\nCVE-2023-4863,0.41,0.97\nCVE-2019-3778,0.02,0.80\n')
    const fresh = await openTestDatabase(engine)
    const copy = await openTestDatabase(engine)
    try {
      const zipped = await importKb(fresh.db, zip)
      expect(zipped.ok && zipped.value).toMatchObject({ documents: 10, inserted: 8 })
      await importKb(fresh.db, join(osvDir, 'osv-GHSA-77rv-6vfw-x4gc.json'))
      const scored = await importKb(fresh.db, epss)
      expect(scored.ok && scored.value).toMatchObject({ epss: 2, problems: 0 })
      const view = await getVulnerability(fresh.db, 'CVE-2019-3778')
      expect(view.ok && view.value.epss).toEqual({ kind: 'epss', cveId: 'CVE-2019-3778', epss: 0.02, percentile: 0.8, scoreDate: '2023-09-20' })
      const bundle = join(dir, 'kb.jsonl.gz')
      const exported = await exportBundle(fresh.db, bundle)
      expect(exported).toMatchObject({ statements: 8, kev: 0, epss: 2 })
      const imported = await importKb(copy.db, bundle)
      expect(imported.ok && imported.value).toMatchObject({ inserted: 8, epss: 2, problems: 0 })
      const [a, b] = [await kbStats(fresh.db), await kbStats(copy.db)]
      expect(a.ok && b.ok && [b.value.vulnerabilities, b.value.aliases, b.value.statements]).toEqual(a.ok && [a.value.vulnerabilities, a.value.aliases, a.value.statements])
    } finally {
      await fresh.close()
      await copy.close()
    }
  })

  it('updates from an HTTP(S) URL incrementally with ETag and Last-Modified', async () => {
    const body = readFileSync(kevFile)
    const requests: { ifNoneMatch: string | undefined }[] = []
    const server: Server = createServer((req, res) => {
      requests.push({ ifNoneMatch: req.headers['if-none-match'] })
      if (req.url !== '/kev/known_exploited_vulnerabilities.json') return void res.writeHead(404).end()
      if (req.headers['if-none-match'] === '"kev-2025.08.25"') return void res.writeHead(304).end()
      res.writeHead(200, { 'content-type': 'application/json', etag: '"kev-2025.08.25"', 'last-modified': 'Mon, 25 Aug 2025 17:04:19 GMT' }).end(body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kev/known_exploited_vulnerabilities.json`
    const fresh = await openTestDatabase(engine)
    try {
      const first = await importKb(fresh.db, url)
      expect(first.ok && first.value).toMatchObject({ kev: 1404, notModified: false })
      const second = await importKb(fresh.db, url)
      expect(second.ok && second.value).toMatchObject({ kev: 0, notModified: true })
      expect(requests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"kev-2025.08.25"'])
      const missing = await importKb(fresh.db, url.replace('/kev/', '/nope/'))
      expect(missing.ok ? 'ok' : missing.error.code).toBe('kb_source_unreadable')
    } finally {
      await fresh.close()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
