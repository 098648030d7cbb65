import { fleetStatuses, type AffectedEntry, type AffectedSource, type FleetStatus } from './model.js'

/** One vulnerability of one advisory (or of the manufacturer's findings) across the fleet: counts and serials per status. */
export interface AffectedGroup {
  readonly advisory: string | null
  readonly advisoryTitle: string | null
  readonly vulnerability: string
  readonly source: AffectedSource
  readonly counts: Readonly<Record<FleetStatus, number>>
  /** Serial numbers (asset tags of devices without one) per status, sorted. */
  readonly serials: Readonly<Record<FleetStatus, readonly string[]>>
}

/** Groups affected-device lines by advisory and vulnerability, most exposed first. */
export function summarizeAffected(entries: readonly AffectedEntry[]): AffectedGroup[] {
  const groups = new Map<string, { head: AffectedEntry; serials: Record<FleetStatus, string[]> }>()
  for (const e of entries) {
    const key = `${e.advisory ?? ''}\u0000${e.vulnerability}\u0000${e.source}`
    const group = groups.get(key) ?? { head: e, serials: { known_affected: [], under_investigation: [], fixed: [], known_not_affected: [] } }
    group.serials[e.status].push(e.device.serialNumber ?? e.device.assetTag)
    groups.set(key, group)
  }
  return [...groups.values()]
    .map(({ head, serials }) => {
      const sorted = Object.fromEntries(fleetStatuses.map((s) => [s, [...serials[s]].sort()])) as Record<FleetStatus, string[]>
      const counts = Object.fromEntries(fleetStatuses.map((s) => [s, serials[s].length])) as Record<FleetStatus, number>
      return { advisory: head.advisory, advisoryTitle: head.advisoryTitle, vulnerability: head.vulnerability, source: head.source, counts, serials: sorted }
    })
    .sort((a, b) => b.counts.known_affected - a.counts.known_affected || b.counts.under_investigation - a.counts.under_investigation || (a.advisory ?? '~').localeCompare(b.advisory ?? '~') || a.vulnerability.localeCompare(b.vulnerability))
}
