import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { validateCsaf } from './validate.js'

interface SuiteCase {
  readonly name: string
  readonly valid: boolean
}

interface SuiteTest {
  readonly id: string
  readonly group: 'mandatory' | 'optional' | 'informative'
  readonly failures?: readonly SuiteCase[]
  readonly valid?: readonly SuiteCase[]
}

/** Tests that need an outside service (network or a spell checker); their cases are skipped, not passed. */
const needsOutsideService: Readonly<Record<string, string>> = {
  '6.3.6': 'resolving non-self-referencing URLs needs the network',
  '6.3.7': 'resolving self-referencing URLs needs the network',
  '6.3.8': 'spell checking needs hunspell and its dictionaries',
}

/**
 * Documents whose expected verdict contradicts another case of the suite. Both list the same hash algorithm twice in
 * one file_hashes array, exactly what mandatory case 6-1-25-01 marks invalid (6.1.25 Multiple Use of Same Hash
 * Algorithm); yet they are marked valid. We keep 6.1.25: their only errors must be 6.1.25 findings.
 */
const contradictions: Readonly<Record<string, string>> = {
  'optional/oasis_csaf_tc-csaf_2_0-2021-6-2-08-02.json': '6.1.25',
  'optional/oasis_csaf_tc-csaf_2_0-2021-6-2-09-02.json': '6.1.25',
}

const dataDir = testdataPath('csaf-oasis/csaf_2.0/test/validator/data')
const suite = JSON.parse(readFileSync(join(dataDir, 'testcases.json'), 'utf8')) as { tests: SuiteTest[] }

describe('OASIS CSAF 2.0 validator test suite (testcases.json)', () => {
  it('gives the expected verdict for every test each document lists', () => {
    const failures: string[] = []
    let checked = 0
    let skipped = 0
    let failedCases = 0
    let exceptions = 0
    for (const test of suite.tests) {
      const cases = [...(test.failures ?? []).map((c) => ({ ...c, triggers: true })), ...(test.valid ?? []).map((c) => ({ ...c, triggers: false }))]
      if (needsOutsideService[test.id] !== undefined) {
        skipped += cases.length
        continue
      }
      for (const testCase of cases) {
        checked++
        const failuresBefore = failures.length
        const doc: unknown = JSON.parse(readFileSync(join(dataDir, testCase.name), 'utf8'))
        const report = validateCsaf(doc)
        const findings = [...report.errors, ...report.warnings, ...report.infos].filter((f) => f.test === test.id)
        const where = `${test.id} ${testCase.name}`
        if (testCase.triggers && findings.length === 0) failures.push(`${where}: test ${test.id} did not report`)
        if (!testCase.triggers && findings.length > 0) failures.push(`${where}: unexpected ${JSON.stringify(findings)}`)
        const contradicted = contradictions[testCase.name]
        if (contradicted !== undefined) {
          exceptions++
          if (report.valid || report.errors.some((e) => e.test !== contradicted)) failures.push(`${where}: expected only ${contradicted} errors`)
        } else if (report.valid !== testCase.valid) {
          failures.push(`${where}: valid=${report.valid}, expected ${testCase.valid}: ${JSON.stringify(report.errors.slice(0, 3))}`)
        }
        if (failures.length > failuresBefore) failedCases++
      }
    }
    console.log(`OASIS CSAF 2.0 suite: ${checked - failedCases}/${checked} cases passed (${exceptions} of them documented exceptions), ${skipped} skipped (outside services)`)
    expect(failures, failures.join('\n')).toEqual([])
    expect(checked).toBe(230)
    expect(skipped).toBe(9)
    expect(exceptions).toBe(2)
  })
})
