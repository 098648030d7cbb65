import { describe, expect, it } from 'vitest'
import { addBusinessDays, addCalendarDays, businessDaysBetween, caseClocks, defaultClockPolicy, isWeekend, utcDate, validateClockPolicy, type CaseClock, type ClockPolicy } from './clocks.js'
import { parseIsoDate } from '../risk/calendar.js'

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!r.ok) throw new Error(r.error.code)
  return r.value
}

describe('business days', () => {
  it('knows the weekdays (1970-01-01 was a Thursday)', () => {
    const day = (d: string) => value(parseIsoDate(d))
    expect(isWeekend(day('1970-01-01'))).toBe(false)
    expect(isWeekend(day('1970-01-03'))).toBe(true)
    expect(isWeekend(day('1969-12-28'))).toBe(true) // a Sunday before the epoch: negative day numbers
    expect(['2026-01-31', '2026-02-01'].map((d) => isWeekend(day(d)))).toEqual([true, true])
    expect(['2026-02-02', '2026-02-06'].map((d) => isWeekend(day(d)))).toEqual([false, false])
  })

  // [start, business days, holidays, expected due date, why]
  const cases: readonly [string, number, string[], string, string][] = [
    ['2026-01-30', 5, [], '2026-02-06', 'Friday + 5 skips one weekend'],
    ['2026-01-31', 1, [], '2026-02-02', 'a report on Saturday is due Monday for one day'],
    ['2026-02-01', 5, [], '2026-02-06', 'a report on Sunday counts from Monday'],
    ['2026-02-26', 5, [], '2026-03-05', 'across the end of February (28 days)'],
    ['2028-02-28', 2, [], '2028-03-01', 'across 29 February of a leap year'],
    ['2026-04-29', 3, [], '2026-05-04', 'across the end of a 30-day month and a weekend'],
    ['2026-12-24', 5, ['2026-12-25', '2027-01-01'], '2027-01-04', 'across the year end with two holidays'],
    ['2026-12-24', 3, ['2026-12-25'], '2026-12-30', 'a holiday on Friday lengthens the wait'],
    ['2026-12-24', 3, ['2026-12-26'], '2026-12-29', 'a holiday on a Saturday changes nothing'],
    ['2026-03-06', 5, [], '2026-03-13', 'across the US DST change (8 March): dates, not instants'],
    ['2026-03-27', 1, [], '2026-03-30', 'across the EU DST change (29 March)'],
    ['2026-10-23', 1, [], '2026-10-26', 'across the EU end of DST (25 October)'],
    ['2026-01-30', 14, [], '2026-02-19', 'the default triage clock'],
    ['2026-01-30', 0, [], '2026-01-30', 'zero days is the start itself'],
    ['2026-05-01', 1, ['2026-05-04'], '2026-05-05', 'a Monday holiday after a Friday start'],
  ]

  it('adds business days across weekends, month ends and holidays', () => {
    const failures = cases.filter(([start, n, holidays, expected]) => value(addBusinessDays(start, n, holidays)) !== expected)
    expect(failures.map(([s, n, , e, why]) => `${s}+${n}: expected ${e} (${why}), got ${value(addBusinessDays(s, n))}`)).toEqual([])
    expect(cases).toHaveLength(15)
  })

  it('counts business days back to the same number it added, for every start in two years', () => {
    const holidays = ['2026-01-01', '2026-05-25', '2026-12-25', '2027-01-01']
    const failures: string[] = []
    let checked = 0
    for (let offset = 0; offset < 730; offset += 1) {
      const start = value(addCalendarDays('2026-01-01', offset))
      for (const n of [1, 5, 14]) {
        const due = value(addBusinessDays(start, n, holidays))
        const back = value(businessDaysBetween(start, due, holidays))
        checked += 1
        if (back !== n) failures.push(`${start}+${n} -> ${due} -> ${back}`)
        const dueDay = value(parseIsoDate(due))
        if (isWeekend(dueDay) || holidays.includes(due)) failures.push(`${start}+${n} fell on a non-working day ${due}`)
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBe(2190)
  })

  it('adds calendar days across month ends and leap days', () => {
    expect(value(addCalendarDays('2026-01-30', 90))).toBe('2026-04-30')
    expect(value(addCalendarDays('2028-02-01', 29))).toBe('2028-03-01')
    expect(value(addCalendarDays('2026-12-31', 1))).toBe('2027-01-01')
    expect(value(addCalendarDays('2026-03-01', -1))).toBe('2026-02-28')
  })

  it('refuses bad input as values, never throws', () => {
    expect(addBusinessDays('2026-02-30', 5)).toMatchObject({ ok: false, error: { code: 'date_invalid' } })
    expect(addBusinessDays('2026-02-01', -1)).toMatchObject({ ok: false, error: { code: 'clock_invalid_days' } })
    expect(addBusinessDays('2026-02-01', 1.5)).toMatchObject({ ok: false, error: { code: 'clock_invalid_days' } })
    expect(addBusinessDays('2026-02-01', 1, ['25/12/2026'])).toMatchObject({ ok: false, error: { code: 'clock_invalid_holiday' } })
    expect(businessDaysBetween('2026-02-01', 'soon')).toMatchObject({ ok: false, error: { code: 'date_invalid' } })
    expect(addCalendarDays('x', 1)).toMatchObject({ ok: false })
  })

  it('takes the UTC date of an instant, whatever the hour', () => {
    expect(utcDate(new Date('2026-03-29T00:30:00+02:00'))).toBe('2026-03-28')
    expect(utcDate(new Date('2026-03-29T23:59:59Z'))).toBe('2026-03-29')
  })
})

describe('clock policy', () => {
  it('accepts the default and sorts and deduplicates holidays', () => {
    expect(value(validateClockPolicy({ ...defaultClockPolicy, holidays: ['2026-12-25', '2026-01-01', '2026-12-25'] })).holidays).toEqual(['2026-01-01', '2026-12-25'])
  })
  it('refuses nonsense', () => {
    expect(validateClockPolicy({ ...defaultClockPolicy, acknowledgeBusinessDays: 0 })).toMatchObject({ ok: false, error: { code: 'clock_invalid_policy' } })
    expect(validateClockPolicy({ ...defaultClockPolicy, remediateCalendarDays: 10.5 })).toMatchObject({ ok: false, error: { code: 'clock_invalid_policy' } })
    expect(validateClockPolicy({ ...defaultClockPolicy, holidays: ['2026-13-01'] })).toMatchObject({ ok: false, error: { code: 'clock_invalid_holiday' } })
    expect(validateClockPolicy({ ...defaultClockPolicy, triageBusinessDays: '14' as unknown as number })).toMatchObject({ ok: false })
  })
})

describe('case clocks', () => {
  const policy: ClockPolicy = defaultClockPolicy
  const byId = (clocks: readonly CaseClock[]) => Object.fromEntries(clocks.map((c) => [c.id, c]))

  it('computes the three default due dates from receipt', () => {
    const clocks = byId(value(caseClocks({ receivedOn: '2026-01-30' }, policy, '2026-01-30')))
    expect(clocks.acknowledge).toMatchObject({ dueOn: '2026-02-06', status: 'running', businessDaysLeft: 5, calendarDaysLeft: 7 })
    expect(clocks.triage).toMatchObject({ dueOn: '2026-02-19', status: 'running' })
    expect(clocks.remediate).toMatchObject({ dueOn: '2026-04-30', status: 'running', calendarDaysLeft: 90 })
    expect(Object.keys(clocks)).toEqual(['acknowledge', 'triage', 'remediate'])
  })

  it('warns before the due date and reports a breach after it', () => {
    const soon = byId(value(caseClocks({ receivedOn: '2026-01-30' }, policy, '2026-02-04')))
    expect(soon.acknowledge).toMatchObject({ status: 'due_soon', businessDaysLeft: 2 })
    const dueDay = byId(value(caseClocks({ receivedOn: '2026-01-30' }, policy, '2026-02-06')))
    expect(dueDay.acknowledge).toMatchObject({ status: 'due_soon', businessDaysLeft: 0 })
    const late = byId(value(caseClocks({ receivedOn: '2026-01-30' }, policy, '2026-02-09')))
    expect(late.acknowledge).toMatchObject({ status: 'breached', businessDaysLeft: -1, calendarDaysLeft: -3 })
  })

  it('records met and missed clocks', () => {
    const onTime = byId(value(caseClocks({ receivedOn: '2026-01-30', acknowledgedOn: '2026-02-06' }, policy, '2026-03-01')))
    expect(onTime.acknowledge).toMatchObject({ status: 'met', doneOn: '2026-02-06' })
    expect(onTime.acknowledge).not.toHaveProperty('businessDaysLeft')
    const late = byId(value(caseClocks({ receivedOn: '2026-01-30', acknowledgedOn: '2026-02-09', triagedOn: '2026-02-19', publishedOn: '2026-05-01' }, policy, '2026-06-01')))
    expect([late.acknowledge, late.triage, late.remediate].map((c) => c?.status)).toEqual(['missed', 'met', 'missed'])
  })

  it('stops the remediation clock when a report is closed as a duplicate in time, and keeps an earlier breach', () => {
    const stopped = byId(value(caseClocks({ receivedOn: '2026-01-30', acknowledgedOn: '2026-02-02', triagedOn: '2026-02-03', stoppedOn: '2026-02-03' }, policy, '2026-09-01')))
    expect(stopped.remediate).toMatchObject({ status: 'stopped' })
    const breachedThenStopped = byId(value(caseClocks({ receivedOn: '2026-01-30', stoppedOn: '2026-03-01' }, policy, '2026-09-01')))
    expect(breachedThenStopped.acknowledge).toMatchObject({ status: 'breached' })
  })

  it('adds the FDA 30/60-day clocks from an uncontrolled determination', () => {
    const clocks = byId(value(caseClocks({ receivedOn: '2026-01-30', uncontrolledSince: '2026-02-10' }, policy, '2026-02-10')))
    expect(clocks.fda_communicate).toMatchObject({ dueOn: '2026-03-12', startedOn: '2026-02-10' })
    expect(clocks.fda_remediate).toMatchObject({ dueOn: '2026-04-11' })
    const communicated = byId(value(caseClocks({ receivedOn: '2026-01-30', uncontrolledSince: '2026-02-10', communicatedOn: '2026-03-01' }, policy, '2026-03-20')))
    expect(communicated.fda_communicate).toMatchObject({ status: 'met' })
    expect(communicated.fda_remediate).toMatchObject({ status: 'running' })
  })

  it('uses the policy: holidays and other day counts', () => {
    const custom: ClockPolicy = { ...policy, acknowledgeBusinessDays: 3, remediateCalendarDays: 45, holidays: ['2026-12-25', '2027-01-01'] }
    const clocks = byId(value(caseClocks({ receivedOn: '2026-12-23' }, custom, '2026-12-23')))
    expect(clocks.acknowledge).toMatchObject({ dueOn: '2026-12-29' })
    expect(clocks.remediate).toMatchObject({ dueOn: '2027-02-06' })
  })

  it('refuses dates that are not dates', () => {
    expect(caseClocks({ receivedOn: '2026-02-31' }, policy, '2026-03-01')).toMatchObject({ ok: false, error: { code: 'date_invalid' } })
    expect(caseClocks({ receivedOn: '2026-02-01' }, policy, 'today')).toMatchObject({ ok: false })
  })
})
