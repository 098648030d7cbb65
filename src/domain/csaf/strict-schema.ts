// Test 6.2.20 (Additional Properties): the CSAF schema made strict by forbidding properties it does not define.
import type { ValidateFunction } from 'ajv/dist/2020.js'
import { compileCsafSchema } from './ajv.js'
import { csafJsonSchema } from './schema/csaf-json-schema.js'

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

/** The properties of a document that the CSAF 2.0 schema does not define, as path and message. */
export function additionalPropertyFindings(doc: unknown): { path: string; message: string }[] {
  compiled ??= compileCsafSchema(csafJsonSchema, { prepare: strictCopy })
  const validate = compiled
  if (validate(doc)) return []
  return (validate.errors ?? [])
    .filter((error) => error.keyword === 'additionalProperties')
    .map((error) => ({
      path: `${error.instancePath}/${String(error.params.additionalProperty)}`,
      message: `property '${String(error.params.additionalProperty)}' is not defined by the CSAF 2.0 schema`,
    }))
}
