/**
 * Security support life per device and the fleet's capital plan (issue 10, part 6): the end of support is the
 * manufacturer's declared date for the product version, else derived from the version's SBOM (its operating system's
 * end of support, else its firmware's), and marked as derived; the "unsupported but in clinical use" window; the
 * end-of-support cliff per year and modality; and per year the devices to upgrade or replace, with their cost.
 */
import { daysBetween, supportStatus, type SupportStatus } from './support-life.js'

/** An SBOM component as the derivation reads it. */
export interface SupportComponent {
  readonly type: string
  readonly name: string
  readonly version: string | null
  /** As written in the SBOM (a date or a date-time); only its calendar date counts. */
  readonly endOfSupport: string | null
}

/** Where a device's security end of support comes from. */
export type EndOfSupport =
  | { readonly kind: 'declared'; readonly date: string }
  | { readonly kind: 'derived'; readonly date: string; readonly component: { readonly type: string; readonly name: string; readonly version: string | null } }
  | { readonly kind: 'unknown' }

/** Component types whose end of support ends the device's, in the order they are consulted. */
export const DERIVING_COMPONENT_TYPES = ['operating-system', 'firmware'] as const

function calendarDate(text: string | null): string | undefined {
  const date = text?.trim().slice(0, 10)
  return date && daysBetween(date, date) === 0 ? date : undefined
}

/**
 * The end of support derived from an SBOM: the earliest end-of-support date among its operating-system components,
 * else among its firmware components; undefined when none has one. Other components (libraries) do not end the
 * device's support: the manufacturer patches or replaces them.
 */
export function deriveEndOfSupport(components: readonly SupportComponent[]): Extract<EndOfSupport, { kind: 'derived' }> | undefined {
  for (const type of DERIVING_COMPONENT_TYPES) {
    let best: Extract<EndOfSupport, { kind: 'derived' }> | undefined
    for (const c of components) {
      if (c.type !== type) continue
      const date = calendarDate(c.endOfSupport)
      if (date && (!best || date < best.date)) best = { kind: 'derived', date, component: { type: c.type, name: c.name, version: c.version } }
    }
    if (best) return best
  }
  return undefined
}

/** The end of support of a device: the manufacturer's declared date wins; else the derived one; else unknown. */
export function effectiveEndOfSupport(declared: string | null, derived: EndOfSupport | undefined): EndOfSupport {
  const date = calendarDate(declared)
  if (date) return { kind: 'declared', date }
  return derived && derived.kind !== 'unknown' ? derived : { kind: 'unknown' }
}

/** The period a device runs without security support while still in clinical use, seen from today. */
export type UnsupportedWindow =
  | { readonly kind: 'none' }
  /** Support ends (or ended) before clinical use ends; `to` null when no clinical end of life is known. */
  | { readonly kind: 'window'; readonly from: string; readonly to: string | null; readonly days: number | null; readonly current: boolean }

/** The "unsupported but in clinical use" window of a device: from its end of support to its clinical end of life. */
export function unsupportedWindow(endOfSupport: string | null, clinicalEndOfLife: string | null, status: string, today: string): UnsupportedWindow {
  if (!endOfSupport || status === 'retired') return { kind: 'none' }
  if (clinicalEndOfLife) {
    const days = daysBetween(endOfSupport, clinicalEndOfLife)
    if (days === undefined || days <= 0) return { kind: 'none' }
    return { kind: 'window', from: endOfSupport, to: clinicalEndOfLife, days, current: endOfSupport < today && today <= clinicalEndOfLife }
  }
  return { kind: 'window', from: endOfSupport, to: null, days: null, current: endOfSupport < today }
}

/** A device as the plan sees it. */
export interface PlanDevice {
  readonly id: string
  readonly assetTag: string
  readonly modality: string | null
  readonly manufacturer: string | null
  readonly model: string | null
  readonly softwareVersion: string | null
  readonly status: string
  readonly clinicalEndOfLife: string | null
  readonly endOfSupport: EndOfSupport
  /** The manufacturer offers a later version of the same product whose support lasts longer. */
  readonly upgradeAvailable: boolean
  readonly replacementCost: number | null
}

/** What to do with a device and when. */
export interface PlanItem {
  readonly deviceId: string
  readonly assetTag: string
  readonly modality: string
  readonly manufacturer: string | null
  readonly model: string | null
  readonly softwareVersion: string | null
  readonly year: number
  readonly action: 'upgrade' | 'replace'
  /** The date the action is due: the end of support (upgrade, or replace without an upgrade) or the clinical end of life. */
  readonly dueDate: string
  /** The due date is already past. */
  readonly overdue: boolean
  readonly reason: string
  readonly endOfSupport: string | null
  readonly endOfSupportBasis: EndOfSupport['kind']
  readonly clinicalEndOfLife: string | null
  readonly support: SupportStatus
  /** The replacement cost for a replacement, when known; upgrades have no cost on record. */
  readonly cost: number | null
}

/** One year of the capital plan. */
export interface PlanYear {
  readonly year: number
  readonly upgrade: number
  readonly replace: number
  /** Sum of the known replacement costs. */
  readonly knownCost: number
  /** Replacements without a known cost. */
  readonly replaceWithoutCost: number
}

/** The fleet's capital plan. */
export interface CapitalPlan {
  readonly today: string
  readonly years: readonly PlanYear[]
  readonly items: readonly PlanItem[]
  /** Devices in use with neither an end of support nor a clinical end of life: nothing to schedule. */
  readonly unscheduled: number
  readonly totals: { readonly upgrade: number; readonly replace: number; readonly knownCost: number; readonly replaceWithoutCost: number; readonly overdue: number }
}

const yearOf = (date: string): number => Number(date.slice(0, 4))

/**
 * Plans per device (retired ones left out): when security support ends before clinical use does (or with no clinical
 * end of life known), act at the end of support: upgrade when the manufacturer offers a longer-supported version,
 * else replace. Otherwise replace at the clinical end of life. Past due dates fall in the current year, marked overdue.
 */
export function capitalPlan(devices: readonly PlanDevice[], today: string): CapitalPlan {
  const items: PlanItem[] = []
  let unscheduled = 0
  const currentYear = yearOf(today)
  for (const d of devices) {
    if (d.status === 'retired') continue
    const eos = d.endOfSupport.kind === 'unknown' ? null : d.endOfSupport.date
    const eol = d.clinicalEndOfLife
    let dueDate: string
    let action: PlanItem['action']
    let reason: string
    if (eos && (!eol || eos < eol)) {
      dueDate = eos
      action = d.upgradeAvailable ? 'upgrade' : 'replace'
      const source = d.endOfSupport.kind === 'derived' ? `derived from ${d.endOfSupport.component.name}` : 'declared by the manufacturer'
      reason = `security support ends ${eos} (${source})${eol ? `, before clinical end of life ${eol}` : ''}${d.upgradeAvailable ? '; a longer-supported version exists' : '; no longer-supported version offered'}`
    } else if (eol) {
      dueDate = eol
      action = 'replace'
      reason = `clinical end of life ${eol}${eos ? `; security support lasts until ${eos}` : ''}`
    } else {
      unscheduled++
      continue
    }
    const overdue = dueDate < today
    items.push({
      deviceId: d.id,
      assetTag: d.assetTag,
      modality: d.modality ?? 'OT',
      manufacturer: d.manufacturer,
      model: d.model,
      softwareVersion: d.softwareVersion,
      year: Math.max(currentYear, yearOf(dueDate)),
      action,
      dueDate,
      overdue,
      reason,
      endOfSupport: eos,
      endOfSupportBasis: d.endOfSupport.kind,
      clinicalEndOfLife: eol,
      support: supportStatus(eos, today),
      cost: action === 'replace' ? d.replacementCost : null,
    })
  }
  items.sort((a, b) => a.year - b.year || a.dueDate.localeCompare(b.dueDate) || a.assetTag.localeCompare(b.assetTag))
  const byYear = new Map<number, { upgrade: number; replace: number; knownCost: number; replaceWithoutCost: number }>()
  for (const item of items) {
    const year = byYear.get(item.year) ?? { upgrade: 0, replace: 0, knownCost: 0, replaceWithoutCost: 0 }
    year[item.action]++
    if (item.action === 'replace') {
      if (item.cost === null) year.replaceWithoutCost++
      else year.knownCost += item.cost
    }
    byYear.set(item.year, year)
  }
  const years = [...byYear.entries()].sort(([a], [b]) => a - b).map(([year, y]) => ({ year, ...y, knownCost: Math.round(y.knownCost * 100) / 100 }))
  const sum = (key: 'upgrade' | 'replace' | 'knownCost' | 'replaceWithoutCost') => years.reduce((total, y) => total + y[key], 0)
  return {
    today,
    years,
    items,
    unscheduled,
    totals: { upgrade: sum('upgrade'), replace: sum('replace'), knownCost: Math.round(sum('knownCost') * 100) / 100, replaceWithoutCost: sum('replaceWithoutCost'), overdue: items.filter((i) => i.overdue).length },
  }
}

/** The end-of-support cliff: per year, how many devices in use lose security support, by modality. */
export interface EndOfSupportCliff {
  readonly years: readonly number[]
  readonly modalities: readonly string[]
  /** counts[modality][i] is the number of devices of that modality whose support ends in years[i]. */
  readonly counts: Readonly<Record<string, readonly number[]>>
  /** Devices in use without a known end of support. */
  readonly unknown: number
}

/** Counts devices in use by the year their security support ends and their modality (no modality counts as OT). */
export function endOfSupportCliff(devices: readonly Pick<PlanDevice, 'modality' | 'status' | 'endOfSupport'>[]): EndOfSupportCliff {
  const cells = new Map<string, Map<number, number>>()
  const allYears = new Set<number>()
  let unknown = 0
  for (const d of devices) {
    if (d.status === 'retired') continue
    if (d.endOfSupport.kind === 'unknown') {
      unknown++
      continue
    }
    const year = yearOf(d.endOfSupport.date)
    const modality = d.modality ?? 'OT'
    const row = cells.get(modality) ?? new Map<number, number>()
    row.set(year, (row.get(year) ?? 0) + 1)
    cells.set(modality, row)
    allYears.add(year)
  }
  const sorted = [...allYears].sort((a, b) => a - b)
  // Every year between the first and the last, so that the chart's axis has no holes.
  const years = sorted.length === 0 ? [] : Array.from({ length: sorted.at(-1)! - sorted[0]! + 1 }, (_, i) => sorted[0]! + i)
  const modalities = [...cells.keys()].sort()
  const counts = Object.fromEntries(modalities.map((m) => [m, years.map((y) => cells.get(m)!.get(y) ?? 0)]))
  return { years, modalities, counts, unknown }
}
