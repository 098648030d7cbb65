/** The group a CSAF test belongs to: the JSON schema, the mandatory (6.1), optional (6.2) or informative (6.3) tests. */
export type CsafTestGroup = 'schema' | 'mandatory' | 'optional' | 'informative'

/** One finding of a CSAF test: the test id (e.g. 6.1.1 or schema), a JSON pointer into the document, a message. */
export interface CsafFinding {
  readonly test: string
  readonly path: string
  readonly message: string
}

/** The verdict on a CSAF document: valid when the schema and every mandatory test pass. */
export interface CsafReport {
  readonly valid: boolean
  readonly errors: readonly CsafFinding[]
  readonly warnings: readonly CsafFinding[]
  readonly infos: readonly CsafFinding[]
}

/** A CSAF document test: its id, its group and the function that finds the violations in a parsed document. */
export interface CsafTest {
  readonly id: string
  readonly group: Exclude<CsafTestGroup, 'schema'>
  readonly title: string
  readonly run: (doc: unknown) => readonly CsafFinding[]
}
