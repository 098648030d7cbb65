import type { Mds2Document } from '../../domain/mds2/index.js'
import { headerFields, questionById, questions } from '../../domain/mds2/index.js'
import { guardFormula } from './grid.js'

/** The CSV columns, in order. */
export const csvColumns = ['Question ID', 'Section', 'Question', 'Answer', 'Notes'] as const

function quote(text: string): string {
  const guarded = guardFormula(text)
  return /[",\r\n;]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/** Writes a document as UTF-8 CSV (with a byte-order mark for spreadsheets): header fields first, then every question. */
export function writeMds2Csv(doc: Mds2Document): Uint8Array {
  const lines = [csvColumns.join(',')]
  for (const field of headerFields) {
    lines.push([field.id, 'DOC', questionById.get(field.id)?.text ?? field.key, doc.header[field.key], ''].map(quote).join(','))
  }
  for (const q of questions) {
    if (q.answerType !== 'yes_no_na_note') continue
    const entry = doc.answers[q.id]
    lines.push([q.id, q.section, q.text, entry?.answer ?? '', entry?.note ?? ''].map(quote).join(','))
  }
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n')
}
