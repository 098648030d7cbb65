import Ajv2020 from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { csafJsonSchema } from './schema/csaf-json-schema.js'
import { cvssV20Schema } from './schema/cvss-v2.0-schema.js'
import { cvssV30Schema } from './schema/cvss-v3.0-schema.js'
import { cvssV31Schema } from './schema/cvss-v3.1-schema.js'
import type { CsafFinding } from './types.js'

let compiled: ValidateFunction | undefined

// Compiled once, on first use: compiling the CSAF schema takes tens of milliseconds.
function validator(): ValidateFunction {
  if (compiled) return compiled
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  // The CVSS schemas are referenced by URL without the date query some of them carry in their own $id.
  ajv.addSchema(withoutId(cvssV20Schema), 'https://www.first.org/cvss/cvss-v2.0.json')
  ajv.addSchema(withoutId(cvssV30Schema), 'https://www.first.org/cvss/cvss-v3.0.json')
  ajv.addSchema(withoutId(cvssV31Schema), 'https://www.first.org/cvss/cvss-v3.1.json')
  compiled = ajv.compile(csafJsonSchema)
  return compiled
}

function withoutId(schema: Readonly<Record<string, unknown>>): Record<string, unknown> {
  // Draft-04 schemas name it `id`, which ajv 2020 refuses; the URL given to addSchema identifies them instead.
  const { $id: _id, id: _legacyId, $schema: _schema, ...rest } = schema
  return rest
}

const cvssPath = /^\/vulnerabilities\/\d+\/scores\/\d+\/cvss_v[23](\/|$)/

/**
 * Validates a parsed document against the CSAF 2.0 JSON schema (with the FIRST CVSS schemas). Errors inside a CVSS
 * object are reported as test 6.1.8 (Invalid CVSS), all others as test `schema`.
 */
export function validateCsafSchema(doc: unknown): readonly CsafFinding[] {
  const validate = validator()
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
