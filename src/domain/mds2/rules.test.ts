import { describe, expect, it } from 'vitest'
import type { CascadeRule, Mds2Answer, Mds2Document } from './index.js'
import { applyCascade, emptyDocument, mds2Rules, sampleDocument, validate, withAnswer } from './index.js'

const yes: Mds2Answer = { answer: 'Yes', note: '' }

function codes(doc: Mds2Document): string[] {
  return validate(doc).map((i) => `${i.code}:${i.questionId ?? i.field ?? ''}`)
}

function errorsOf(doc: Mds2Document) {
  return validate(doc).filter((i) => i.severity === 'error')
}

describe('MDS2 consistency rules', () => {
  it('accepts the complete sample document without errors', () => {
    expect(errorsOf(sampleDocument())).toEqual([])
  })

  it('requires every header field', () => {
    const issues = validate(emptyDocument()).filter((i) => i.code === 'mds2_header_missing')
    expect(issues.map((i) => i.field)).toEqual(['manufacturerName', 'deviceDescription', 'deviceModel', 'documentId', 'manufacturerContact', 'intendedUse', 'releaseDate'])
  })

  it('requires the release date to be a YYYY-MM-DD date', () => {
    const doc = sampleDocument()
    expect(codes({ ...doc, header: { ...doc.header, releaseDate: '05/01/2024' } })).toContain('mds2_header_invalid_date:DOC-7')
  })

  it('requires a note for "See Notes"', () => {
    const doc = withAnswer(sampleDocument(), 'ALOF-1', { answer: 'See Notes', note: '  ' })
    expect(errorsOf(doc).map((i) => `${i.code}:${i.questionId}`)).toEqual(['mds2_note_required:ALOF-1'])
  })

  it('reports ids that are not answerable questions', () => {
    const doc = withAnswer(withAnswer(sampleDocument(), 'ZZZZ-1', yes), 'DOC-1', yes)
    expect(errorsOf(doc).map((i) => `${i.code}:${i.questionId}`)).toEqual(['mds2_unknown_question_id:ZZZZ-1', 'mds2_unknown_question_id:DOC-1'])
  })

  it('reports an answer outside the four values', () => {
    const doc = withAnswer(sampleDocument(), 'ALOF-1', { answer: 'Maybe' as never, note: '' })
    expect(errorsOf(doc).map((i) => i.code)).toEqual(['mds2_invalid_answer'])
  })

  it('asks for a note where the form asks for details (CSUP-6 yes, MLDP-2)', () => {
    let doc = withAnswer(sampleDocument(), 'CSUP-1', yes)
    doc = withAnswer(withAnswer(doc, 'CSUP-6', yes), 'MLDP-2', { answer: 'No', note: '' })
    const warnings = validate(doc).filter((i) => i.code === 'mds2_note_expected').map((i) => i.questionId)
    expect(warnings).toEqual(['CSUP-6', 'MLDP-2'])
  })

  it('warns when PII-dependent features are Yes although MPII-1 is No', () => {
    const doc = withAnswer(withAnswer(sampleDocument(), 'MPII-1', { answer: 'No', note: '' }), 'STCF-3', yes)
    expect(codes(doc)).toContain('mds2_implausible_answer:STCF-3')
  })

  const cascades = mds2Rules.filter((r): r is CascadeRule => r.kind === 'cascade')

  it('has the cascade rules of domain brief 1.6', () => {
    expect(cascades.map((r) => `${r.gate}=${r.when.join('|')}`)).toEqual([
      'DOC-11=No|N/A', 'CSUP-1=No', 'CSUP-2=No|N/A', 'CSUP-3=No|N/A', 'CSUP-4=No|N/A', 'CSUP-5=No|N/A', 'CSUP-6=No|N/A',
      'PLOK-1=Yes', 'MLDP-2=No|N/A', 'MLDP-2=Yes', 'MLDP-5=No|N/A', 'AUDT-2=No|N/A', 'NAUT-2=No|N/A', 'STCF-1=No|N/A',
      'TXCF-2=Yes', 'RMOT-1=No|N/A',
    ])
    expect(cascades.find((r) => r.gate === 'CSUP-1')?.dependents).toHaveLength(33)
  })

  // Data-driven: for every cascade rule, trigger the gate, answer every dependent Yes, and expect one issue per
  // dependent; applyCascade must then set them all to N/A and leave no cascade issue.
  it.each(cascades.map((rule) => [`${rule.gate}=${rule.when[0]} (${rule.strength})`, rule] as const))('cascade %s', (_name, rule) => {
    const trigger = rule.when[0]
    if (trigger === undefined) throw new Error('rule without trigger')
    let doc: Mds2Document = { ...sampleDocument(), answers: {} }
    for (const id of rule.dependents) doc = withAnswer(doc, id, { answer: 'Yes', note: `kept ${id}` })
    doc = withAnswer(doc, rule.gate, { answer: trigger, note: 'details' })
    const code = rule.strength === 'required' ? 'mds2_cascade_violation' : 'mds2_cascade_expected'
    const flagged = validate(doc).filter((i) => i.code === code).map((i) => i.questionId)
    expect(flagged).toEqual(expect.arrayContaining([...rule.dependents]))
    const outcome = applyCascade(doc, { includeExpected: true })
    const notNa = rule.dependents.filter((id) => outcome.document.answers[id]?.answer !== 'N/A')
    expect(notNa).toEqual([])
    expect(rule.dependents.every((id) => outcome.document.answers[id]?.note === `kept ${id}`)).toBe(true)
    expect(validate(outcome.document).filter((i) => i.code.startsWith('mds2_cascade'))).toEqual([])
  })

  it('does not cascade when the gate has another answer', () => {
    const doc = withAnswer(withAnswer(sampleDocument(), 'CSUP-1', yes), 'CSUP-2', yes)
    const withChildren = withAnswer(doc, 'CSUP-2.1', yes)
    expect(applyCascade(withChildren).document.answers['CSUP-2.1']?.answer).toBe('Yes')
  })

  it('applies expected rules only when asked', () => {
    const doc = withAnswer(withAnswer({ ...sampleDocument(), answers: {} }, 'MLDP-2', yes), 'MLDP-3', yes)
    expect(applyCascade(doc).document.answers['MLDP-3']?.answer).toBe('Yes')
    expect(applyCascade(doc, { includeExpected: true }).document.answers['MLDP-3']?.answer).toBe('N/A')
  })

  it('reports what it changed, and nothing on a second run', () => {
    const doc = withAnswer(withAnswer(emptyDocument(), 'RMOT-1', { answer: 'No', note: '' }), 'RMOT-1.1', yes)
    const first = applyCascade(doc)
    expect(first.changed).toEqual([
      { questionId: 'RMOT-1.1', before: 'Yes', gate: 'RMOT-1' },
      { questionId: 'RMOT-1.2', before: null, gate: 'RMOT-1' },
      { questionId: 'RMOT-1.3', before: null, gate: 'RMOT-1' },
    ])
    expect(applyCascade(first.document).changed).toEqual([])
  })
})
