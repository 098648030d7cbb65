/**
 * Security support life against clinical life (domain brief §12): a device whose manufacturer stops security support
 * before the hospital stops using it runs unsupported for the gap, a risk-transfer period that needs compensating
 * controls and a replacement or upgrade plan. Dates are ISO 8601 calendar dates (YYYY-MM-DD), compared in UTC.
 */

const DAY_MS = 86_400_000

/** Where a device stands against its manufacturer's security end of support on a given day. */
export type SupportStatus = 'unknown' | 'supported' | 'ending_soon' | 'ended'

/** The gap between security support and clinical life for one device. */
export type SupportGap =
  | { readonly kind: 'unknown'; readonly missing: readonly ('securityEndOfSupport' | 'clinicalEndOfLife')[] }
  /** Support lasts until (or beyond) the end of clinical use; the margin is how many days longer. */
  | { readonly kind: 'covered'; readonly marginDays: number }
  /** Support ends first; the device is expected to run unsupported for `gapDays`. */
  | { readonly kind: 'gap'; readonly gapDays: number; readonly gapYears: number }

/** Days from one calendar date to another (negative when `to` is earlier); undefined when either is not YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number | undefined {
  const a = utcDay(from)
  const b = utcDay(to)
  return a === undefined || b === undefined ? undefined : Math.round((b - a) / DAY_MS)
}

function utcDay(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return undefined
  const time = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  // Date.UTC rolls 2025-13-01 over into 2026; a date that does not survive the round trip is not a date.
  return new Date(time).toISOString().slice(0, 10) === date ? time : undefined
}

/** Whether security support has ended on `today`, ends within `horizonDays` (default 365), or continues; unknown without a date. */
export function supportStatus(securityEndOfSupport: string | null | undefined, today: string, horizonDays = 365): SupportStatus {
  if (!securityEndOfSupport) return 'unknown'
  const left = daysBetween(today, securityEndOfSupport)
  if (left === undefined) return 'unknown'
  if (left < 0) return 'ended'
  return left <= horizonDays ? 'ending_soon' : 'supported'
}

/** The gap between the manufacturer's security end of support and the hospital's expected clinical end of life. */
export function supportGap(input: { readonly clinicalEndOfLife?: string | null; readonly securityEndOfSupport?: string | null }): SupportGap {
  const missing: ('securityEndOfSupport' | 'clinicalEndOfLife')[] = []
  if (!input.securityEndOfSupport) missing.push('securityEndOfSupport')
  if (!input.clinicalEndOfLife) missing.push('clinicalEndOfLife')
  const days = missing.length === 0 ? daysBetween(input.securityEndOfSupport!, input.clinicalEndOfLife!) : undefined
  if (days === undefined) return { kind: 'unknown', missing: missing.length > 0 ? missing : ['securityEndOfSupport', 'clinicalEndOfLife'] }
  if (days <= 0) return { kind: 'covered', marginDays: -days }
  return { kind: 'gap', gapDays: days, gapYears: Math.round((days / 365.25) * 10) / 10 }
}

/** One device as the fleet summary sees it. */
export interface LifecycleDevice {
  readonly id: string
  readonly assetTag: string
  readonly status: string
  readonly clinicalEndOfLife: string | null
  readonly securityEndOfSupport: string | null
}

/** A device that needs attention: support ended or ending soon, or a gap ahead. */
export interface LifecycleAttention {
  readonly id: string
  readonly assetTag: string
  readonly support: SupportStatus
  readonly securityEndOfSupport: string | null
  readonly clinicalEndOfLife: string | null
  readonly gap: SupportGap
}

/** The fleet's support position on a day. */
export interface FleetSupportSummary {
  readonly today: string
  readonly horizonDays: number
  /** Devices in clinical use (retired ones are left out). */
  readonly devices: number
  readonly bySupport: Readonly<Record<SupportStatus, number>>
  /** Devices whose security support ends before their clinical end of life. */
  readonly withGap: number
  /** Sum of the gaps, in device-years of expected unsupported clinical use. */
  readonly unsupportedDeviceYears: number
  /** Devices past or near end of support, or with a gap, worst first (ended, ending soon, then by gap). */
  readonly attention: readonly LifecycleAttention[]
}

const SEVERITY: Readonly<Record<SupportStatus, number>> = { ended: 0, ending_soon: 1, supported: 2, unknown: 3 }

/** Summarises the fleet: devices past or near security end of support and the support-vs-clinical-life gaps. */
export function fleetSupportSummary(devices: readonly LifecycleDevice[], today: string, horizonDays = 365): FleetSupportSummary {
  const bySupport: Record<SupportStatus, number> = { unknown: 0, supported: 0, ending_soon: 0, ended: 0 }
  const attention: LifecycleAttention[] = []
  let withGap = 0
  let gapDays = 0
  let inUse = 0
  for (const device of devices) {
    if (device.status === 'retired') continue
    inUse++
    const support = supportStatus(device.securityEndOfSupport, today, horizonDays)
    bySupport[support]++
    const gap = supportGap(device)
    if (gap.kind === 'gap') {
      withGap++
      gapDays += gap.gapDays
    }
    if (support === 'ended' || support === 'ending_soon' || gap.kind === 'gap') {
      attention.push({ id: device.id, assetTag: device.assetTag, support, securityEndOfSupport: device.securityEndOfSupport, clinicalEndOfLife: device.clinicalEndOfLife, gap })
    }
  }
  attention.sort(
    (a, b) =>
      SEVERITY[a.support] - SEVERITY[b.support] ||
      (b.gap.kind === 'gap' ? b.gap.gapDays : 0) - (a.gap.kind === 'gap' ? a.gap.gapDays : 0) ||
      a.assetTag.localeCompare(b.assetTag),
  )
  return { today, horizonDays, devices: inUse, bySupport, withGap, unsupportedDeviceYears: Math.round((gapDays / 365.25) * 10) / 10, attention }
}
