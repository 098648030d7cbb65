import { describe, expect, it } from 'vitest'
import { cvssDefinitions } from './metrics.js'
import { parseCvssVector, scoreCvssVector } from './score.js'

const score = (vector: string) => {
  const result = scoreCvssVector(vector)
  if (!result.ok) throw new Error(`${vector}: ${result.error.code} ${result.error.message}`)
  return result.value
}
const errorCode = (vector: string): string => {
  const result = scoreCvssVector(vector)
  return result.ok ? 'accepted' : result.error.code
}

describe('invalid vectors are rejected with a stable code', () => {
  const cases: [string, string][] = [
    ['', 'cvss_empty_vector'],
    ['CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_invalid_prefix'],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C', 'cvss_invalid_prefix'],
    ['cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_invalid_prefix'],
    ['CVSS:3.1', 'cvss_invalid_prefix'],
    ['CVSS:3.1/', 'cvss_missing_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'cvss_missing_metric'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', 'cvss_missing_metric'],
    ['AV:N/AC:L/Au:N/C:C/I:C', 'cvss_missing_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:N', 'cvss_unknown_metric'],
    ['CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_unknown_metric'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/RL:O', 'cvss_unknown_metric'],
    ['AV:N/AC:L/PR:N/C:C/I:C/A:C', 'cvss_unknown_metric'],
    ['CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_invalid_value'],
    ['CVSS:3.1/AV:NN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_invalid_value'],
    ['CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_invalid_value'],
    ['CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_invalid_value'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', 'cvss_invalid_value'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Purple', 'cvss_invalid_value'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C/E:X', 'cvss_invalid_value'],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_duplicate_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:P', 'cvss_duplicate_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', 'cvss_malformed_component'],
    ['CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_malformed_component'],
    ['CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_malformed_component'],
    [' CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'cvss_unknown_metric'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ', 'cvss_invalid_value'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:é', 'cvss_invalid_value'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:H', 'cvss_invalid_value'],
    ['hello', 'cvss_malformed_component'],
  ]
  it.each(cases)('%j -> %s', (vector, code) => {
    expect(errorCode(vector)).toBe(code)
  })

  it('names the metric and value in the error details', () => {
    const result = parseCvssVector('CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.details).toMatchObject({ metric: 'AV', value: 'Q' })
      expect(result.error.message).toContain('allowed: N, A, L, P')
    }
  })

  it('never throws on arbitrary text', () => {
    const samples = ['/', ':', 'CVSS:', 'CVSS:4.0/AV', '(', '()', '(AV:N)', 'A'.repeat(10_000), '\u0000', 'CVSS:3.1/\uD800:N', 'AV:N/'.repeat(200)]
    for (const text of samples) expect(scoreCvssVector(text).ok).toBe(false)
  })
})

describe('scores and severities', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'Critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10, 'Critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'Medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N', 4.3, 'Medium'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0, 'None'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 'Critical'],
    ['CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.3, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.7, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 5.2, 'Medium'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N', 8.3, 'High'],
    ['CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L', 8.1, 'High'],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N', 4.6, 'Medium'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9, 'Medium'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N', 5.1, 'Medium'],
    ['CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:H/SC:N/SI:H/SA:H/MSI:S/MSA:S', 9.3, 'Critical'],
    ['CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 7.0, 'High'],
    ['AV:N/AC:L/Au:N/C:C/I:C/A:C', 10, 'High'],
    ['AV:L/AC:H/Au:M/C:N/I:N/A:N', 0, 'Low'],
    ['AV:N/AC:L/Au:N/C:P/I:N/A:N', 5, 'Medium'],
  ] as const)('%s -> %d %s', (vector, expected, severity) => {
    const result = score(vector)
    expect(result.score).toBe(expected)
    expect(result.severity).toBe(severity)
  })

  it('reports the most specific score and only the groups the vector defines', () => {
    expect(score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O')).toEqual({
      version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O',
      baseScore: 9.8, baseSeverity: 'Critical', temporalScore: 8.8, score: 8.8, severity: 'High',
    })
    const withEnv = score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/CR:L/IR:L/AR:L/MAV:P')
    expect(withEnv.temporalScore).toBeUndefined()
    expect(withEnv.environmentalScore).toBe(withEnv.score)
    expect(withEnv.score).toBeLessThan(withEnv.baseScore)
    const v4 = score('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U')
    expect(v4).toMatchObject({ baseScore: 7.7, threatScore: 5.2, score: 5.2, severity: 'Medium' })
    expect(v4.environmentalScore).toBeUndefined()
    const v4env = score('CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L')
    expect(v4env).toMatchObject({ baseScore: 8.3, environmentalScore: 8.1, score: 8.1 })
    expect(v4env.threatScore).toBeUndefined()
    const v2 = score('AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C')
    expect(v2).toMatchObject({ version: '2.0', baseScore: 10, temporalScore: 8.3, score: 8.3, severity: 'High' })
  })

  it('treats Not Defined metrics as absent', () => {
    const result = score('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/MAV:X')
    expect(result.temporalScore).toBeUndefined()
    expect(result.environmentalScore).toBeUndefined()
    expect(result.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
  })
})

describe('normalised vectors', () => {
  it('puts metrics in canonical order and drops Not Defined ones', () => {
    expect(score('CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X').vector).toBe('CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F')
    expect(score('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/SC:N/VI:H/SI:N/VA:H/SA:N').vector).toBe('CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')
    expect(score('(AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND)').vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P')
    expect(score('(AV:N/AC:L/Au:N/C:P/I:P/A:P)').vector).toBe('AV:N/AC:L/Au:N/C:P/I:P/A:P')
  })

  it('parses into a metric record that round-trips', () => {
    const parsed = parseCvssVector('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Amber/E:X')
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.value).toMatchObject({ kind: 'cvss-vector', version: '4.0', vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Amber' })
    expect(parsed.value.metrics.U).toBe('Amber')
    expect(parsed.value.metrics.E).toBeUndefined()
    const rebuilt = 'CVSS:4.0/' + Object.entries(parsed.value.metrics).map(([k, v]) => `${k}:${v}`).join('/')
    expect(rebuilt).toBe(parsed.value.vector)
  })
})

describe('metric definitions', () => {
  it.each(Object.values(cvssDefinitions))('CVSS $version: unique keys, values, and Not Defined only on optional metrics', (definition) => {
    const keys = definition.metrics.map((m) => m.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const metric of definition.metrics) {
      const codes = metric.values.map((v) => v.code)
      expect(new Set(codes).size, metric.key).toBe(codes.length)
      expect(metric.mandatory, metric.key).toBe(metric.notDefined === undefined)
      if (metric.notDefined !== undefined) expect(codes, metric.key).toContain(metric.notDefined)
      expect(metric.group === 'base', metric.key).toBe(metric.mandatory)
      for (const value of metric.values) expect(value.description.length, `${metric.key}:${value.code}`).toBeGreaterThan(0)
    }
  })
})
