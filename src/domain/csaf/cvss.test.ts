import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { metricSlot, parseCvssSlots, parseCvssVector, scoreCvss, scoreCvssText, slotValueEquals } from './cvss.js'
import type { CvssSlots } from './cvss.js'

const suiteVectors = readFileSync(testdataPath('cvss/cvss_vectors_expected_scores.csv'), 'utf8').trim().split('\n').slice(1)
  .map((row) => row.split(',')[1] ?? '')

// Broken and reshaped copies of a vector: a character dropped, a line break or a slash put in, a part repeated or
// dropped, the prefix changed.
function variantsOf(vector: string): string[] {
  const parts = vector.split('/')
  const at = vector.length >> 1
  return [
    vector,
    vector.slice(0, at) + vector.slice(at + 1),
    `${vector.slice(0, at)}\n${vector.slice(at)}`,
    `${vector}\u2028`,
    `${vector}/`,
    `${vector.slice(0, at)}/${vector.slice(at)}`,
    [...parts, parts[parts.length - 1] ?? ''].join('/'),
    parts.slice(0, -1).join('/'),
    vector.replace('CVSS:3.1/', 'CVSS:3.0/'),
    vector.replace('CVSS:3.0/', 'CVSS:3.1/'),
    vector.replace(/^CVSS:3\.[01]\//, 'CVSS:3.2/'),
    vector.replace(/^CVSS:3\.[01]\//, ''),
    vector.toLowerCase(),
  ]
}

describe('CVSS scoring used by CSAF tests 6.1.9/6.1.10', () => {
  it('scores the text a vector was parsed from as the parsed vector (scoreCvssText)', () => {
    let parsedCount = 0
    const differences: string[] = []
    for (const vector of suiteVectors.flatMap(variantsOf)) {
      const parsed = parseCvssVector(vector)
      if (!parsed) continue
      parsedCount++
      const fromText = scoreCvssText(vector)
      if (JSON.stringify(fromText) !== JSON.stringify(scoreCvss(parsed))) differences.push(`${JSON.stringify(vector)}: ${JSON.stringify(fromText)}`)
    }
    expect(parsedCount).toBeGreaterThan(20000)
    expect(differences, differences.slice(0, 20).join('\n')).toEqual([])
  })

  it('parses into slots exactly what parseCvssVector parses into a map (parseCvssSlots)', () => {
    // The metrics of a slot parse, in slot order, with their values cut out, to compare with the map's sorted entries.
    const metricsOf = (slots: CvssSlots) => {
      const keys = slots.version === '2.0'
        ? ['AV', 'AC', 'Au', 'C', 'I', 'A', 'E', 'RL', 'RC', 'CDP', 'TD', 'CR', 'IR', 'AR']
        : ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A', 'E', 'RL', 'RC', 'CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA']
      return keys.flatMap((key) => {
        const slot = metricSlot(slots.version, key)
        const start = slots.bounds[2 * slot] as number
        if (start < 0) return []
        const value = slots.text.slice(start, slots.bounds[2 * slot + 1])
        if (!slotValueEquals(slots, slot, value) || slotValueEquals(slots, slot, `${value}x`)) return [[key, 'slotValueEquals disagrees']]
        return [[key, value]]
      })
    }
    const extra = ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:\u00e9', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAVX:N',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/:N', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/\u0100V:N', 'AV:N/AC:L/Au:N/C:P/I:P/A:P/CDP:LM/TD:H', 'AV:N/AC:L/Au:N/C:P/I:P/A:P/Au:N']
    let parsedCount = 0
    const differences: string[] = []
    for (const vector of [...suiteVectors.flatMap(variantsOf), ...extra]) {
      const map = parseCvssVector(vector)
      const slots = parseCvssSlots(vector)
      if (map) parsedCount++
      const want = map && JSON.stringify([map.version, [...map.metrics].sort()])
      const got = slots && JSON.stringify([slots.version, metricsOf(slots).sort()])
      if (want !== got) differences.push(`${JSON.stringify(vector)}: ${want} != ${got}`)
    }
    expect(parsedCount).toBeGreaterThan(20000)
    expect(differences, differences.slice(0, 20).join('\n')).toEqual([])
  })

  it('refuses a line break after the CVSS:3.x/ prefix, as the regular expression it replaces did', () => {
    expect(parseCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeDefined()
    expect(parseCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n')).toBeUndefined()
    expect(parseCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\r')).toBeUndefined()
  })

  it('matches every v2, v3.0 and v3.1 vector of the shared CVSS suite', () => {
    const rows = readFileSync(testdataPath('cvss/cvss_vectors_expected_scores.csv'), 'utf8').trim().split('\n').slice(1)
    const failures: string[] = []
    let checked = 0
    for (const row of rows) {
      const [version, vector, base, temporal, environmental] = row.split(',')
      if (version === undefined || vector === undefined || !['2.0', '3.0', '3.1'].includes(version)) continue
      checked++
      const parsed = parseCvssVector(vector)
      const scores = parsed && scoreCvss(parsed)
      if (!scores) {
        failures.push(`${vector}: not scored`)
        continue
      }
      const compare = (name: string, want: string | undefined, got: number) => {
        if (want !== undefined && want !== '' && Number(want) !== got) failures.push(`${vector}: ${name} ${got} != ${want}`)
      }
      compare('base', base, scores.baseScore)
      if (vector.includes('E:') || vector.includes('RL:') || vector.includes('RC:')) compare('temporal', temporal, scores.temporalScore)
      if (/(CR|IR|AR|CDP|TD|MAV|MAC|MPR|MUI|MS|MC|MI|MA):/.test(vector)) compare('environmental', environmental, scores.environmentalScore)
    }
    expect(checked).toBe(5973)
    expect(failures, failures.slice(0, 30).join('\n')).toEqual([])
  })

  it('rejects malformed vectors', () => {
    expect(parseCvssVector('CVSS:3.1/AV:N/AC:L')).toBeUndefined()
    expect(parseCvssVector('CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBeUndefined()
    const bad = parseCvssVector('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    expect(bad && scoreCvss(bad)).toBeUndefined()
  })
})
