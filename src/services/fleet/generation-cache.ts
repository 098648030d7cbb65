/** The bounds of a {@link GenerationCache}: how many slots and how much total weight (e.g. devices) it keeps per database. */
export interface CacheLimits {
  readonly slots: number
  readonly weight: number
}

/**
 * A bounded in-process cache of computed views, per database handle: one value per slot (an organization), kept
 * under the key it was computed for (its generations) and replaced when a request brings another key. Values are
 * promises, so concurrent requests for the same key share one computation; a failed computation is not kept.
 */
export interface GenerationCache<T> {
  /** The value of the slot for this key: the cached one, else `compute()` (then cached, weighed by `weigh`). */
  readonly get: (db: object, slot: string, key: string, compute: () => Promise<T>, weigh?: (value: T) => number) => Promise<T>
  /** The cached value of the slot when it was computed for this key (finished or not), without computing anything. */
  readonly peek: (db: object, slot: string, key: string) => Promise<T> | undefined
}

interface Cached<T> {
  readonly key: string
  readonly value: Promise<T>
  weight: number
}

/** Creates a cache bounded by `limits` per database handle; the least recently used slots go first. */
export function generationCache<T>(limits: CacheLimits): GenerationCache<T> {
  const byDatabase = new WeakMap<object, Map<string, Cached<T>>>()
  const slotsOf = (db: object) => {
    let slots = byDatabase.get(db)
    if (!slots) byDatabase.set(db, (slots = new Map()))
    return slots
  }
  const evict = (slots: Map<string, Cached<T>>, keep: string) => {
    let total = 0
    for (const entry of slots.values()) total += entry.weight
    for (const [slot, entry] of slots) {
      if (slots.size <= limits.slots && total <= limits.weight) break
      if (slot === keep) continue
      slots.delete(slot)
      total -= entry.weight
    }
  }
  return {
    peek(db, slot, key) {
      const hit = byDatabase.get(db)?.get(slot)
      return hit?.key === key ? hit.value : undefined
    },
    async get(db, slot, key, compute, weigh = () => 1) {
      const slots = slotsOf(db)
      const hit = slots.get(slot)
      slots.delete(slot) // re-inserted last: Map order is the recency order
      if (hit?.key === key) {
        slots.set(slot, hit)
        return hit.value
      }
      const entry: Cached<T> = { key, value: compute(), weight: 0 }
      slots.set(slot, entry)
      try {
        const value = await entry.value
        entry.weight = weigh(value)
        evict(slots, slot)
        return value
      } catch (error) {
        if (slots.get(slot) === entry) slots.delete(slot)
        throw error
      }
    },
  }
}

/** Values derived from a computed object (a sorted listing, a dashboard), computed once per object and kept with it. */
export function derivedOf<T>(owner: object, name: string, build: () => T): T {
  let values = DERIVED.get(owner)
  if (!values) DERIVED.set(owner, (values = new Map()))
  if (values.has(name)) return values.get(name) as T
  const value = build()
  values.set(name, value)
  return value
}

const DERIVED = new WeakMap<object, Map<string, unknown>>()

/** Compares strings as `a.localeCompare(b)` does (the default collation), with one collator built once: much faster. */
export const compareText = new Intl.Collator().compare
