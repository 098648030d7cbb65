import { headerFields, questionsBySection, sections } from './catalogue.js'
import type { Mds2Document } from './document.js'

/** How far one section is answered. */
export interface SectionCompleteness {
  readonly section: string
  readonly title: string
  readonly total: number
  readonly answered: number
  readonly missing: readonly string[]
}

/** How far a document is filled in: header fields, answers per section, and the overall share answered. */
export interface Completeness {
  readonly headerFilled: number
  readonly headerTotal: number
  readonly missingHeader: readonly string[]
  readonly answered: number
  readonly total: number
  /** Filled header fields plus answered questions over all entries, 0 to 100, rounded down to a whole percent. */
  readonly percent: number
  readonly complete: boolean
  readonly sections: readonly SectionCompleteness[]
}

/** Counts what is filled in: an answer counts when it has a value (N/A included); header fields when not blank. */
export function completeness(doc: Mds2Document): Completeness {
  const missingHeader = headerFields.filter((f) => (doc.header[f.key] ?? '').trim() === '').map((f) => f.key)
  const perSection: SectionCompleteness[] = sections.map((section) => {
    const ids = (questionsBySection.get(section.code) ?? []).filter((q) => q.answerType === 'yes_no_na_note').map((q) => q.id)
    const missing = ids.filter((id) => doc.answers[id]?.answer == null)
    return { section: section.code, title: section.title, total: ids.length, answered: ids.length - missing.length, missing }
  })
  const total = perSection.reduce((sum, s) => sum + s.total, 0)
  const answered = perSection.reduce((sum, s) => sum + s.answered, 0)
  const headerFilled = headerFields.length - missingHeader.length
  const filled = answered + headerFilled
  const all = total + headerFields.length
  return {
    headerFilled,
    headerTotal: headerFields.length,
    missingHeader,
    answered,
    total,
    percent: Math.floor((filled * 100) / all),
    complete: filled === all,
    sections: perSection,
  }
}
