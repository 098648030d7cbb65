// The strict copy of the CSAF schema behind test 6.2.20, from which scripts/gen-csaf-validators.ts generates a validator.

/**
 * Copies a schema, adding `additionalProperties: false` to every subschema that lists `properties` and says nothing
 * else (scripts/gen-csaf-validators.ts generates the strict validator from this copy).
 */
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
