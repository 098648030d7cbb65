import { describe, expect, it } from 'vitest'
import { cvssDefinitions, parseCvssVector } from '../domain/cvss/index.js'
import { missingMandatory, vectorOf, versionOfText } from './scoring.js'

describe('the calculator selection <-> vector mapping', () => {
  it('spells every value of every metric of every version as a vector the domain parses back to the same selection', () => {
    const failures: string[] = []
    let checked = 0
    for (const definition of Object.values(cvssDefinitions)) {
      const mandatory = Object.fromEntries(definition.metrics.filter((m) => m.mandatory).map((m) => [m.key, m.values[0]!.code]))
      for (const metric of definition.metrics) {
        for (const value of metric.values) {
          const selection = { ...mandatory, [metric.key]: value.code }
          const vector = vectorOf(definition, selection)
          const parsed = parseCvssVector(vector)
          checked++
          const wanted = value.code === metric.notDefined ? undefined : value.code
          if (!parsed.ok) failures.push(`${vector}: ${parsed.error.message}`)
          else if (parsed.value.version !== definition.version || parsed.value.metrics[metric.key] !== wanted || vectorOf(definition, parsed.value.metrics) !== vector) {
            failures.push(`${vector}: read back as ${JSON.stringify(parsed.value)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBeGreaterThan(200)
  })

  it('names the missing mandatory metrics and the version a typed prefix claims', () => {
    expect(missingMandatory(cvssDefinitions['3.1'], { AV: 'N', S: 'U' })).toEqual(['AC', 'PR', 'UI', 'C', 'I', 'A'])
    expect(vectorOf(cvssDefinitions['3.1'], { AV: 'N', E: 'X' })).toBe('CVSS:3.1/AV:N')
    expect(['CVSS:4.0/AV:N', 'CVSS:3.0/', 'AV:N/AC:L', 'CVSS:9.9/AV:N'].map(versionOfText)).toEqual(['4.0', '3.0', '2.0', undefined])
  })
})
