import { describe, expect, it } from 'vitest'
import type { GridSheet } from './index.js'
import { interpretGrid } from './index.js'

const sheet = (rows: string[][], name = 'Sheet1'): GridSheet => ({ name, rows })

describe('interpretGrid', () => {
  it('uses the nearest header row above to find answer and note columns', () => {
    const result = interpretGrid([sheet([
      ['Notes', 'Answer', 'Question', 'ID'],
      ['LDAP', 'y', 'Can the device...', 'ALOF-1'],
      ['', 'NA', 'Is the length...', 'ALOF-2'],
    ])])
    expect(result.ok && result.value.document.answers).toEqual({ 'ALOF-1': { answer: 'Yes', note: 'LDAP' }, 'ALOF-2': { answer: 'N/A', note: '' } })
  })

  it('infers the answer column without a header row and keeps text after the answer as a note', () => {
    const result = interpretGrid([sheet([
      ['ALOF-1', 'question text', 'Yes, after 10 minutes'],
      ['ALOF-2', 'question text', 'No'],
      ['AUDT-1', 'question text', 'See note 4', 'Logs go to syslog'],
    ])])
    expect(result.ok && result.value.document.answers).toEqual({
      'ALOF-1': { answer: 'Yes', note: 'after 10 minutes' },
      'ALOF-2': { answer: 'No', note: '' },
      'AUDT-1': { answer: 'See Notes', note: '4\nLogs go to syslog' },
    })
  })

  it('reports unknown ids, unrecognised answers and duplicates', () => {
    const result = interpretGrid([sheet([
      ['ID', 'Answer'],
      ['ALOF-1', 'Yes'],
      ['ALOF-9', 'Yes'],
      ['ALOF-2', 'Perhaps'],
      ['ALOF-1', 'No'],
    ])])
    expect(result.ok && result.value.unmapped.map((u) => `${u.code}@${u.location}`)).toEqual([
      'mds2_unknown_question_id@Sheet1!A3', 'mds2_unrecognised_answer@Sheet1!B4', 'mds2_duplicate_question@Sheet1!A5',
    ])
  })

  it('fails with mds2_no_questions_found when no known id is present', () => {
    const none = interpretGrid([sheet([['hello', 'world']])])
    const unknownOnly = interpretGrid([sheet([['ZZZZ-1', 'Yes'], ['ALOF-99', 'No']])])
    expect([none.ok || none.error.code, unknownOnly.ok || unknownOnly.error.code]).toEqual(['mds2_no_questions_found', 'mds2_no_questions_found'])
  })

  it('finds header fields by label when they carry no id', () => {
    const result = interpretGrid([sheet([
      ['Manufacturer Name:', '', 'ACME Medical'],
      ['Document ID: MDS2-77'],
      ['ALOF-1', 'q', 'Yes'],
    ])])
    expect(result.ok && [result.value.document.header.manufacturerName, result.value.document.header.documentId]).toEqual(['ACME Medical', 'MDS2-77'])
  })
})
