/** How strongly an id family is preferred as the name of a vulnerability: CVE first, then GHSA, then the rest. */
function rank(id: string): number {
  if (/^CVE-\d{4}-\d+$/i.test(id)) return 0
  if (/^GHSA-/i.test(id)) return 1
  return 2
}

/** Orders ids so that the first is the canonical name of their group (CVE, then GHSA, then others; then by text). */
export function compareCanonical(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** The canonical id among some ids (see {@link compareCanonical}). */
export function canonicalId(ids: Iterable<string>): string {
  let best: string | undefined
  for (const id of ids) if (best === undefined || compareCanonical(id, best) < 0) best = id
  if (best === undefined) throw new Error('canonicalId needs at least one id')
  return best
}

/** The outcome of merging new alias statements into existing groups. */
export interface AliasMerge {
  /** The group of each input statement, in input order. */
  readonly groups: readonly string[]
  /** Every alias to (re)assign to a group. */
  readonly assignments: ReadonlyMap<string, string>
  /** Existing groups that were merged into another: old id -> new id. */
  readonly renames: ReadonlyMap<string, string>
}

/**
 * Merges statements' id lists (each list: ids one source says are the same vulnerability) into alias groups, given
 * the group each already-known alias belongs to. Groups joined by a shared id become one group named by the
 * canonical id of all their ids; since an existing group is named by its own canonical id, comparing group names
 * and new ids is enough.
 */
export function mergeAliasGroups(statements: readonly (readonly string[])[], existing: ReadonlyMap<string, string>): AliasMerge {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root) as string
    let node = x
    while (node !== root) {
      const next = parent.get(node) as string
      parent.set(node, root)
      node = next
    }
    return root
  }
  const union = (a: string, b: string) => {
    const ra = find(a)
    const rb = find(b)
    if (ra === rb) return
    if (compareCanonical(ra, rb) <= 0) parent.set(rb, ra)
    else parent.set(ra, rb)
  }
  // Each alias stands for its existing group's name, so that joins happen between group names.
  const node = (id: string) => {
    const group = existing.get(id)
    if (!parent.has(id)) parent.set(id, id)
    if (group !== undefined) {
      if (!parent.has(group)) parent.set(group, group)
      union(id, group)
    }
    return id
  }
  for (const ids of statements) {
    const first = ids[0]
    if (first === undefined) continue
    node(first)
    for (const id of ids.slice(1)) union(first, node(id))
  }
  const assignments = new Map<string, string>()
  for (const ids of statements) for (const id of ids) assignments.set(id, find(id))
  const renames = new Map<string, string>()
  for (const group of new Set(existing.values())) {
    if (parent.has(group)) {
      const root = find(group)
      if (root !== group) renames.set(group, root)
    }
  }
  return { groups: statements.map((ids) => (ids[0] === undefined ? '' : find(ids[0]))), assignments, renames }
}
