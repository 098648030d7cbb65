import type { Kysely } from 'kysely'
import { identityKey } from '../../domain/inventory/index.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { fleetRepository } from '../../store/repositories/fleet.js'

/**
 * Links unlinked devices to the product version a person confirmed earlier for identical devices (same normalised
 * manufacturer, model and version). Limited to `onlyIds` when given. Returns how many devices were linked.
 */
export async function reuseConfirmedLinks(db: Kysely<Database>, scope: OrgScope, onlyIds?: readonly string[]): Promise<number> {
  if (onlyIds && onlyIds.length === 0) return 0
  const rules = await fleetRepository.listLinkRules(db, scope)
  if (rules.length === 0) return 0
  const ruleByKey = new Map(rules.map((r) => [r.identityKey, r]))
  const wanted = onlyIds ? new Set(onlyIds) : undefined
  const groups = new Map<string, { rule: (typeof rules)[number]; ids: string[] }>()
  for (const device of await deviceRepository.listUnlinked(db, scope)) {
    if (wanted && !wanted.has(device.id)) continue
    const key = identityKey({ manufacturer: device.manufacturer, model: device.model, softwareVersion: device.software_version })
    const rule = key ? ruleByKey.get(key) : undefined
    if (!key || !rule) continue
    const group = groups.get(key) ?? { rule, ids: [] }
    group.ids.push(device.id)
    groups.set(key, group)
  }
  let linked = 0
  for (const { rule, ids } of groups.values()) {
    linked += await deviceRepository.setLink(db, scope, ids, { productVersionId: rule.productVersionId, source: 'reused', confidence: rule.confidence, by: 'reused confirmed link' })
  }
  return linked
}
