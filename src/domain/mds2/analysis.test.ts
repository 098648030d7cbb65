import { describe, expect, it } from 'vitest'
import {
  completeness, diff, emptyDocument, mds2DocumentSchema, parseMds2Json, sampleDocument, sectionMappings, sections, withAnswer,
} from './index.js'

describe('completeness', () => {
  it('is 0 % for an empty document and 100 % for the sample', () => {
    const empty = completeness(emptyDocument())
    expect([empty.percent, empty.answered, empty.total, empty.complete]).toEqual([0, 0, 234, false])
    const full = completeness(sampleDocument())
    expect([full.percent, full.answered, full.headerFilled, full.complete]).toEqual([100, 234, 7, true])
  })

  it('lists what is missing per section', () => {
    const doc = { ...sampleDocument(), answers: { ...sampleDocument().answers, 'ALOF-2': { answer: null, note: 'draft' } } }
    const alof = completeness(doc).sections.find((s) => s.section === 'ALOF')
    expect(alof).toMatchObject({ total: 2, answered: 1, missing: ['ALOF-2'] })
    expect(completeness(doc).percent).toBe(99)
  })
})

describe('diff', () => {
  it('finds nothing between equal documents', () => {
    expect(diff(sampleDocument(), sampleDocument()).identical).toBe(true)
  })

  it('lists changed header fields, answers and notes in the form order', () => {
    const before = sampleDocument()
    let after = withAnswer(before, 'RMOT-2', { answer: 'No', note: before.answers['RMOT-2']?.note ?? '' })
    after = withAnswer(after, 'ALOF-1', { answer: before.answers['ALOF-1']?.answer ?? null, note: 'new note' })
    after = { ...after, header: { ...after.header, releaseDate: '2025-01-01' } }
    const result = diff(before, after)
    expect(result.counts).toEqual({ header: 1, answer: 1, note: 1 })
    expect(result.changes.map((c) => c.kind === 'header' ? c.field : c.questionId)).toEqual(['releaseDate', 'ALOF-1', 'RMOT-2'])
    expect(result.changes[2]).toEqual({ kind: 'answer', questionId: 'RMOT-2', before: before.answers['RMOT-2']?.answer, after: 'No' })
  })
})

describe('JSON schema', () => {
  it('accepts a document and its own import output', () => {
    const doc = sampleDocument()
    const parsed = parseMds2Json(JSON.parse(JSON.stringify({ ...doc, unmapped: [] })))
    expect(parsed.ok && parsed.value.document).toEqual(doc)
    expect(mds2DocumentSchema.required).toEqual(['header', 'answers'])
  })

  it('rejects a bad answer, a bad id and an unknown header field with mds2_json_schema', () => {
    const bad = [
      { header: {}, answers: { 'ALOF-1': { answer: 'Maybe' } } },
      { header: {}, answers: { 'not an id': { answer: 'Yes' } } },
      { header: { vendor: 'x' }, answers: {} },
      [],
      'text',
    ]
    expect(bad.map((v) => { const r = parseMds2Json(v); return r.ok ? 'ok' : r.error.code })).toEqual(Array(5).fill('mds2_json_schema'))
  })

  it('moves well-formed but unknown ids to unmapped with mds2_unknown_question_id', () => {
    const r = parseMds2Json({ header: {}, answers: { 'ALOF-1': { answer: 'Yes' }, 'ALOF-9': { answer: 'No', note: '' } } })
    expect(r.ok && r.value.unmapped.map((u) => `${u.code}:${u.questionId}`)).toEqual(['mds2_unknown_question_id:ALOF-9'])
    expect(r.ok && r.value.document.answers).toEqual({ 'ALOF-1': { answer: 'Yes', note: '' } })
  })
})

describe('reference mapping', () => {
  it('maps each section to its IEC TR 80001-2-2 capability (none for MDS2-only sections) and to NIST SP 800-53 Rev. 5', () => {
    expect(sectionMappings).toHaveLength(sections.length)
    const withoutCapability = sectionMappings.filter((m) => m.iecCapability === null).map((m) => m.section)
    expect(withoutCapability).toEqual(['DOC', 'MPII', 'CONN', 'SBOM', 'RMOT'])
    expect(sectionMappings.filter((m) => m.iecCapability !== null).every((m) => m.iecCapability?.code === m.section)).toBe(true)
    const malformed = sectionMappings.flatMap((m) => m.nist80053r5.controls).filter((c) => !/^[A-Z]{2}-\d+(\(\d+\))?$/.test(c))
    expect(malformed).toEqual([])
    expect(sectionMappings.every((m) => m.nist80053r5.controls.length > 0 && m.nist80053r5.source === 'medsec')).toBe(true)
  })
})
