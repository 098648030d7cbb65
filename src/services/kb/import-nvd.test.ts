import { readFileSync, readdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenDatabase } from '../../store/database.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { importNvdApi } from './import-nvd.js'
import { isNvdApiUrl, nvdWindows } from './nvd-api.js'

const nvdDir = testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0')
const DAY = 86_400_000
// After the newest lastModified of the suite's records (2026-06-17), so that only what a test changes is newer.
const T0 = new Date('2026-07-01T00:00:00.000Z')
const at = (days: number) => new Date(T0.getTime() + days * DAY)
/** A date as the importer sends it: extended ISO 8601 with an explicit offset. */
const nvd = (days: number) => at(days).toISOString().replace('Z', '+00:00')

interface Request {
  readonly startIndex: string | null
  readonly resultsPerPage: string | null
  readonly lastModStartDate: string | null
  readonly lastModEndDate: string | null
}

/** A local stand-in for the NVD CVE API 2.0 over the suite's 23 CVE records: paging, lastModified windows, its refusals. */
function nvdServer(records: Map<string, Record<string, unknown>>, requests: Request[], failWhen: { value: ((r: Request) => boolean) | null }): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const r: Request = {
      startIndex: url.searchParams.get('startIndex'),
      resultsPerPage: url.searchParams.get('resultsPerPage'),
      lastModStartDate: url.searchParams.get('lastModStartDate'),
      lastModEndDate: url.searchParams.get('lastModEndDate'),
    }
    requests.push(r)
    if (url.pathname !== '/rest/json/cves/2.0') return void res.writeHead(404).end()
    if (failWhen.value?.(r)) return void res.writeHead(503).end()
    let items = [...records.values()]
    if ((r.lastModStartDate === null) !== (r.lastModEndDate === null)) return void res.writeHead(404, { message: 'Both lastModStartDate and lastModEndDate are required' }).end()
    if (r.lastModStartDate !== null && r.lastModEndDate !== null) {
      const [start, end] = [Date.parse(r.lastModStartDate), Date.parse(r.lastModEndDate)]
      if (!(end > start) || end - start > 120 * DAY) return void res.writeHead(404, { message: 'The lastMod date range must not exceed 120 days' }).end()
      items = items.filter((cve) => {
        const modified = Date.parse(`${String(cve.lastModified)}Z`)
        return modified >= start && modified <= end
      })
    }
    const startIndex = Number(r.startIndex ?? 0)
    const perPage = Number(r.resultsPerPage ?? 2000)
    const page = items.slice(startIndex, startIndex + perPage)
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ resultsPerPage: page.length, startIndex, totalResults: items.length, format: 'NVD_CVE', version: '2.0', timestamp: '2025-01-01T00:00:00.000', vulnerabilities: page.map((cve) => ({ cve })) }))
  })
}

describe('NVD API windows', () => {
  it('recognises the CVE API and splits a range into windows of at most 120 days', () => {
    expect(isNvdApiUrl('https://services.nvd.nist.gov/rest/json/cves/2.0')).toBe(true)
    expect(isNvdApiUrl('https://services.nvd.nist.gov/rest/json/cves/2.0?resultsPerPage=10')).toBe(true)
    expect(isNvdApiUrl('https://example.org/feeds/nvdcve-2.0-modified.json.gz')).toBe(false)
    expect(isNvdApiUrl('/rest/json/cves/2.0')).toBe(false)
    const windows = nvdWindows(T0, at(300))
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      [T0.toISOString(), at(120).toISOString()],
      [at(120).toISOString(), at(240).toISOString()],
      [at(240).toISOString(), at(300).toISOString()],
    ])
    expect(nvdWindows(T0, T0)).toEqual([])
  })
})

describe.each(testEngines)('incremental NVD API import (%s)', (engine) => {
  let database: OpenDatabase
  let server: Server
  let base: string
  const records = new Map<string, Record<string, unknown>>()
  const requests: Request[] = []
  const failWhen: { value: ((r: Request) => boolean) | null } = { value: null }

  beforeAll(async () => {
    for (const name of readdirSync(nvdDir).sort()) {
      const page = JSON.parse(readFileSync(join(nvdDir, name), 'utf8')) as { vulnerabilities: { cve: Record<string, unknown> }[] }
      for (const v of page.vulnerabilities) records.set(String(v.cve.id), v.cve)
    }
    server = nvdServer(records, requests, failWhen)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rest/json/cves/2.0?resultsPerPage=10`
    database = await openTestDatabase(engine)
  })
  afterAll(async () => {
    await database?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('pages the whole API on the first import and remembers when it ran', async () => {
    expect(records.size).toBe(23)
    const first = await importNvdApi(database.db, base, { now: T0 })
    expect(first.ok && first.value).toMatchObject({ windows: 0, records: 23, inserted: 23, through: T0.toISOString() })
    expect(requests.map((r) => [r.startIndex, r.resultsPerPage, r.lastModStartDate])).toEqual([['0', '10', null], ['10', '10', null], ['20', '10', null]])
    const state = await kbRepository.importState(database.db, base)
    expect(state).toMatchObject({ status: 'completed', lastModified: T0.toISOString() })
  })

  it('then asks only for what changed since, in windows of at most 120 days', async () => {
    requests.length = 0
    const changed = records.get('CVE-2024-3094')!
    records.set('CVE-2024-3094', { ...changed, lastModified: at(130).toISOString().replace('Z', '') })
    const second = await importNvdApi(database.db, base, { now: at(300) })
    expect(second.ok && second.value).toMatchObject({ windows: 3, records: 1, updated: 1, inserted: 0, through: at(300).toISOString() })
    expect(requests.map((r) => [r.lastModStartDate, r.lastModEndDate, r.startIndex])).toEqual([
      ['2026-07-01T00:00:00.000+00:00', nvd(120), '0'],
      [nvd(120), nvd(240), '0'],
      [nvd(240), nvd(300), '0'],
    ])
    // Only the base URL keeps an import row: it says where the next import starts.
    const rows = await database.db.selectFrom('kb_imports').select(['location', 'status', 'last_modified']).execute()
    expect(rows).toEqual([{ location: base, status: 'completed', last_modified: at(300).toISOString() }])
  })

  it('resumes after a failed window from the end of the last finished one', async () => {
    requests.length = 0
    failWhen.value = (r) => r.lastModStartDate === nvd(420)
    const failed = await importNvdApi(database.db, base, { now: at(550) })
    expect(failed.ok ? 'ok' : failed.error.code).toBe('kb_source_unreadable')
    expect(await kbRepository.importState(database.db, base)).toMatchObject({ status: 'failed', lastModified: at(420).toISOString() })
    failWhen.value = null
    requests.length = 0
    const resumed = await importNvdApi(database.db, base, { now: at(550) })
    expect(resumed.ok && resumed.value).toMatchObject({ windows: 2, through: at(550).toISOString() })
    expect(requests.map((r) => r.lastModStartDate)).toEqual([nvd(420), nvd(540)])
    expect(requests.every((r) => Date.parse(r.lastModEndDate!) - Date.parse(r.lastModStartDate!) <= 120 * DAY)).toBe(true)
  })
})
