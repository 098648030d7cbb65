import type { Component } from './model.js'

/** A field of a component that differs between two lists. */
export interface FieldChange {
  readonly field: string
  readonly before: unknown
  readonly after: unknown
}

/** A component present in both lists under the same key, with the fields that differ. */
export interface ComponentChange {
  readonly key: string
  readonly before: Component
  readonly after: Component
  readonly fields: readonly FieldChange[]
}

/** What changed from one component list to another. */
export interface ComponentDiff {
  readonly added: readonly Component[]
  readonly removed: readonly Component[]
  readonly changed: readonly ComponentChange[]
}

/** The fields compared; ref and parent are document-local and left out. */
const comparedFields = ['type', 'name', 'group', 'version', 'description', 'scope', 'supplier', 'manufacturer', 'publisher', 'author', 'purl', 'cpe', 'swid', 'hashes', 'licenses', 'copyright', 'properties', 'supportLevel', 'endOfSupport'] as const

/** The key a component is matched by across lists: its purl, else type, group/name and version. */
export function componentKey(component: Component): string {
  if (component.purl !== undefined) return `purl:${component.purl}`
  const name = component.group === undefined ? component.name : `${component.group}/${component.name}`
  return `nvt:${component.type}:${name}@${component.version ?? ''}`
}

/** Diffs two component lists into added, removed and changed components (changed fields listed). */
export function diffComponents(before: readonly Component[], after: readonly Component[]): ComponentDiff {
  const beforeByKey = keyed(before)
  const afterByKey = keyed(after)
  const added: Component[] = []
  const removed: Component[] = []
  const changed: ComponentChange[] = []
  for (const [key, old] of beforeByKey) {
    const now = afterByKey.get(key)
    if (now === undefined) {
      removed.push(old)
      continue
    }
    const fields: FieldChange[] = []
    for (const field of comparedFields) {
      if (JSON.stringify(old[field]) !== JSON.stringify(now[field])) fields.push({ field, before: old[field], after: now[field] })
    }
    if (fields.length > 0) changed.push({ key, before: old, after: now, fields })
  }
  for (const [key, now] of afterByKey) if (!beforeByKey.has(key)) added.push(now)
  return { added, removed, changed }
}

/** Components by key; a repeated key gets #2, #3... so duplicates are matched in order, not lost. */
function keyed(components: readonly Component[]): Map<string, Component> {
  const map = new Map<string, Component>()
  for (const component of components) {
    const base = componentKey(component)
    let key = base
    for (let n = 2; map.has(key); n++) key = `${base}#${n}`
    map.set(key, component)
  }
  return map
}
