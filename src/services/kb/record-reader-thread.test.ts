import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Problem } from '../../domain/result.js'
import type { OpenDatabase } from '../../store/database.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { openTestDatabase, testEngines } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { documentRecords, importKb } from './import-kb.js'
import { prepareRecord } from './prepared-record.js'
import type { PreparedRecord } from './prepared-record.js'
import { RecordReaderThread } from './record-reader-thread.js'
import { openSource } from './sources.js'

const osvDir = testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')
const dir = mkdtempSync(join(tmpdir(), 'medsec-kb-thread-'))
const osvArray = join(dir, 'osv-export.json')
writeFileSync(osvArray, `[${readdirSync(osvDir).map((f) => readFileSync(join(osvDir, f), 'utf8')).join(',')}]`)
const nvdGzip = join(dir, 'nvdcve-1.1.json.gz')
writeFileSync(nvdGzip, gzipSync(readFileSync(testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json'))))
const broken = join(dir, 'broken.json')
writeFileSync(broken, '{"format":"NVD_CVE","version":"2.0","vulnerabilities":[{"cve":{"id":"CVE-2099-0001","sourceIdentifier":"x"}},42]}')

interface Read {
  readonly records: PreparedRecord[]
  readonly problems: Problem[]
  readonly outcomes: string[]
}

/** Every document of a location read in this thread (whole when the thread would answer 'whole'), prepared. */
async function readHere(location: string): Promise<Read> {
  const listing = await openSource(location)
  const out: Read = { records: [], problems: [], outcomes: [] }
  for (const document of listing.documents) for await (const r of documentRecords(document, undefined, out.problems, { streamAbove: 0 })) out.records.push(prepareRecord(r))
  return out
}

/** The text in pieces of at most 4,096 characters, so that the fixtures, small as they are, stream in many pieces. */
async function* pieces(text: AsyncIterable<string>): AsyncIterable<string> {
  for await (const chunk of text) for (let i = 0; i < chunk.length; i += 4096) yield chunk.slice(i, i + 4096)
}

/** Every document of a location read by the reader thread; documents it answers 'whole' for are read whole here. */
async function readThere(thread: RecordReaderThread, location: string): Promise<Read> {
  const listing = await openSource(location)
  const out: Read = { records: [], problems: [], outcomes: [] }
  for (const document of listing.documents) {
    if (document.kind !== 'json' || !document.text) throw new Error(`${document.name}: not a JSON file`)
    const read = thread.read(document.name, undefined, pieces(document.text()), out.problems)
    for (;;) {
      const next = await read.next()
      if (next.done) {
        out.outcomes.push(next.value)
        if (next.value === 'whole') for await (const r of documentRecords(document, undefined, out.problems, { streamAbove: Infinity })) out.records.push(prepareRecord(r))
        break
      }
      out.records.push(next.value)
    }
  }
  return out
}

describe('the reader thread', () => {
  let thread: RecordReaderThread | null
  beforeAll(async () => {
    thread = await RecordReaderThread.start()
  })
  afterAll(async () => {
    await thread?.close()
  })

  // Each file: the thread's prepared records and problems must equal those read and prepared in this thread.
  const files: { name: string; path: string; records: number; outcomes: string[] }[] = [
    { name: 'NVD 1.1 feed, gzip', path: nvdGzip, records: 669, outcomes: ['done'] },
    // One CVE per page: its record ends in the piece that ends the document, so the kind is not known before the
    // end and the page is read whole (as in the importing thread).
    { name: 'NVD 2.0 pages', path: testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0'), records: 23, outcomes: Array<string>(23).fill('whole') },
    { name: 'OSV export as one array', path: osvArray, records: 10, outcomes: ['done'] },
    { name: 'KEV catalog (read whole)', path: testdataPath('cisa-kev/known_exploited_vulnerabilities.json'), records: 1404, outcomes: ['whole'] },
    { name: 'CSAF advisory (read whole)', path: testdataPath('csaf-oasis/csaf_2.0/examples/csaf/csaf_vex/2022-evd-uc-06-001.json'), records: 1, outcomes: ['whole'] },
    { name: 'a record array that turns out to hold something else', path: broken, records: 1, outcomes: ['done'] },
  ]

  it('starts, and prepares the same records and problems as this thread', async () => {
    if (!thread) throw new Error('the reader thread did not start')
    const failures: string[] = []
    for (const file of files) {
      const here = await readHere(file.path)
      const there = await readThere(thread, file.path)
      if (here.records.length !== file.records) failures.push(`${file.name}: ${here.records.length} records read here, expected ${file.records}`)
      if (JSON.stringify(there.records) !== JSON.stringify(here.records)) failures.push(`${file.name}: ${there.records.length} records from the thread differ from ${here.records.length} read here`)
      if (JSON.stringify(there.problems) !== JSON.stringify(here.problems)) failures.push(`${file.name}: problems differ: ${JSON.stringify(there.problems)} vs ${JSON.stringify(here.problems)}`)
      if (JSON.stringify(there.outcomes) !== JSON.stringify(file.outcomes)) failures.push(`${file.name}: outcomes ${there.outcomes.join(',')}, expected ${file.outcomes.join(',')}`)
    }
    expect(failures, failures.join('\n')).toEqual([])
    expect(files.length).toBe(6)
  })
})

describe.each(testEngines)('import with and without the reader thread (%s)', (engine) => {
  let threaded: OpenDatabase
  let inline: OpenDatabase
  beforeAll(async () => {
    threaded = await openTestDatabase(engine)
    inline = await openTestDatabase(engine)
  })
  afterAll(async () => {
    await threaded?.close()
    await inline?.close()
  })

  const contents = async (database: OpenDatabase) => {
    const statements: unknown[] = []
    for await (const s of kbRepository.allStatements(database.db)) statements.push([s.vulnerabilityId, s.statement])
    const keys = await database.db.selectFrom('kb_package_keys').select(['package_key', 'source', 'source_id']).orderBy('package_key').orderBy('source').orderBy('source_id').execute()
    const aliases = await database.db.selectFrom('kb_aliases').select(['alias', 'vulnerability_id']).orderBy('alias').execute()
    return { statements, keys, aliases, stats: await kbRepository.stats(database.db) }
  }

  it('stores the same statements, aliases and search keys, with the same counts, in small batches', async () => {
    const counts = []
    // The OSV directory holds the records of the array again, from other files: their origin changes (8 updated).
    for (const location of [nvdGzip, osvArray, osvDir]) {
      const withThread = await importKb(threaded.db, location, { streamAbove: 0, threadAbove: 0, batchSize: 50 })
      const withoutThread = await importKb(inline.db, location, { streamAbove: 0, threadAbove: 0, batchSize: 50, readerThread: false })
      if (!withThread.ok || !withoutThread.ok) throw new Error('an import failed')
      const { seconds: _a, ...a } = withThread.value
      const { seconds: _b, ...b } = withoutThread.value
      expect(a).toEqual({ ...b, location })
      counts.push([a.records, a.inserted, a.updated, a.unchanged])
    }
    expect(counts).toEqual([[669, 669, 0, 0], [10, 8, 0, 2], [10, 0, 8, 2]])
    const a = await contents(threaded)
    const b = await contents(inline)
    expect(a.statements.length).toBe(677)
    expect(a.keys.length).toBe(523)
    expect(a).toEqual(b)
  })

  it('resumes an import through the thread after a crash, where its last committed batch ended', async () => {
    const resumable = await openTestDatabase(engine)
    try {
      const crashed = await importKb(resumable.db, nvdGzip, {
        threadAbove: 0,
        batchSize: 100,
        afterBatch: (n) => {
          if (n === 3) throw new Error('simulated crash')
        },
      })
      expect(crashed.ok).toBe(false)
      expect((await kbRepository.stats(resumable.db)).statements).toEqual({ nvd: 300 })
      const resumed = await importKb(resumable.db, nvdGzip, { threadAbove: 0, batchSize: 100 })
      expect(resumed.ok && resumed.value).toMatchObject({ records: 669, resumedSkipped: 300, inserted: 369, unchanged: 0 })
      expect((await kbRepository.stats(resumable.db)).statements).toEqual({ nvd: 669 })
    } finally {
      await resumable.close()
    }
  })
})
