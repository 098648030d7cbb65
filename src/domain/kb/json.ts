/** A JSON object as read from a feed: any keys, unknown values. */
export type JsonRecord = Readonly<Record<string, unknown>>

/** The value as an object, or undefined. */
export function objectOf(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined
}

/** The value as an array (empty when it is not one). */
export function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** The value as a non-empty string, or null. */
export function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null
}

/** The non-empty strings of an array. */
export function textsOf(value: unknown): string[] {
  return arrayOf(value).filter((v): v is string => typeof v === 'string' && v.trim() !== '')
}

/** The value as a finite number, or null. */
export function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The objects of an array. */
export function objectsOf(value: unknown): JsonRecord[] {
  return arrayOf(value).map(objectOf).filter((v): v is JsonRecord => v !== undefined)
}

/** Unique values in first-seen order. */
export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)]
}
