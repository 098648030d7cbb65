// Programme metrics over a manufacturer's cases: time to acknowledge (business days), to fix and to disclose
// (calendar days), and the clocks that were breached or are about to be.
import { parseIsoDate } from '../risk/calendar.js'
import { businessDaysBetweenDays, holidaySet, type CaseClock, type ClockId } from './clocks.js'

/** One case as the metrics read it (dates `YYYY-MM-DD`). */
export interface CaseForMetrics {
  readonly receivedOn: string
  readonly acknowledgedOn?: string
  /** When the fix was released; the published date stands in when no separate fix date is recorded. */
  readonly fixedOn?: string
  readonly publishedOn?: string
  readonly open: boolean
  readonly clocks: readonly CaseClock[]
}

/** A distribution of durations in days. */
export interface DurationStats {
  readonly count: number
  readonly median: number | null
  readonly mean: number | null
  readonly max: number | null
}

/** The programme dashboard's numbers. */
export interface ProgrammeMetrics {
  readonly cases: number
  readonly open: number
  readonly timeToAcknowledgeBusinessDays: DurationStats
  readonly timeToFixDays: DurationStats
  readonly timeToDiscloseDays: DurationStats
  /** Clocks overdue and still open. */
  readonly breachedNow: number
  /** Clocks done after their due date. */
  readonly missed: number
  /** Clocks within the warning window. */
  readonly dueSoon: number
  /** Breached or missed, per clock. */
  readonly breachesByClock: Readonly<Record<ClockId, number>>
}

/** Count, median, mean (one decimal) and maximum of a list of durations. */
export function durationStats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, median: null, mean: null, max: null }
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  const mean = Math.round((sorted.reduce((s, v) => s + v, 0) / sorted.length) * 10) / 10
  return { count: sorted.length, median, mean, max: sorted[sorted.length - 1]! }
}

/** Computes the programme metrics; dates that do not parse are left out rather than failing the dashboard. */
export function programmeMetrics(cases: readonly CaseForMetrics[], holidays: readonly string[]): ProgrammeMetrics {
  const set = holidaySet(holidays)
  const h = set.ok ? set.value : new Set<number>()
  const day = (text: string | undefined): number | undefined => {
    if (text === undefined) return undefined
    const parsed = parseIsoDate(text)
    return parsed.ok ? parsed.value : undefined
  }
  const acknowledge: number[] = []
  const fix: number[] = []
  const disclose: number[] = []
  const breachesByClock: Record<ClockId, number> = { acknowledge: 0, triage: 0, remediate: 0, fda_communicate: 0, fda_remediate: 0 }
  let breachedNow = 0
  let missed = 0
  let dueSoon = 0
  for (const c of cases) {
    const received = day(c.receivedOn)
    if (received === undefined) continue
    const acknowledged = day(c.acknowledgedOn)
    const published = day(c.publishedOn)
    const fixed = day(c.fixedOn) ?? published
    if (acknowledged !== undefined) acknowledge.push(businessDaysBetweenDays(received, acknowledged, h))
    if (fixed !== undefined) fix.push(fixed - received)
    if (published !== undefined) disclose.push(published - received)
    for (const clock of c.clocks) {
      if (clock.status === 'breached') breachedNow += 1
      if (clock.status === 'missed') missed += 1
      if (clock.status === 'due_soon') dueSoon += 1
      if (clock.status === 'breached' || clock.status === 'missed') breachesByClock[clock.id] += 1
    }
  }
  return {
    cases: cases.length,
    open: cases.filter((c) => c.open).length,
    timeToAcknowledgeBusinessDays: durationStats(acknowledge),
    timeToFixDays: durationStats(fix),
    timeToDiscloseDays: durationStats(disclose),
    breachedNow,
    missed,
    dueSoon,
    breachesByClock,
  }
}
