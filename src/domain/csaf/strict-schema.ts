// Test 6.2.20 (Additional Properties): the CSAF schema made strict by forbidding properties it does not define.
import { validate } from './generated/csaf-schema-strict.js'
import type { GeneratedValidator } from './schema-validation.js'

export { strictCopy } from './strict-copy.js'

const strict = validate as GeneratedValidator

/** The properties of a document that the CSAF 2.0 schema does not define, as path and message. */
export function additionalPropertyFindings(doc: unknown): { path: string; message: string }[] {
  if (strict(doc)) return []
  return (strict.errors ?? [])
    .filter((error) => error.keyword === 'additionalProperties')
    .map((error) => ({
      path: `${error.instancePath}/${String(error.params.additionalProperty)}`,
      message: `property '${String(error.params.additionalProperty)}' is not defined by the CSAF 2.0 schema`,
    }))
}
