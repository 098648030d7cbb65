import type { SupportGap, SupportStatus } from '../../domain/lifecycle/support-life.js'

/** A device as the API returns it. */
export interface Device {
  id: string
  asset_tag: string
  serial_number: string | null
  manufacturer: string | null
  model: string | null
  udi_di: string | null
  software_version: string | null
  modality: string | null
  location: string | null
  department: string | null
  ip_address: string | null
  mac_address: string | null
  hostname: string | null
  vlan: number | null
  ae_title: string | null
  dicom_port: number | null
  criticality: string | null
  stores_phi: boolean
  internet_exposed: boolean
  install_date: string | null
  clinical_end_of_life: string | null
  owner: string | null
  status: string
  product_version_id: string | null
  link_source: string | null
  link_confidence: number | null
  replacement_cost: number | null
  patch_status: string | null
}

/** The fleet's security-support position. */
export interface LifecycleSummary {
  today: string
  horizonDays: number
  devices: number
  linked: number
  bySupport: Record<SupportStatus, number>
  withGap: number
  unsupportedDeviceYears: number
  attention: { id: string; assetTag: string; support: SupportStatus; securityEndOfSupport: string | null; clinicalEndOfLife: string | null; gap: SupportGap }[]
}

/** Reads a browser file as base64, in chunks so large files do not overflow the call stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** A readable support status. */
export function supportLabel(status: SupportStatus): string {
  return { ended: 'support ended', ending_soon: 'support ending soon', supported: 'supported', unknown: 'unknown' }[status]
}

/** A readable gap. */
export function gapLabel(gap: SupportGap): string {
  if (gap.kind === 'gap') return `${gap.gapYears} years unsupported in clinical use`
  if (gap.kind === 'covered') return 'support outlasts clinical life'
  return `unknown (no ${gap.missing.map((m) => (m === 'securityEndOfSupport' ? 'security end of support' : 'clinical end of life')).join(' or ')})`
}
