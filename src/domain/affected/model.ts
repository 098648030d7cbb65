/** The status of a device for one vulnerability, in CSAF's words. */
export type FleetStatus = 'known_affected' | 'under_investigation' | 'fixed' | 'known_not_affected'

/** Every status, most urgent first. */
export const fleetStatuses: readonly FleetStatus[] = ['known_affected', 'under_investigation', 'fixed', 'known_not_affected']

/** Where a device's status comes from. */
export type AffectedSource = 'csaf_advisory' | 'published_advisory' | 'manufacturer_findings'

/** A manufacturer's remediation for the device (CSAF remediation, or the response of a triage decision). */
export interface Remediation {
  readonly category: string
  readonly details: string
  readonly url: string | null
}

/** The device fields an affected-devices line names. */
export interface AffectedDeviceRef {
  readonly id: string
  readonly assetTag: string
  readonly serialNumber: string | null
  readonly manufacturer: string | null
  readonly model: string | null
  readonly softwareVersion: string | null
}

/** One (device, vulnerability, advisory) line: the status, where it comes from, how sure, why, and what to do. */
export interface AffectedEntry {
  readonly device: AffectedDeviceRef
  /** The CSAF tracking id, or null for the manufacturer's findings. */
  readonly advisory: string | null
  readonly advisoryTitle: string | null
  readonly vulnerability: string
  readonly status: FleetStatus
  readonly source: AffectedSource
  /** From 0 to 1: vendor x product x version (x serial number) for advisories; the finding's confidence for findings. */
  readonly confidence: number
  /** What matched: vendor, product_name, model_number, udi_di, serial_number, version, version_range, linked_product_version... */
  readonly matchedOn: readonly string[]
  /** The explanation of each step, in words. */
  readonly reasons: readonly string[]
  /** The manufacturer's not-affected justification (VEX) when the status is known_not_affected. */
  readonly justification: string | null
  readonly remediations: readonly Remediation[]
  /** The advisory's description of the vulnerability, or the manufacturer's decision detail. */
  readonly guidance: string | null
  /** A CVSS vector the source states, when it states one. */
  readonly cvss: string | null
}
