import { catalogueSource } from './catalogue.data.js'
import type { CatalogueQuestion, CatalogueSection } from './catalogue-types.js'

export type { AnswerType, CatalogueQuestion, CatalogueSection, CatalogueSource } from './catalogue-types.js'
export { catalogueSource } from './catalogue.data.js'

/** The form version this catalogue describes. */
export const formVersion = 'HN 1-2019'

/** The four answers the form allows, in the form's order. */
export const answerValues = ['Yes', 'No', 'N/A', 'See Notes'] as const

/** One of the four answers the form allows. */
export type AnswerValue = (typeof answerValues)[number]

/** The header fields of the document (DOC-1 to DOC-7), keyed by a readable name. */
export const headerFields = [
  { key: 'manufacturerName', id: 'DOC-1' },
  { key: 'deviceDescription', id: 'DOC-2' },
  { key: 'deviceModel', id: 'DOC-3' },
  { key: 'documentId', id: 'DOC-4' },
  { key: 'manufacturerContact', id: 'DOC-5' },
  { key: 'intendedUse', id: 'DOC-6' },
  { key: 'releaseDate', id: 'DOC-7' },
] as const

/** The name of one header field. */
export type HeaderField = (typeof headerFields)[number]['key']

/** Every section of the form, in the form's order (DOC first). */
export const sections: readonly CatalogueSection[] = catalogueSource.sections

/** Every catalogue entry, header items included, in the form's order. */
export const questions: readonly CatalogueQuestion[] = catalogueSource.questions

/** The catalogue entry for each id. */
export const questionById: ReadonlyMap<string, CatalogueQuestion> = new Map(questions.map((q) => [q.id, q]))

/** The entries answered Yes / No / N/A / See Notes (every entry except the text and date header fields). */
export const answerableQuestions: readonly CatalogueQuestion[] = questions.filter((q) => q.answerType === 'yes_no_na_note')

/** The ids of the answerable entries. */
export const answerableIds: ReadonlySet<string> = new Set(answerableQuestions.map((q) => q.id))

/** The header field named by a DOC id, when that id is a text or date header item. */
export const headerFieldById: ReadonlyMap<string, HeaderField> = new Map(headerFields.map((f) => [f.id, f.key]))

/** The section of the form for each section code. */
export const sectionByCode: ReadonlyMap<string, CatalogueSection> = new Map(sections.map((s) => [s.code, s]))

/** The entries of each section, in the form's order. */
export const questionsBySection: ReadonlyMap<string, readonly CatalogueQuestion[]> = new Map(
  sections.map((s) => [s.code, questions.filter((q) => q.section === s.code)]),
)

/** Every entry below a given id (children, grandchildren, ...), in the form's order. */
export function descendantsOf(id: string): readonly string[] {
  const found = new Set([id])
  for (const q of questions) if (q.parent !== null && found.has(q.parent)) found.add(q.id)
  found.delete(id)
  return [...found]
}
