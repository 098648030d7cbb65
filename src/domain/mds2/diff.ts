import { headerFields, questions } from './catalogue.js'
import type { AnswerValue, HeaderField } from './catalogue.js'
import type { Mds2Document } from './document.js'

/** One difference between two documents. */
export type Mds2Change =
  | { readonly kind: 'header'; readonly field: HeaderField; readonly before: string; readonly after: string }
  | { readonly kind: 'answer'; readonly questionId: string; readonly before: AnswerValue | null; readonly after: AnswerValue | null }
  | { readonly kind: 'note'; readonly questionId: string; readonly before: string; readonly after: string }

/** The differences between two documents, with counts per kind. */
export interface Mds2Diff {
  readonly changes: readonly Mds2Change[]
  readonly counts: { readonly header: number; readonly answer: number; readonly note: number }
  readonly identical: boolean
}

/**
 * Compares two documents (two revisions, or two product versions): changed header fields, then changed answers and
 * notes in the form's order; ids outside the catalogue come last in sorted order. Whitespace around text is ignored.
 */
export function diff(before: Mds2Document, after: Mds2Document): Mds2Diff {
  const changes: Mds2Change[] = []
  for (const { key } of headerFields) {
    const a = (before.header[key] ?? '').trim()
    const b = (after.header[key] ?? '').trim()
    if (a !== b) changes.push({ kind: 'header', field: key, before: a, after: b })
  }
  const catalogueIds = questions.map((q) => q.id)
  const known = new Set(catalogueIds)
  const extra = [...new Set([...Object.keys(before.answers), ...Object.keys(after.answers)])].filter((id) => !known.has(id)).sort()
  for (const id of [...catalogueIds, ...extra]) {
    const a = before.answers[id]
    const b = after.answers[id]
    const answerBefore = a?.answer ?? null
    const answerAfter = b?.answer ?? null
    if (answerBefore !== answerAfter) changes.push({ kind: 'answer', questionId: id, before: answerBefore, after: answerAfter })
    const noteBefore = (a?.note ?? '').trim()
    const noteAfter = (b?.note ?? '').trim()
    if (noteBefore !== noteAfter) changes.push({ kind: 'note', questionId: id, before: noteBefore, after: noteAfter })
  }
  const count = (kind: Mds2Change['kind']) => changes.filter((c) => c.kind === kind).length
  return { changes, counts: { header: count('header'), answer: count('answer'), note: count('note') }, identical: changes.length === 0 }
}
