import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { KbRecord } from '../../domain/kb/index.js'
import type { Problem } from '../../domain/result.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { documentRecords } from './import-kb.js'
import { openSource } from './sources.js'

const osvDir = testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')
const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-stream-'))
const osvArray = join(dir, 'osv-export.json')
writeFileSync(osvArray, `[${readdirSync(osvDir).map((f) => readFileSync(join(osvDir, f), 'utf8')).join(',')}]`)
const nvdGzip = join(dir, 'nvdcve-1.1.json.gz')
writeFileSync(nvdGzip, gzipSync(readFileSync(testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json'))))

async function read(location: string, streamAbove: number): Promise<{ records: KbRecord[]; problems: Problem[] }> {
  const listing = await openSource(location)
  const records: KbRecord[] = []
  const problems: Problem[] = []
  for (const document of listing.documents) for await (const r of documentRecords(document, undefined, problems, { streamAbove })) records.push(r)
  return { records, problems }
}

describe('reading large JSON feeds record by record', () => {
  // Each file: read whole (JSON.parse) and record by record must give the same records and problems.
  const files: { name: string; path: string; records: number }[] = [
    { name: 'NVD 1.1 feed, gzip', path: nvdGzip, records: 669 },
    { name: 'NVD 2.0 pages', path: testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0'), records: 23 },
    { name: 'OSV export as one array', path: osvArray, records: 10 },
    { name: 'KEV catalog (read whole: not a record-by-record feed)', path: testdataPath('cisa-kev/known_exploited_vulnerabilities.json'), records: 1404 },
    { name: 'CSAF advisory (read whole)', path: testdataPath('csaf-oasis/csaf_2.0/examples/csaf/csaf_vex/2022-evd-uc-06-001.json'), records: 1 },
  ]

  it('gives the same records and problems as parsing the whole file', async () => {
    const failures: string[] = []
    for (const file of files) {
      const whole = await read(file.path, Number.MAX_SAFE_INTEGER)
      const streamed = await read(file.path, 0)
      if (whole.records.length !== file.records) failures.push(`${file.name}: ${whole.records.length} records read whole, expected ${file.records}`)
      if (JSON.stringify(streamed.records) !== JSON.stringify(whole.records)) failures.push(`${file.name}: ${streamed.records.length} streamed records differ from ${whole.records.length} read whole`)
      if (JSON.stringify(streamed.problems) !== JSON.stringify(whole.problems)) failures.push(`${file.name}: problems differ`)
    }
    expect(failures, failures.join('\n')).toEqual([])
    expect(files.length).toBe(5)
  })

  it('reports a record array that turns out to hold something else, keeping the records before it', async () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"format":"NVD_CVE","version":"2.0","vulnerabilities":[{"cve":{"id":"CVE-2099-0001","sourceIdentifier":"x"}},42]}')
    const { records, problems } = await read(broken, 0)
    expect(records.map((r) => (r.kind === 'statement' ? r.sourceId : r.kind))).toEqual(['CVE-2099-0001'])
    expect(problems.map((p) => p.code)).toEqual(['kb_document_invalid'])
  })
})
