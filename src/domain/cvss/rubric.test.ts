import { describe, expect, it } from 'vitest'
import { applyRubric, rubricMetricRules, rubricQuestions, type RubricAnswer } from './rubric.js'

const allNo = (metric: 'C' | 'I' | 'A'): Record<string, RubricAnswer> => Object.fromEntries(['P', 'D', 'T', 'W', 'S', 'O'].map((s) => [`X${metric}${s}`, 'no']))

describe('MITRE rubric', () => {
  it('every outcome points at a known question, and every question is reachable from a metric rule', () => {
    const ids = new Set(rubricQuestions.map((q) => q.id))
    expect(ids.size).toBe(rubricQuestions.length)
    const reached = new Set<string>()
    const visit = (id: string) => {
      reached.add(id)
      const question = rubricQuestions.find((q) => q.id === id)!
      for (const option of question.options) {
        if (option.outcome.kind === 'question') {
          expect(ids.has(option.outcome.id), option.outcome.id).toBe(true)
          visit(option.outcome.id)
        }
      }
    }
    for (const rule of rubricMetricRules) (rule.kind === 'tree' ? [rule.first] : rule.categories).forEach(visit)
    expect([...ids].filter((id) => !reached.has(id))).toEqual([])
  })

  it('turns a full set of answers into a v3.1 vector with a rationale per metric', () => {
    const result = applyRubric({
      XAVN: 'yes', XAVT: 'yes', XACL: 'yes', XPRL: 'yes', XPRZ: 'no', XUI: 'no', XS: 'no',
      ...allNo('C'), XCP: 'yes', XCPM: 'no',
      ...allNo('I'), XIT: 'yes',
      ...allNo('A'), XAD: 'yes',
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.complete).toBe(true)
    expect(result.value.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:H/A:H')
    expect(result.value.score?.baseScore).toBe(9.4)
    expect(result.value.missing).toEqual([])
    const byMetric = Object.fromEntries(result.value.rationale.map((r) => [r.metric, r]))
    expect(byMetric.AV?.steps.map((s) => s.question)).toEqual(['XAVN', 'XAVT'])
    expect(byMetric.C?.value).toBe('L')
    expect(byMetric.PR?.summary).toBe('Privileges Required: N')
  })

  it('lists only the questions that can still change the result', () => {
    const result = applyRubric({ XAVN: 'no', XCD: 'yes' })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.complete).toBe(false)
    expect(result.value.vector).toBeUndefined()
    expect(result.value.missing).toContain('XAVP')
    expect(result.value.missing).toContain('XACL')
    // Confidentiality is already High through diagnosis data, so its other categories are not asked.
    expect(result.value.missing.filter((id) => id.startsWith('XC'))).toEqual([])
    expect(result.value.missing).toContain('XIP')
  })

  it('treats unknown as the more severe branch and says so', () => {
    const result = applyRubric({
      XAVN: 'unknown', XAVT: 'unknown', XACL: 'unknown', XPRL: 'unknown', XUI: 'unknown', XS: 'unknown',
      ...allNo('C'), ...allNo('I'), ...allNo('A'), XAO: 'unknown',
    })
    expect(result.ok && result.value.vector).toBe('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H')
    if (result.ok) expect(result.value.rationale[0]!.steps[0]!.rationale).toContain('unknown')
  })

  it('rejects unknown questions and answers as values', () => {
    const unknownQuestion = applyRubric({ XNOPE: 'yes' })
    expect(!unknownQuestion.ok && unknownQuestion.error.code).toBe('rubric_unknown_question')
    const badAnswer = applyRubric({ XAVN: 'maybe' })
    expect(!badAnswer.ok && badAnswer.error.code).toBe('rubric_invalid_answer')
  })
})
