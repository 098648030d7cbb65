import type { ValidateFunction } from 'ajv/dist/2020.js'
import { compileCsafSchema } from './ajv.js'
import { csafJsonSchema } from './schema/csaf-json-schema.js'
import type { CsafFinding } from './types.js'

// Two compilations of the same schema: one that stops at the first error gives the verdict, one that collects every
// error runs only for documents that failed, so that every problem is still reported. Almost every document passes
// the schema (255 of the 258 benchmark documents), and stopping early saves ajv about a tenth of its time on them.
// Each is compiled once, on first use (tens of milliseconds).
let verdictOnly: ValidateFunction | undefined
let everyError: ValidateFunction | undefined

const cvssPath = /^\/vulnerabilities\/\d+\/scores\/\d+\/cvss_v[23](\/|$)/

/**
 * Validates a parsed document against the CSAF 2.0 JSON schema (with the FIRST CVSS schemas). Errors inside a CVSS
 * object are reported as test 6.1.8 (Invalid CVSS), all others as test `schema`.
 */
export function validateCsafSchema(doc: unknown): readonly CsafFinding[] {
  verdictOnly ??= compileCsafSchema(csafJsonSchema, { allErrors: false })
  if (verdictOnly(doc)) return []
  everyError ??= compileCsafSchema(csafJsonSchema)
  const validate = everyError
  if (validate(doc)) return []
  return (validate.errors ?? []).map((error) => ({
    test: cvssPath.test(error.instancePath) ? '6.1.8' : 'schema',
    path: error.instancePath === '' ? '/' : error.instancePath,
    message: `${error.message ?? 'invalid'}${describeParams(error.params)}`,
  }))
}

function describeParams(params: Record<string, unknown>): string {
  if (typeof params.additionalProperty === 'string') return ` (${params.additionalProperty})`
  if (Array.isArray(params.allowedValues)) return ` (${params.allowedValues.join(', ')})`
  return ''
}
