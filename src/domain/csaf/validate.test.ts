import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { csafFileName } from './filename.js'
import type { CsafReport } from './types.js'
import { csafTests, maxNestingDepth, validateCsaf } from './validate.js'

const examples = testdataPath('csaf-oasis/csaf_2.0/examples/csaf')
const exampleFiles = [
  ...readdirSync(examples).filter((f) => f.endsWith('.json')),
  ...readdirSync(join(examples, 'csaf_vex')).filter((f) => f.endsWith('.json')).map((f) => `csaf_vex/${f}`),
]

describe('validateCsaf', () => {
  it('accepts every OASIS CSAF 2.0 example', () => {
    const invalid = exampleFiles.flatMap((file) => {
      const report = validateCsaf(JSON.parse(readFileSync(join(examples, file), 'utf8')))
      return report.valid ? [] : [`${file}: ${JSON.stringify(report.errors.slice(0, 3))}`]
    })
    expect(exampleFiles.length).toBe(19)
    expect(invalid, invalid.join('\n')).toEqual([])
  })

  it('never throws and reports bad input as schema errors', () => {
    const inputs: unknown[] = [null, 42, 'text', [], {}, { document: [] }, { document: { tracking: { revision_history: [null, 1, { number: 5 }] } } },
      { product_tree: { branches: [{ branches: 'x' }, null] }, vulnerabilities: [{ scores: [{ cvss_v3: { vectorString: 'CVSS:3.1/AV:Z' } }] }] }]
    for (const input of inputs) {
      const report = validateCsaf(input)
      expect(report.valid).toBe(false)
      expect(report.errors.some((e) => e.test === 'schema')).toBe(true)
      expect(report.errors.every((e) => !e.message.startsWith('test failed to run'))).toBe(true)
    }
  })

  it('survives deeply nested branches', () => {
    let branch: Record<string, unknown> = { name: 'leaf', category: 'product_version', product: { name: 'p', product_id: 'P' } }
    for (let i = 0; i < 5000; i++) branch = { name: `n${i}`, category: 'vendor', branches: [branch] }
    const report = validateCsaf({ product_tree: { branches: [branch] } })
    expect(report.valid).toBe(false)
  })

  it('reports every schema error, not only the first that settles the verdict', () => {
    const doc = JSON.parse(readFileSync(join(examples, 'csaf_vex/2022-evd-uc-01-a-001.json'), 'utf8'))
    delete doc.document.title
    doc.document.tracking.status = 'published'
    doc.vulnerabilities[0].cve = 42
    const paths = validateCsaf(doc, { level: 'basic' }).errors.filter((e) => e.test === 'schema').map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['/document', '/document/tracking/status', '/vulnerabilities/0/cve']))
  })

  it('refuses nesting deeper than maxNestingDepth before any check, and only then', () => {
    const nested = (levels: number) => {
      let value: Record<string, unknown> = {}
      for (let i = 0; i < levels; i++) value = { inner: value }
      return value
    }
    const refused = (report: CsafReport) => report.errors.some((e) => e.message.includes('nests deeper'))
    expect(refused(validateCsaf(nested(maxNestingDepth)))).toBe(false)
    expect(refused(validateCsaf(nested(maxNestingDepth + 1)))).toBe(true)
    expect(refused(validateCsaf({ document: [nested(maxNestingDepth)] }))).toBe(true)
  })

  it('names the test, the JSON pointer and a message for each finding', () => {
    const doc = JSON.parse(readFileSync(join(examples, 'csaf_vex/2022-evd-uc-01-a-001.json'), 'utf8'))
    doc.vulnerabilities[0].product_status.known_affected.push('CSAFPID-UNKNOWN')
    const report = validateCsaf(doc, { level: 'basic' })
    expect(report.valid).toBe(false)
    expect(report.errors).toContainEqual(expect.objectContaining({ test: '6.1.1', path: expect.stringMatching(/^\/vulnerabilities\/0\/product_status\/known_affected\/\d+$/) }))
    expect(report.warnings).toEqual([])
    expect(report.infos).toEqual([])
  })

  it('lists 42 mandatory tests (6.1.8 runs inside the schema check), 20 optional and 8 offline informative', () => {
    const count = (group: string) => csafTests.filter((t) => t.group === group).length
    expect([count('mandatory'), count('optional'), count('informative')]).toEqual([42, 20, 8])
  })

  it('derives file names per §5.1', () => {
    expect(csafFileName('2022_#01-A')).toBe('2022_01-a.json')
    expect(csafFileName('RHSA-2019:1862')).toBe('rhsa-2019_1862.json')
  })
})

describe('validateCsaf: the mandatory tests in one pass', () => {
  const dataDir = testdataPath('csaf-oasis/csaf_2.0/test/validator/data')
  const suiteFiles = ['mandatory', 'optional', 'informative'].flatMap((group) =>
    readdirSync(join(dataDir, group)).filter((f) => f.endsWith('.json')).map((f) => join(dataDir, group, f)))
  const documents = [...suiteFiles, ...exampleFiles.map((f) => join(examples, f))].map((file) => ({ file, doc: JSON.parse(readFileSync(file, 'utf8')) as unknown }))
  // With `only` naming every test, each test runs alone (the path the one-pass run falls back to).
  const everyTest = csafTests.map((test) => test.id)

  it('gives the findings of the tests run one by one, in the same order, at every level', () => {
    const differences: string[] = []
    for (const { file, doc } of documents) {
      for (const level of ['basic', 'extended', 'full'] as const) {
        const onePass = JSON.stringify(validateCsaf(doc, { level }))
        const oneByOne = JSON.stringify(validateCsaf(doc, { level, only: everyTest }))
        if (onePass !== oneByOne) differences.push(`${file} (${level})`)
      }
    }
    expect(documents.length).toBe(258)
    expect(differences, differences.slice(0, 10).join('\n')).toEqual([])
  })

  it('falls back to one test at a time when a test throws, so the failure names its test', () => {
    const doc = JSON.parse(readFileSync(join(examples, 'csaf_vex/2022-evd-uc-01-a-001.json'), 'utf8'))
    doc.vulnerabilities[0].product_status.known_affected.push('CSAFPID-UNKNOWN')
    // Not JSON: a property that throws when a mandatory test reads it (the nesting guard and the schema check do not
    // enumerate it or do not see it from there).
    Object.defineProperty(doc.document, 'lang', {
      enumerable: false,
      get() {
        if (new Error().stack?.includes('mandatory-tests')) throw new Error('boom')
        return 'en'
      },
    })
    const report = validateCsaf(doc, { level: 'basic' })
    expect(report.errors).toContainEqual({ test: '6.1.12', path: '/', message: 'test failed to run: boom' })
    expect(report.errors.map((e) => e.test)).toContain('6.1.1')
    expect(report).toEqual(validateCsaf(doc, { level: 'basic', only: everyTest }))
  })
})

describe('validateCsaf on an edited document', () => {
  it('judges the document as it is now, not as it was at an earlier validation', () => {
    const doc = JSON.parse(readFileSync(join(examples, 'csaf_vex/2022-evd-uc-01-a-001.json'), 'utf8'))
    expect(validateCsaf(doc, { level: 'basic' }).valid).toBe(true)
    doc.vulnerabilities[0].product_status.known_affected.push('CSAFPID-UNKNOWN')
    expect(validateCsaf(doc, { level: 'basic' }).errors.map((e) => e.test)).toContain('6.1.1')
  })
})
