import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { JsonRecordSplitter } from './json-stream.js'

const nvd11 = readFileSync(testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-1.1-test-data.json'), 'utf8')
const nvd20Dir = testdataPath('osv-dev/vulnfeeds/test_data/nvdcve-2.0')
const nvd20Pages = readdirSync(nvd20Dir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(join(nvd20Dir, f), 'utf8'))
const osvDir = testdataPath('dependency-track-fixtures/vuln-data-source/osv/src/test/resources')
const osvArray = `[${readdirSync(osvDir).map((f) => readFileSync(join(osvDir, f), 'utf8')).join(',\n')}]`

/** Feeds the text in pieces of the given size and returns the elements, the skeleton and the final state. */
function split(text: string, pieceSize: number): { elements: unknown[]; skeleton: string; splitter: JsonRecordSplitter } {
  const splitter = new JsonRecordSplitter()
  const elements: unknown[] = []
  for (let i = 0; i < text.length; i += pieceSize) for (const e of splitter.push(text.slice(i, i + pieceSize))) elements.push(JSON.parse(e))
  return { elements, skeleton: splitter.skeleton, splitter }
}

describe('JSON record splitter', () => {
  // Each document: its text, where its records are, and how many it holds.
  const documents: { name: string; text: string; key: string | null; records: number }[] = [
    { name: 'NVD 1.1 feed', text: nvd11, key: 'CVE_Items', records: 669 },
    { name: 'OSV array of the Dependency-Track fixtures', text: osvArray, key: null, records: 10 },
    ...nvd20Pages.map((text, i) => ({ name: `NVD 2.0 page ${i}`, text, key: 'vulnerabilities', records: 1 })),
  ]

  it('cuts out every record, in order, whatever the piece size, and keeps the skeleton', () => {
    const failures: string[] = []
    let checks = 0
    for (const doc of documents) {
      const whole = JSON.parse(doc.text) as unknown
      const records = doc.key === null ? (whole as unknown[]) : ((whole as Record<string, unknown[]>)[doc.key] as unknown[])
      const rest = doc.key === null ? [] : { ...(whole as Record<string, unknown>), [doc.key]: [] }
      for (const size of [1, 7, 4096, 1 << 20]) {
        checks++
        const { elements, skeleton, splitter } = split(doc.text, size)
        if (splitter.state !== 'after_records') failures.push(`${doc.name} @${size}: state ${splitter.state}`)
        if (splitter.recordsKey !== doc.key) failures.push(`${doc.name} @${size}: key ${String(splitter.recordsKey)}`)
        if (elements.length !== doc.records || JSON.stringify(elements) !== JSON.stringify(records)) failures.push(`${doc.name} @${size}: ${elements.length} records differ from JSON.parse`)
        if (JSON.stringify(JSON.parse(skeleton)) !== JSON.stringify(rest)) failures.push(`${doc.name} @${size}: skeleton differs`)
      }
    }
    expect(failures, failures.join('\n')).toEqual([])
    expect(checks).toBe(documents.length * 4)
    expect(documents.length).toBe(2 + nvd20Pages.length)
    expect(nvd20Pages.length).toBeGreaterThan(10)
  })

  it('handles strings with brackets, braces, quotes and escapes inside records and keys', () => {
    const text = '{"a\\"[":"]}{","vulnerabilities":[{"x":"}]\\\\","y":[{"z":"\\"{"}]},{"k":1}],"after":{"b":[1,2]}}'
    for (const size of [1, 2, 3, 5, 100]) {
      const { elements, skeleton } = split(text, size)
      expect(elements).toEqual([{ x: '}]\\', y: [{ z: '"{' }] }, { k: 1 }])
      expect(JSON.parse(skeleton)).toEqual({ 'a"[': ']}{', vulnerabilities: [], after: { b: [1, 2] } })
    }
  })

  it('gives up on documents it cannot split: scalar records, a skeleton past its limit', () => {
    const cases: { name: string; text: string; maxSkeleton?: number }[] = [
      { name: 'array of numbers', text: '[1,2,3]' },
      { name: 'array of strings under a record key', text: '{"vulnerabilities":["a","b"]}' },
      { name: 'a large object before any record array (a CSAF document)', text: `{"document":{"notes":"${'x'.repeat(2000)}"},"vulnerabilities":[{}]}`, maxSkeleton: 1000 },
    ]
    const failures = cases.filter((c) => {
      const splitter = new JsonRecordSplitter(c.maxSkeleton === undefined ? {} : { maxSkeleton: c.maxSkeleton })
      splitter.push(c.text)
      return splitter.state !== 'not_splittable'
    })
    expect(failures.map((c) => c.name)).toEqual([])
    expect(cases.length).toBe(3)
  })

  it('leaves a document without a record array before its records (a KEV catalog keeps its records as skeleton)', () => {
    const splitter = new JsonRecordSplitter()
    expect(splitter.push('{"title":"t","other":[{"a":1}]}')).toEqual([])
    expect(splitter.state).toBe('before_records')
    expect(JSON.parse(splitter.skeleton)).toEqual({ title: 't', other: [{ a: 1 }] })
  })
})
