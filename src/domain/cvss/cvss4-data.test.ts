import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { macrovectorScores, maxComposed, maxSeverity } from './cvss4-data.js'

const shared = (name: string): string => readFileSync(testdataPath('cvss', 'first-cvss-v4-calculator', name), 'utf8')

describe('generated CVSS v4.0 data module', () => {
  it('equals the FIRST macrovector lookup (JSON and CSV forms)', () => {
    const json = JSON.parse(shared('macrovector_lookup.json')) as Record<string, number>
    expect(Object.keys(macrovectorScores)).toHaveLength(270)
    expect(macrovectorScores).toEqual(json)
    const rows = shared('macrovector_lookup.csv').split(/\r?\n/).slice(1).filter((l) => l !== '')
    expect(rows).toHaveLength(270)
    const mismatches = rows.map((row) => row.split(',')).filter(([key, score]) => macrovectorScores[key!] !== Number(score))
    expect(mismatches, mismatches.join('\n')).toEqual([])
  })

  it('equals max_composed.json and max_severity.json', () => {
    expect(maxComposed).toEqual(JSON.parse(shared('max_composed.json')))
    expect(maxSeverity).toEqual(JSON.parse(shared('max_severity.json')))
  })
})
