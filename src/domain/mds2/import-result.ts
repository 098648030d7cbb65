import type { Mds2Document } from './document.js'

/** Something in an imported file that could not be placed in the document, with a stable code and where it was. */
export interface UnmappedItem {
  readonly code: string
  readonly message: string
  readonly location?: string
  readonly questionId?: string
  readonly value?: string
}

/** The outcome of reading an MDS2 file: the document found and everything that could not be mapped. */
export interface Mds2Import {
  readonly document: Mds2Document
  readonly unmapped: readonly UnmappedItem[]
}
