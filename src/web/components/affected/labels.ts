import type { AffectedEntry, AffectedGroup, FleetStatus } from '../../../domain/affected/index.js'

export type { AffectedEntry, AffectedGroup, FleetStatus }

/** The statuses in words. */
export const STATUS_LABELS: Readonly<Record<FleetStatus, string>> = {
  known_affected: 'Affected',
  under_investigation: 'Under investigation',
  fixed: 'Fixed',
  known_not_affected: 'Not affected',
}

/** Where a line comes from, in words. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  csaf_advisory: 'CSAF advisory (knowledge base)',
  published_advisory: "Manufacturer's published advisory",
  manufacturer_findings: "Manufacturer's findings for the linked product version",
}

/** A confidence as a percentage with its level. */
export function confidenceText(confidence: number): string {
  const level = confidence >= 0.85 ? 'high' : confidence >= 0.5 ? 'medium' : 'low'
  return `${Math.round(confidence * 100)}% (${level})`
}

/** The colour class of a status badge. */
export function statusClass(status: FleetStatus): string {
  return status === 'known_affected' ? 'error' : status === 'under_investigation' ? 'warning' : 'muted'
}
