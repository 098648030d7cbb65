import type { Kysely } from 'kysely'
import { identityKey, type DeviceRecord } from '../../domain/inventory/index.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { fleetRepository } from '../../store/repositories/fleet.js'

/**
 * Links newly created devices to the product version a person confirmed earlier for identical devices (same
 * normalised manufacturer, model and version). Works from the created records, so an import of 100,000 devices does
 * not re-read them. Returns how many devices were linked.
 */
export async function reuseConfirmedLinks(db: Kysely<Database>, scope: OrgScope, created: readonly { readonly id: string; readonly record: DeviceRecord }[]): Promise<number> {
  if (created.length === 0) return 0
  const rules = await fleetRepository.listLinkRules(db, scope)
  if (rules.length === 0) return 0
  const ruleByKey = new Map(rules.map((r) => [r.identityKey, r]))
  const groups = new Map<string, string[]>()
  for (const { id, record } of created) {
    const key = identityKey({ manufacturer: record.manufacturer ?? null, model: record.model ?? null, softwareVersion: record.softwareVersion ?? null })
    if (!key || !ruleByKey.has(key)) continue
    const ids = groups.get(key)
    if (ids) ids.push(id)
    else groups.set(key, [id])
  }
  let linked = 0
  for (const [key, ids] of groups) {
    const rule = ruleByKey.get(key)!
    linked += await deviceRepository.setLink(db, scope, ids, { productVersionId: rule.productVersionId, source: 'reused', confidence: rule.confidence, by: 'reused confirmed link' })
  }
  return linked
}
