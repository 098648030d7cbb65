import { describe, expect, it } from 'vitest'
import { canonicalDocument, emptyHeader, parseAnswer, readQuestionId } from './index.js'

describe('parseAnswer', () => {
  const cases: readonly (readonly [string, string | undefined, string])[] = [
    ['Yes', 'Yes', ''], ['yes', 'Yes', ''], ['Y', 'Yes', ''], ['y.', 'Yes', ''], ['YES, LDAP', 'Yes', 'LDAP'],
    ['No', 'No', ''], ['no', 'No', ''], ['N', 'No', ''], ['No - not supported', 'No', 'not supported'],
    ['N/A', 'N/A', ''], ['n/a', 'N/A', ''], ['NA', 'N/A', ''], ['N.A.', 'N/A', ''], ['Not applicable', 'N/A', ''],
    ['N/A: No default accounts', 'N/A', 'No default accounts'],
    ['See Notes', 'See Notes', ''], ['See note', 'See Notes', ''], ['see note 3', 'See Notes', '3'], ['See notes.', 'See Notes', ''],
    ['Maybe', undefined, ''], ['None', undefined, ''], ['Yesterday', undefined, ''], ['Y/N', undefined, ''], ['', undefined, ''],
  ]
  it.each(cases)('%j', (raw, answer, rest) => {
    const parsed = parseAnswer(raw)
    expect(parsed?.answer).toBe(answer)
    if (answer !== undefined) expect(parsed?.rest).toBe(rest)
  })
})

describe('readQuestionId', () => {
  it('normalises spellings of ids and rejects other text', () => {
    expect(['CSUP-2.1', 'csup-2.1', ' SAHD – 3 ', 'SHAD-15', 'AUDT-2.8.1.', 'ALOF-1:'].map(readQuestionId)).toEqual(['CSUP-2.1', 'CSUP-2.1', 'SAHD-3', 'SAHD-15', 'AUDT-2.8.1', 'ALOF-1'])
    expect(['SC-8', 'IEC TR 80001-2-2:2012', 'CSUP', 'CSUP-', 'If MLDP-2 is no'].map(readQuestionId)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })
})

describe('canonicalDocument', () => {
  it('trims text, drops empty entries and orders answers as in the form', () => {
    const doc = canonicalDocument({
      header: { ...emptyHeader(), manufacturerName: '  ACME ' },
      answers: { 'RMOT-1': { answer: 'No', note: ' x ' }, 'ALOF-1': { answer: 'Yes', note: '' }, 'ALOF-2': { answer: null, note: '' } },
    })
    expect(doc.header.manufacturerName).toBe('ACME')
    expect(Object.entries(doc.answers)).toEqual([['ALOF-1', { answer: 'Yes', note: '' }], ['RMOT-1', { answer: 'No', note: 'x' }]])
  })
})
