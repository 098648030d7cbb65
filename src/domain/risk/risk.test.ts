import { describe, expect, it } from 'vitest'
import { determineFdaRisk, type FdaDeterminationInput } from './fda.js'
import { fips199Categorise } from './fips199.js'
import { newPostmarketCase, transitionPostmarketCase, type PostmarketCase, type PostmarketCommand } from './postmarket-case.js'
import { parseSp80030Level, sp80030LevelOfValue, sp80030Levels, sp80030OverallLikelihood, sp80030Risk } from './sp800-30.js'

const input = (overrides: Partial<FdaDeterminationInput> = {}): FdaDeterminationInput => ({
  exploitability: 'high', exploitabilitySource: 'cvss', harm: 'critical', essentialPerformanceImpact: false, date: '2025-01-15', ...overrides,
})

describe('FDA postmarket determination', () => {
  it('uncontrolled: 30- and 60-day obligations and the 806 enforcement-discretion conditions', () => {
    const result = determineFdaRisk(input())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.risk).toBe('uncontrolled')
    const due = Object.fromEntries(result.value.obligations.map((o) => [o.id, o.dueDate]))
    expect(due.notify_customers).toBe('2025-02-14')
    expect(due.fix_distributed).toBe('2025-03-16')
    expect(result.value.report806.kind).toBe('required-unless')
    if (result.value.report806.kind === 'required-unless') expect(result.value.report806.conditions).toHaveLength(4)
  })

  it('controlled: no 806 report, optional routine update', () => {
    const result = determineFdaRisk(input({ exploitability: 'low', harm: 'minor' }))
    expect(result.ok && result.value.risk).toBe('controlled')
    if (!result.ok) return
    expect(result.value.report806.kind).toBe('not-required')
    expect(result.value.obligations.every((o) => !o.required)).toBe(true)
  })

  it('essential performance impact weighs harm as at least serious', () => {
    const result = determineFdaRisk(input({ harm: 'negligible', essentialPerformanceImpact: true }))
    expect(result.ok && [result.value.effectiveHarm, result.value.risk]).toEqual(['serious', 'uncontrolled'])
  })

  it('known serious adverse events make 806 and 803 required; PMA adds the annual report', () => {
    const result = determineFdaRisk(input({ seriousAdverseEvents: true, pmaDevice: true }))
    expect(result.ok && result.value.report806.kind).toBe('required')
    if (result.ok) expect(result.value.obligations.map((o) => o.id)).toEqual(expect.arrayContaining(['report_803', 'pma_annual_report']))
  })

  it('uses a manufacturer matrix when given', () => {
    const everythingControlled = Object.fromEntries((['low', 'medium', 'high'] as const).map((e) => [e, { negligible: 'controlled', minor: 'controlled', serious: 'controlled', critical: 'controlled', catastrophic: 'controlled' }])) as FdaDeterminationInput['matrix']
    expect(determineFdaRisk(input({ matrix: everythingControlled })).ok && determineFdaRisk(input({ matrix: everythingControlled }))).toMatchObject({ value: { risk: 'controlled' } })
  })

  it('rejects bad dates and levels as values', () => {
    for (const [bad, code] of [[{ date: '2025-02-30' }, 'date_invalid'], [{ date: 'soon' }, 'date_invalid'], [{ harm: 'deadly' }, 'fda_invalid_harm'], [{ exploitability: 'extreme' }, 'fda_invalid_exploitability']] as const) {
      const result = determineFdaRisk(input(bad as Partial<FdaDeterminationInput>))
      expect(!result.ok && result.error.code).toBe(code)
    }
  })
})

describe('postmarket case state machine', () => {
  const determination = (overrides: Partial<FdaDeterminationInput> = {}) => {
    const result = determineFdaRisk(input(overrides))
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }
  const apply = (current: PostmarketCase, command: PostmarketCommand): PostmarketCase => {
    const result = transitionPostmarketCase(current, command)
    if (!result.ok) throw new Error(result.error.message)
    return result.value.case
  }

  it('walks draft -> determined -> remediating -> closed, keeping history through re-determination', () => {
    let current = newPostmarketCase()
    current = apply(current, { kind: 'determine', at: '2025-01-15T10:00:00Z', actor: 'psirt', determination: determination() })
    const redetermined = transitionPostmarketCase(current, { kind: 'determine', at: '2025-01-20T10:00:00Z', determination: determination({ harm: 'catastrophic' }) })
    expect(redetermined.ok && redetermined.value.event.kind).toBe('redetermined')
    current = redetermined.ok ? redetermined.value.case : current
    current = apply(current, { kind: 'start_remediation', at: '2025-01-21T10:00:00Z' })
    current = apply(current, { kind: 'close', at: '2025-03-01T10:00:00Z', note: 'fix deployed' })
    expect(current.state).toBe('closed')
    expect(current.history.map((e) => `${e.from}->${e.to}`)).toEqual(['draft->determined', 'determined->determined', 'determined->remediating', 'remediating->closed'])
    expect(current.determination?.harm).toBe('catastrophic')
    expect(current.history[0]!.determination?.harm).toBe('critical')
  })

  it('returns invalid transitions as errors and leaves the case unchanged', () => {
    const draft = newPostmarketCase()
    const remediate = transitionPostmarketCase(draft, { kind: 'start_remediation', at: '2025-01-01T00:00:00Z' })
    expect(!remediate.ok && remediate.error.code).toBe('postmarket_invalid_transition')
    const uncontrolled = apply(draft, { kind: 'determine', at: '2025-01-15T10:00:00Z', determination: determination() })
    const closeEarly = transitionPostmarketCase(uncontrolled, { kind: 'close', at: '2025-01-16T10:00:00Z' })
    expect(!closeEarly.ok && closeEarly.error.message).toContain('remediated')
    const controlled = apply(draft, { kind: 'determine', at: '2025-01-15T10:00:00Z', determination: determination({ exploitability: 'low', harm: 'minor' }) })
    const closed = apply(controlled, { kind: 'close', at: '2025-01-16T10:00:00Z' })
    expect(transitionPostmarketCase(closed, { kind: 'close', at: '2025-01-17T10:00:00Z' }).ok).toBe(false)
    expect(apply(closed, { kind: 'reopen', at: '2025-02-01T00:00:00Z', note: 'new exploit' }).state).toBe('draft')
    expect(draft.history).toEqual([])
  })
})

describe('NIST SP 800-30', () => {
  it('Table I-2 level of risk (all 25 cells)', () => {
    const table = [
      // likelihood very-high .. very-low, impact very-low .. very-high
      ['very-high', 'very-low low moderate high very-high'],
      ['high', 'very-low low moderate high very-high'],
      ['moderate', 'very-low low moderate moderate high'],
      ['low', 'very-low low low low moderate'],
      ['very-low', 'very-low very-low very-low low low'],
    ] as const
    let cells = 0
    for (const [likelihood, row] of table) {
      row.split(' ').forEach((expected, i) => {
        cells++
        expect(sp80030Risk(likelihood, sp80030Levels[i]!), `${likelihood} x ${sp80030Levels[i]}`).toBe(expected)
      })
    }
    expect(cells).toBe(25)
  })

  it('Table G-5 overall likelihood, level parsing and semi-quantitative bands', () => {
    expect(sp80030OverallLikelihood('very-high', 'very-low')).toBe('low')
    expect(sp80030OverallLikelihood('moderate', 'very-high')).toBe('high')
    expect(sp80030OverallLikelihood('very-low', 'moderate')).toBe('low')
    expect(parseSp80030Level('Very High').ok && parseSp80030Level('VH')).toMatchObject({ value: 'very-high' })
    expect(parseSp80030Level('huge').ok).toBe(false)
    expect([0, 4, 5, 20, 21, 79, 80, 95, 96, 100].map((v) => (sp80030LevelOfValue(v) as { value: string }).value)).toEqual(['very-low', 'very-low', 'low', 'low', 'moderate', 'moderate', 'high', 'high', 'very-high', 'very-high'])
    expect(sp80030LevelOfValue(101).ok).toBe(false)
  })
})

describe('FIPS 199', () => {
  it('takes the high-water mark over information types', () => {
    const result = fips199Categorise([
      { name: 'public information', confidentiality: 'not-applicable', integrity: 'moderate', availability: 'moderate' },
      { name: 'imaging studies', confidentiality: 'moderate', integrity: 'high', availability: 'low' },
    ])
    expect(result.ok && result.value).toMatchObject({ confidentiality: 'moderate', integrity: 'high', availability: 'moderate', overall: 'high' })
    if (result.ok) expect(result.value.notation).toBe('SC = {(confidentiality, MODERATE), (integrity, HIGH), (availability, MODERATE)}')
  })

  it('rejects not-applicable outside confidentiality and empty systems', () => {
    const bad = fips199Categorise([{ name: 'x', confidentiality: 'low', integrity: 'not-applicable' as 'low', availability: 'low' }])
    expect(!bad.ok && bad.error.code).toBe('fips199_invalid_impact')
    expect(fips199Categorise([]).ok).toBe(false)
  })
})
