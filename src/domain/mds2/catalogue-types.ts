/** The kind of answer a catalogue entry takes: a Yes/No/N/A/See Notes choice, free text, or a date. */
export type AnswerType = 'yes_no_na_note' | 'text' | 'date'

/** One section of the MDS2 form as recovered. */
export interface CatalogueSection {
  readonly code: string
  readonly title: string
  readonly description: string | null
}

/** One question (or header item) of the MDS2 form as recovered. */
export interface CatalogueQuestion {
  readonly id: string
  readonly section: string
  readonly text: string
  readonly parent: string | null
  readonly level: number
  readonly answerType: AnswerType
  readonly references?: { readonly iec_tr_80001_2_2_capability: string }
  readonly verified: boolean
  readonly provenance_note?: string
}

/** The shape of the shared catalogue file. */
export interface CatalogueSource {
  readonly title: string
  readonly provenance: string
  readonly caveats: readonly string[]
  readonly answerValues: readonly string[]
  readonly sections: readonly CatalogueSection[]
  readonly questions: readonly CatalogueQuestion[]
}
