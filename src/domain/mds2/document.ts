import { answerableIds, answerValues, headerFields } from './catalogue.js'
import type { AnswerValue, HeaderField } from './catalogue.js'

/** One answer of the form: the chosen value (null when not answered yet) and a free-text note ('' when none). */
export interface Mds2Answer {
  readonly answer: AnswerValue | null
  readonly note: string
}

/** The header block of the document (DOC-1 to DOC-7); '' marks a field not filled in. */
export type Mds2Header = { readonly [K in HeaderField]: string }

/** An MDS2 document: the header block and the answers keyed by question id. */
export interface Mds2Document {
  readonly header: Mds2Header
  readonly answers: Readonly<Record<string, Mds2Answer>>
}

/** A header with every field empty. */
export function emptyHeader(): Mds2Header {
  return Object.fromEntries(headerFields.map((f) => [f.key, ''])) as unknown as Mds2Header
}

/** A document with nothing filled in. */
export function emptyDocument(): Mds2Document {
  return { header: emptyHeader(), answers: {} }
}

/** Whether a string is one of the four allowed answers, spelt exactly. */
export function isAnswerValue(value: unknown): value is AnswerValue {
  return typeof value === 'string' && (answerValues as readonly string[]).includes(value)
}

/** A free-text answer read as one of the four values, with any text after the value kept as a note. */
export interface ParsedAnswer {
  readonly answer: AnswerValue
  readonly rest: string
}

// Spellings met in manufacturers' forms, checked in this order (N/A before No, because both start with N).
const answerSpellings: readonly (readonly [AnswerValue, RegExp])[] = [
  ['N/A', /^(?:n\s*\/\s*a|n\.\s*a\.?|na|not\s+applicable)(?![a-z0-9])/i],
  ['See Notes', /^(?:see\s+notes?|refer\s+to\s+notes?|see\s+comments?|note)(?![a-z])/i],
  ['Yes', /^(?:yes|y|true|oui|ja)(?![a-z0-9/])/i],
  ['No', /^(?:no|n|false|non|nein)(?![a-z0-9/])/i],
]

/**
 * Reads an answer as spelt by manufacturers ("yes", "Y", "NA", "n/a", "See note 3", "Yes, LDAP"); undefined when the
 * text does not start with a recognisable answer.
 */
export function parseAnswer(raw: string): ParsedAnswer | undefined {
  const text = raw.trim()
  for (const [answer, pattern] of answerSpellings) {
    const match = pattern.exec(text)
    if (match) return { answer, rest: text.slice(match[0].length).replace(/^[\s,.:;\-–—)]+/, '').trim() }
  }
  return undefined
}

/**
 * The canonical form of a document: header values and notes trimmed, entries with neither an answer nor a note
 * dropped, answers ordered as in the catalogue (unknown ids last), so that equal content compares equal.
 */
export function canonicalDocument(doc: Mds2Document): Mds2Document {
  const header = Object.fromEntries(headerFields.map((f) => [f.key, (doc.header[f.key] ?? '').trim()])) as unknown as Mds2Header
  const answers: Record<string, Mds2Answer> = {}
  const ids = Object.keys(doc.answers)
  const known = [...answerableIds].filter((id) => Object.hasOwn(doc.answers, id))
  const unknown = ids.filter((id) => !answerableIds.has(id))
  for (const id of [...known, ...unknown]) {
    const entry = doc.answers[id]
    if (entry === undefined) continue
    const note = entry.note.trim()
    if (entry.answer === null && note === '') continue
    answers[id] = { answer: entry.answer, note }
  }
  return { header, answers }
}

/** Returns a copy of the document with one answer replaced. */
export function withAnswer(doc: Mds2Document, id: string, answer: Mds2Answer): Mds2Document {
  return { header: doc.header, answers: { ...doc.answers, [id]: answer } }
}
