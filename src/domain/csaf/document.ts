// Defensive accessors over an untyped CSAF document: every test must survive any JSON value without throwing.

// Several tests need the same walks over one document. Inside withWalkCache each walk runs once per document; the
// cache lives only for that call, so a document edited between two validations is never judged by stale walks.
// One validation reads one document, so the cache holds that document and one slot per memoized walk (a plain
// array: the tests make dozens of lookups per document, and a WeakMap or Map lookup each would be measurable).
interface WalkCache {
  doc: object | undefined
  readonly results: unknown[]
}

let activeCache: WalkCache | undefined
let walkCount = 0
const notComputed = Symbol('not computed')
// The cache of the outermost validation is reused from call to call (its slots are reset), so that a validation
// allocates no cache; a nested one (not done today) gets its own.
let spareCache: WalkCache | undefined

/** Runs `fn` with the document walks cached, for one validation of documents that do not change meanwhile. */
export function withWalkCache<T>(fn: () => T): T {
  const outer = activeCache
  // The spare cache was cleared when it was put back; its size changes only if walks are defined after a validation.
  const cache = spareCache && spareCache.results.length === walkCount ? spareCache : { doc: undefined, results: new Array<unknown>(walkCount).fill(notComputed) }
  spareCache = undefined
  activeCache = cache
  try {
    return fn()
  } finally {
    activeCache = outer
    // Drop the document and the walks at once, so the cache keeps nothing alive between validations.
    cache.doc = undefined
    cache.results.fill(notComputed)
    spareCache = cache
  }
}

/** Wraps a walk over a document so that inside {@link withWalkCache} it runs once per document. */
export function memoized<T>(walk: (doc: unknown) => T): (doc: unknown) => T {
  const slot = walkCount++
  return (doc: unknown): T => {
    const cache = activeCache
    if (!cache || typeof doc !== 'object' || doc === null) return walk(doc)
    cache.doc ??= doc
    // Another document inside the same validation (not done today) is simply not cached.
    if (cache.doc !== doc) return walk(doc)
    const cached = cache.results[slot]
    if (cached !== notComputed && slot < cache.results.length) return cached as T
    const result = walk(doc)
    cache.results[slot] = result
    return result
  }
}

/** A JSON object as a read-only record. */
export type JsonObject = Readonly<Record<string, unknown>>

/** The value as an object, or undefined when it is not a plain JSON object. */
export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined
}

/** The value as an array, or an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** The value as a string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

/** Follows a chain of property names (up to four) through nested objects. */
export function dig(value: unknown, first: string, second?: string, third?: string, fourth?: string): unknown {
  // Fixed parameters instead of a rest array: the tests call this dozens of times per document.
  let current = asObject(value)?.[first]
  if (second === undefined) return current
  current = asObject(current)?.[second]
  if (third === undefined) return current
  current = asObject(current)?.[third]
  if (fourth === undefined) return current
  return asObject(current)?.[fourth]
}

/** A value found in the document together with its JSON pointer. */
export interface Located<T> {
  readonly value: T
  readonly path: string
}

/** Every string of an array property, with its path. */
export function stringsAt(array: unknown, path: string): Located<string>[] {
  const found: Located<string>[] = []
  asArray(array).forEach((item, index) => {
    if (typeof item === 'string') found.push({ value: item, path: `${path}/${index}` })
  })
  return found
}

/** A full_product_name object found in the product tree with its path. */
export type LocatedProduct = Located<JsonObject>

/** Every branch of the product tree (depth first) with its path. */
export const branchesOf: (doc: unknown) => Located<JsonObject>[] = memoized((doc: unknown): Located<JsonObject>[] => {
  const found: Located<JsonObject>[] = []
  const walk = (branches: unknown, path: string, depth: number) => {
    // The schema allows at most 30 levels; the guard only protects against hostile input.
    if (depth > 64) return
    asArray(branches).forEach((branch, index) => {
      const object = asObject(branch)
      if (!object) return
      const branchPath = `${path}/${index}`
      found.push({ value: object, path: branchPath })
      walk(object.branches, `${branchPath}/branches`, depth + 1)
    })
  }
  walk(dig(doc, 'product_tree', 'branches'), '/product_tree/branches', 0)
  return found
})

/** Every full_product_name object in the product tree (branches, full_product_names, relationships). */
export const fullProductNamesOf: (doc: unknown) => LocatedProduct[] = memoized((doc: unknown): LocatedProduct[] => {
  const found: LocatedProduct[] = []
  for (const branch of branchesOf(doc)) {
    const product = asObject(branch.value.product)
    if (product) found.push({ value: product, path: `${branch.path}/product` })
  }
  asArray(dig(doc, 'product_tree', 'full_product_names')).forEach((item, index) => {
    const product = asObject(item)
    if (product) found.push({ value: product, path: `/product_tree/full_product_names/${index}` })
  })
  asArray(dig(doc, 'product_tree', 'relationships')).forEach((item, index) => {
    const product = asObject(asObject(item)?.full_product_name)
    if (product) found.push({ value: product, path: `/product_tree/relationships/${index}/full_product_name` })
  })
  return found
})

/** Every product id definition with the path of its product_id property. */
export const productIdDefinitions: (doc: unknown) => Located<string>[] = memoized((doc: unknown): Located<string>[] => {
  const found: Located<string>[] = []
  for (const product of fullProductNamesOf(doc)) {
    const id = asString(product.value.product_id)
    if (id !== undefined) found.push({ value: id, path: `${product.path}/product_id` })
  }
  return found
})

/** The product status lists of CSAF 2.0. */
export const productStatusNames = [
  'first_affected',
  'first_fixed',
  'fixed',
  'known_affected',
  'known_not_affected',
  'last_affected',
  'recommended',
  'under_investigation',
] as const

/** The vulnerabilities, each with its index. */
export const vulnerabilitiesOf: (doc: unknown) => { readonly vulnerability: JsonObject; readonly path: string }[] = memoized((doc: unknown): { readonly vulnerability: JsonObject; readonly path: string }[] => {
  const found: { vulnerability: JsonObject; path: string }[] = []
  asArray(asObject(doc)?.vulnerabilities).forEach((item, index) => {
    const vulnerability = asObject(item)
    if (vulnerability) found.push({ vulnerability, path: `/vulnerabilities/${index}` })
  })
  return found
})

/** The objects of an array property of a parent object, each with its path. */
export function objectsAt(parent: JsonObject, key: string, parentPath: string): Located<JsonObject>[] {
  const found: Located<JsonObject>[] = []
  asArray(parent[key]).forEach((item, index) => {
    const object = asObject(item)
    if (object) found.push({ value: object, path: `${parentPath}/${key}/${index}` })
  })
  return found
}

/** Every product id reference outside the definitions, with its path (the list of test 6.1.1). */
export const productIdReferences: (doc: unknown) => Located<string>[] = memoized((doc: unknown): Located<string>[] => {
  const found: Located<string>[] = []
  const tree = asObject(asObject(doc)?.product_tree)
  if (tree) {
    for (const group of objectsAt(tree, 'product_groups', '/product_tree')) {
      found.push(...stringsAt(group.value.product_ids, `${group.path}/product_ids`))
    }
    for (const relationship of objectsAt(tree, 'relationships', '/product_tree')) {
      for (const key of ['product_reference', 'relates_to_product_reference']) {
        const id = asString(relationship.value[key])
        if (id !== undefined) found.push({ value: id, path: `${relationship.path}/${key}` })
      }
    }
  }
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    found.push(...productIdReferencesIn(vulnerability, path))
  }
  return found
})

/** The product id references inside one vulnerability. */
export function productIdReferencesIn(vulnerability: JsonObject, path: string): Located<string>[] {
  const found: Located<string>[] = []
  const status = asObject(vulnerability.product_status)
  if (status) {
    for (const name of productStatusNames) found.push(...stringsAt(status[name], `${path}/product_status/${name}`))
  }
  for (const remediation of objectsAt(vulnerability, 'remediations', path)) {
    found.push(...stringsAt(remediation.value.product_ids, `${remediation.path}/product_ids`))
  }
  for (const score of objectsAt(vulnerability, 'scores', path)) {
    found.push(...stringsAt(score.value.products, `${score.path}/products`))
  }
  for (const threat of objectsAt(vulnerability, 'threats', path)) {
    found.push(...stringsAt(threat.value.product_ids, `${threat.path}/product_ids`))
  }
  for (const flag of objectsAt(vulnerability, 'flags', path)) {
    found.push(...stringsAt(flag.value.product_ids, `${flag.path}/product_ids`))
  }
  return found
}

/** The members of each product group (group id -> product ids). */
export const productGroupMembers: (doc: unknown) => ReadonlyMap<string, readonly string[]> = memoized((doc: unknown): ReadonlyMap<string, readonly string[]> => {
  const members = new Map<string, string[]>()
  const tree = asObject(asObject(doc)?.product_tree)
  if (!tree) return members
  for (const group of objectsAt(tree, 'product_groups', '/product_tree')) {
    const id = asString(group.value.group_id)
    if (id === undefined) continue
    const list = members.get(id) ?? []
    list.push(...stringsAt(group.value.product_ids, '').map((s) => s.value))
    members.set(id, list)
  }
  return members
})

/** The product ids an object (remediation, threat, flag) names directly or through its product groups. */
export function productsNamedBy(item: JsonObject, groups: ReadonlyMap<string, readonly string[]>): Set<string> {
  const ids = new Set(stringsAt(item.product_ids, '').map((s) => s.value))
  for (const group of stringsAt(item.group_ids, '')) {
    for (const id of groups.get(group.value) ?? []) ids.add(id)
  }
  return ids
}

/** Every hash object (file_hashes entry) of the product identification helpers, with its path. */
export function fileHashesOf(doc: unknown): Located<JsonObject>[] {
  const found: Located<JsonObject>[] = []
  for (const product of fullProductNamesOf(doc)) {
    const helper = asObject(product.value.product_identification_helper)
    if (!helper) continue
    for (const hash of objectsAt(helper, 'hashes', `${product.path}/product_identification_helper`)) {
      found.push(...objectsAt(hash.value, 'file_hashes', hash.path))
    }
  }
  return found
}

/** The file_hashes lists: one entry per hashes item, each the list of its hash objects. */
export function hashListsOf(doc: unknown): Located<readonly Located<JsonObject>[]>[] {
  const found: Located<readonly Located<JsonObject>[]>[] = []
  for (const product of fullProductNamesOf(doc)) {
    const helper = asObject(product.value.product_identification_helper)
    if (!helper) continue
    for (const hash of objectsAt(helper, 'hashes', `${product.path}/product_identification_helper`)) {
      found.push({ value: objectsAt(hash.value, 'file_hashes', hash.path), path: `${hash.path}/file_hashes` })
    }
  }
  return found
}
