import { describe, expect, it } from 'vitest'
import { caseClocks, defaultClockPolicy, type CaseClock } from './clocks.js'
import { durationStats, programmeMetrics } from './metrics.js'

const clocksOf = (dates: Parameters<typeof caseClocks>[0], today: string): readonly CaseClock[] => {
  const r = caseClocks(dates, defaultClockPolicy, today)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

describe('programme metrics', () => {
  it('summarises durations', () => {
    expect(durationStats([])).toEqual({ count: 0, median: null, mean: null, max: null })
    expect(durationStats([5, 1, 3])).toEqual({ count: 3, median: 3, mean: 3, max: 5 })
    expect(durationStats([1, 2, 3, 10])).toEqual({ count: 4, median: 2.5, mean: 4, max: 10 })
  })

  it('measures time to acknowledge in business days, to fix and disclose in calendar days, and counts breaches', () => {
    const today = '2026-06-01'
    const cases = [
      // acknowledged after 3 business days (Fri -> Wed), published after 60 days, fix 10 days earlier
      { receivedOn: '2026-01-30', acknowledgedOn: '2026-02-04', triagedOn: '2026-02-10', fixedOn: '2026-03-21', publishedOn: '2026-03-31', open: false },
      // acknowledged late (7 business days), never triaged: triage and remediation breached
      { receivedOn: '2026-02-02', acknowledgedOn: '2026-02-11', open: true },
      // fresh: still running
      { receivedOn: '2026-05-29', open: true },
    ].map((c) => ({ ...c, clocks: clocksOf(c, today) }))
    const metrics = programmeMetrics(cases, [])
    expect(metrics.cases).toBe(3)
    expect(metrics.open).toBe(2)
    expect(metrics.timeToAcknowledgeBusinessDays).toEqual({ count: 2, median: 5, mean: 5, max: 7 })
    expect(metrics.timeToFixDays).toEqual({ count: 1, median: 50, mean: 50, max: 50 })
    expect(metrics.timeToDiscloseDays).toEqual({ count: 1, median: 60, mean: 60, max: 60 })
    expect(metrics.missed).toBe(1)
    expect(metrics.breachedNow).toBe(2)
    expect(metrics.breachesByClock).toMatchObject({ acknowledge: 1, triage: 1, remediate: 1 })
    expect(metrics.dueSoon).toBe(0)
  })
})
