import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { scoreCvssAllGroups } from './score.js'

// cvss_vectors_expected_scores.csv: the Red Hat cvss test vectors of all four versions in one table.
// Columns: cvss_version, vector, expected_base, expected_temporal_or_threat, expected_environmental,
// expected_v4_score, source_file. Empty expected cells are not checked; v4 rows carry only the overall score.
const rows = readFileSync(testdataPath('cvss', 'cvss_vectors_expected_scores.csv'), 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => line.split(','))

describe('CVSS expected-scores suite', () => {
  it('reads all 7,667 vectors', () => {
    expect(rows).toHaveLength(7667)
    const perVersion = Object.fromEntries(['2.0', '3.0', '3.1', '4.0'].map((v) => [v, rows.filter((r) => r[0] === v).length]))
    expect(perVersion).toEqual({ '2.0': 758, '3.0': 2623, '3.1': 2592, '4.0': 1694 })
  })

  it('scores every vector as expected (100%)', () => {
    const failures: string[] = []
    let checks = 0
    for (const [version, vector, base, temporal, environmental, v4, source] of rows) {
      const result = scoreCvssAllGroups(vector!)
      if (!result.ok) {
        failures.push(`${source} ${vector}: rejected (${result.error.code}: ${result.error.message})`)
        continue
      }
      const got = result.value
      const expected: [string, number, string | undefined][] = [
        ['version', got.version === version ? 1 : 0, '1'],
        ['base', got.base, base],
        ['temporal', got.temporalOrThreat, temporal],
        ['environmental', got.environmental, environmental],
        ['v4 score', got.environmental, v4],
      ]
      for (const [what, value, want] of expected) {
        if (want === undefined || want === '') continue
        checks++
        if (value !== Number(want)) failures.push(`${source} ${vector}: ${what} ${value}, expected ${want}`)
      }
    }
    expect(failures, `${failures.length} failure(s):\n${failures.join('\n')}`).toEqual([])
    expect(checks).toBeGreaterThan(7667 * 2)
  })
})
