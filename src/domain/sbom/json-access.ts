/** A JSON object as read from a document: keys to unknown values. */
export type JsonObject = Readonly<Record<string, unknown>>

/** The value as a JSON object, or undefined. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined
}

/** The value as an array (an empty one when it is not an array). */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** The value as a non-empty trimmed string, or undefined. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/** Keeps only the keys whose value is defined, so optional model fields are absent rather than undefined. */
export function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v
  return out as T
}
