// Test 6.2.20 (Additional Properties): the CSAF schema made strict by forbidding properties it does not define.
import Ajv2020 from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { csafJsonSchema } from './schema/csaf-json-schema.js'
import { cvssV20Schema } from './schema/cvss-v2.0-schema.js'
import { cvssV30Schema } from './schema/cvss-v3.0-schema.js'
import { cvssV31Schema } from './schema/cvss-v3.1-schema.js'

/** Copies a schema, adding `additionalProperties: false` to every subschema that lists `properties` and says nothing else. */
export function strictCopy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictCopy)
  if (typeof schema !== 'object' || schema === null) return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    // enum and const hold data, not subschemas.
    copy[key] = key === 'enum' || key === 'const' ? value : strictCopy(value)
  }
  if ('properties' in copy && !('additionalProperties' in copy) && !('patternProperties' in copy)) copy.additionalProperties = false
  return copy
}

let compiled: ValidateFunction | undefined

function validator(): ValidateFunction {
  if (compiled) return compiled
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  const prepare = (schema: Readonly<Record<string, unknown>>) => {
    const { $id: _id, id: _legacyId, $schema: _schema, ...rest } = strictCopy(schema) as Record<string, unknown>
    return rest
  }
  ajv.addSchema(prepare(cvssV20Schema), 'https://www.first.org/cvss/cvss-v2.0.json')
  ajv.addSchema(prepare(cvssV30Schema), 'https://www.first.org/cvss/cvss-v3.0.json')
  ajv.addSchema(prepare(cvssV31Schema), 'https://www.first.org/cvss/cvss-v3.1.json')
  compiled = ajv.compile(strictCopy(csafJsonSchema) as Record<string, unknown>)
  return compiled
}

/** The properties of a document that the CSAF 2.0 schema does not define, as path and message. */
export function additionalPropertyFindings(doc: unknown): { path: string; message: string }[] {
  const validate = validator()
  if (validate(doc)) return []
  return (validate.errors ?? [])
    .filter((error) => error.keyword === 'additionalProperties')
    .map((error) => ({
      path: `${error.instancePath}/${String(error.params.additionalProperty)}`,
      message: `property '${String(error.params.additionalProperty)}' is not defined by the CSAF 2.0 schema`,
    }))
}
