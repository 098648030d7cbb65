import type { ValidateFunction } from 'ajv/dist/2020.js'
import { compileCsafSchema } from './ajv.js'
import { csafJsonSchema } from './schema/csaf-json-schema.js'
import type { CsafFinding } from './types.js'

let compiled: ValidateFunction | undefined

const cvssPath = /^\/vulnerabilities\/\d+\/scores\/\d+\/cvss_v[23](\/|$)/

/**
 * Validates a parsed document against the CSAF 2.0 JSON schema (with the FIRST CVSS schemas). Errors inside a CVSS
 * object are reported as test 6.1.8 (Invalid CVSS), all others as test `schema`.
 */
export function validateCsafSchema(doc: unknown): readonly CsafFinding[] {
  // Compiled once, on first use: compiling the CSAF schema takes tens of milliseconds.
  compiled ??= compileCsafSchema(csafJsonSchema)
  const validate = compiled
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
