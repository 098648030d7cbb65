/** Why a value of parsed request input cannot be accepted, and where it is (a JSON-pointer-like path). */
export interface UnstorableInput {
  readonly path: string
  readonly problem: string
}

/**
 * The first value in parsed request input that the database cannot store: text holding a NUL character (PostgreSQL
 * text cannot) or a number that is not finite (JSON `1e999` parses to Infinity). Refused up front with a 400
 * instead of failing in the database with a 500.
 */
export function findUnstorableInput(value: unknown): UnstorableInput | undefined {
  // Iterative, so that deeply nested JSON cannot overflow the stack.
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }]
  while (pending.length > 0) {
    const next = pending.pop()!
    const path = next.path || '/'
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) return { path, problem: 'text may not contain NUL characters' }
    } else if (typeof next.value === 'number') {
      if (!Number.isFinite(next.value)) return { path, problem: 'numbers must be finite' }
    } else if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => pending.push({ value: item, path: `${next.path}/${index}` }))
    } else if (next.value !== null && typeof next.value === 'object' && !Buffer.isBuffer(next.value)) {
      for (const [key, item] of Object.entries(next.value)) {
        if (key.includes('\u0000')) return { path: `${next.path}/${key.replaceAll('\u0000', '\\u0000')}`, problem: 'text may not contain NUL characters' }
        pending.push({ value: item, path: `${next.path}/${key}` })
      }
    }
  }
  return undefined
}

/**
 * The first query parameter the route's schema declares a number whose text is not a finite number ("1e400",
 * "Infinity"), or undefined. ajv coerces such text to Infinity and then lets it past `maximum`, so it is refused here.
 */
export function findNonFiniteNumber(query: unknown, querySchema: unknown): string | undefined {
  const properties = (querySchema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties
  if (!properties || query === null || typeof query !== 'object') return undefined
  for (const [name, value] of Object.entries(query)) {
    const type = properties[name]?.type
    if ((type === 'integer' || type === 'number') && typeof value === 'string' && Math.abs(Number(value)) === Infinity) return name
  }
  return undefined
}
