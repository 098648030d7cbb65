// Disclosure clocks counted on calendar dates (days since 1970-01-01), never on instants, so daylight saving time and
// the hour of the day cannot move a due date. A business day is a weekday that is not in the programme's holiday
// list; deadlines count from the day after the start date (the day a report arrives is day 0).
import { formatIsoDate, parseIsoDate } from '../risk/calendar.js'
import { fail, ok, problem, type Result } from '../result.js'

/** A manufacturer's response-time policy. */
export interface ClockPolicy {
  /** Business days from receipt to acknowledgement (ISO/IEC 29147 asks for a prompt acknowledgement). */
  readonly acknowledgeBusinessDays: number
  /** Business days from receipt to the triage decision (valid, duplicate, not a vulnerability). */
  readonly triageBusinessDays: number
  /** Calendar days from receipt to the published advisory (remediation). */
  readonly remediateCalendarDays: number
  /** Calendar days from an "uncontrolled" FDA determination to customer communication (FDA 2016: 30). */
  readonly uncontrolledCommunicateCalendarDays: number
  /** Calendar days from an "uncontrolled" FDA determination to a distributed fix (FDA 2016: 60). */
  readonly uncontrolledRemediateCalendarDays: number
  /** Warn this many business days before a clock runs out. */
  readonly warnBusinessDays: number
  /** Non-working days `YYYY-MM-DD` besides Saturdays and Sundays. */
  readonly holidays: readonly string[]
}

/** The default policy: acknowledge in 5 business days, triage in 14, remediate in 90 calendar days; FDA 30/60. */
export const defaultClockPolicy: ClockPolicy = {
  acknowledgeBusinessDays: 5,
  triageBusinessDays: 14,
  remediateCalendarDays: 90,
  uncontrolledCommunicateCalendarDays: 30,
  uncontrolledRemediateCalendarDays: 60,
  warnBusinessDays: 2,
  holidays: [],
}

/** Whether a day (days since epoch) is a Saturday or Sunday; 1970-01-01 was a Thursday. */
export function isWeekend(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7 // 0 = Sunday
  return weekday === 0 || weekday === 6
}

/** Reads a holiday list into a set of days, or names the first entry that is not a calendar date. */
export function holidaySet(holidays: readonly string[]): Result<ReadonlySet<number>> {
  const days = new Set<number>()
  for (const holiday of holidays) {
    const day = parseIsoDate(holiday)
    if (!day.ok) return fail(problem('clock_invalid_holiday', `holiday ${JSON.stringify(holiday)} is not a date YYYY-MM-DD`))
    days.add(day.value)
  }
  return ok(days)
}

const isBusinessDay = (day: number, holidays: ReadonlySet<number>): boolean => !isWeekend(day) && !holidays.has(day)

/** The day `count` business days after `start` (exclusive of start); 0 gives start itself. */
export function addBusinessDaysTo(start: number, count: number, holidays: ReadonlySet<number>): number {
  let day = start
  let left = count
  while (left > 0) {
    day += 1
    if (isBusinessDay(day, holidays)) left -= 1
  }
  return day
}

/** Business days after `start` up to and including `end` (0 when end is not after start). */
export function businessDaysBetweenDays(start: number, end: number, holidays: ReadonlySet<number>): number {
  let count = 0
  for (let day = start + 1; day <= end; day++) if (isBusinessDay(day, holidays)) count += 1
  return count
}

/** Adds business days to a date `YYYY-MM-DD`, skipping weekends and the given holidays. */
export function addBusinessDays(start: string, count: number, holidays: readonly string[] = []): Result<string> {
  const from = parseIsoDate(start)
  if (!from.ok) return from
  if (!Number.isInteger(count) || count < 0 || count > 3660) return fail(problem('clock_invalid_days', 'days must be a whole number from 0 to 3660'))
  const set = holidaySet(holidays)
  if (!set.ok) return set
  return ok(formatIsoDate(addBusinessDaysTo(from.value, count, set.value)))
}

/** Adds calendar days to a date `YYYY-MM-DD`. */
export function addCalendarDays(start: string, count: number): Result<string> {
  const from = parseIsoDate(start)
  if (!from.ok) return from
  if (!Number.isInteger(count) || count < -3660 || count > 3660) return fail(problem('clock_invalid_days', 'days must be a whole number within ten years'))
  return ok(formatIsoDate(from.value + count))
}

/** Business days from one date to a later one (the start day excluded, the end day included). */
export function businessDaysBetween(start: string, end: string, holidays: readonly string[] = []): Result<number> {
  const from = parseIsoDate(start)
  if (!from.ok) return from
  const to = parseIsoDate(end)
  if (!to.ok) return to
  const set = holidaySet(holidays)
  if (!set.ok) return set
  return ok(businessDaysBetweenDays(from.value, to.value, set.value))
}

/** Checks a policy read from input: whole, sensible day counts and real holiday dates. */
export function validateClockPolicy(policy: ClockPolicy): Result<ClockPolicy> {
  const counts: readonly [keyof ClockPolicy, number, number][] = [
    ['acknowledgeBusinessDays', 1, 60],
    ['triageBusinessDays', 1, 250],
    ['remediateCalendarDays', 1, 730],
    ['uncontrolledCommunicateCalendarDays', 1, 365],
    ['uncontrolledRemediateCalendarDays', 1, 730],
    ['warnBusinessDays', 0, 30],
  ]
  for (const [field, min, max] of counts) {
    const value = policy[field]
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      return fail(problem('clock_invalid_policy', `${field} must be a whole number from ${min} to ${max}`, { field }))
    }
  }
  const holidays = holidaySet(policy.holidays)
  if (!holidays.ok) return holidays
  return ok({ ...policy, holidays: [...new Set(policy.holidays)].sort() })
}

/** The clocks a case can run. */
export type ClockId = 'acknowledge' | 'triage' | 'remediate' | 'fda_communicate' | 'fda_remediate'

/**
 * Where a clock stands: `running` (time left), `due_soon` (within the warning window), `breached` (overdue and still
 * open), `met` (done by the due date), `missed` (done, but late), `stopped` (no longer applies, e.g. the report was
 * triaged as not a vulnerability before remediation).
 */
export type ClockStatus = 'running' | 'due_soon' | 'breached' | 'met' | 'missed' | 'stopped'

/** One deadline of a case. */
export interface CaseClock {
  readonly id: ClockId
  readonly label: string
  readonly startedOn: string
  readonly dueOn: string
  readonly doneOn?: string
  readonly status: ClockStatus
  /** Business days left until the due date (negative when overdue); absent once done or stopped. */
  readonly businessDaysLeft?: number
  /** Calendar days left until the due date (negative when overdue); absent once done or stopped. */
  readonly calendarDaysLeft?: number
}

/** The dates (`YYYY-MM-DD`) of a case that the clocks read. */
export interface CaseDates {
  readonly receivedOn: string
  readonly acknowledgedOn?: string
  readonly triagedOn?: string
  readonly publishedOn?: string
  /** When the case was closed without remediation (duplicate, not a vulnerability): open clocks stop. */
  readonly stoppedOn?: string
  /** An FDA determination of uncontrolled risk starts the 30/60-day clocks from its date. */
  readonly uncontrolledSince?: string
  /** When customers were told (the FDA 30-day communication), if recorded. */
  readonly communicatedOn?: string
}

function clock(
  id: ClockId,
  label: string,
  start: number,
  due: number,
  done: number | undefined,
  stopped: number | undefined,
  today: number,
  holidays: ReadonlySet<number>,
  warn: number,
): CaseClock {
  const base = { id, label, startedOn: formatIsoDate(start), dueOn: formatIsoDate(due) }
  if (done !== undefined) return { ...base, doneOn: formatIsoDate(done), status: done <= due ? 'met' : 'missed' }
  if (stopped !== undefined && stopped <= due) return { ...base, status: 'stopped' }
  const calendarDaysLeft = due - today
  const businessDaysLeft = today <= due ? businessDaysBetweenDays(today, due, holidays) : -businessDaysBetweenDays(due, today, holidays)
  const status: ClockStatus = today > due || (stopped !== undefined && stopped > due) ? 'breached' : businessDaysLeft <= warn ? 'due_soon' : 'running'
  return { ...base, status, businessDaysLeft, calendarDaysLeft }
}

/** Computes every clock of a case on a given day `YYYY-MM-DD`: due dates, what is done, warnings and breaches. */
export function caseClocks(dates: CaseDates, policy: ClockPolicy, today: string): Result<readonly CaseClock[]> {
  const read = (text: string | undefined): Result<number | undefined> => (text === undefined ? ok(undefined) : parseIsoDate(text))
  const fields = [dates.receivedOn, dates.acknowledgedOn, dates.triagedOn, dates.publishedOn, dates.stoppedOn, dates.uncontrolledSince, dates.communicatedOn, today]
  const days: (number | undefined)[] = []
  for (const field of fields) {
    const day = read(field)
    if (!day.ok) return day
    days.push(day.value)
  }
  const [received, acknowledged, triaged, published, stopped, uncontrolled, communicated, now] = days as [number, ...(number | undefined)[]]
  const holidays = holidaySet(policy.holidays)
  if (!holidays.ok) return holidays
  const h = holidays.value
  const at = now!
  const warn = policy.warnBusinessDays
  const clocks: CaseClock[] = [
    clock('acknowledge', 'Acknowledge the report', received, addBusinessDaysTo(received, policy.acknowledgeBusinessDays, h), acknowledged, stopped, at, h, warn),
    clock('triage', 'Triage (valid, duplicate or not a vulnerability)', received, addBusinessDaysTo(received, policy.triageBusinessDays, h), triaged, stopped, at, h, warn),
    clock('remediate', 'Remediate and publish the advisory', received, received + policy.remediateCalendarDays, published, stopped, at, h, warn),
  ]
  if (uncontrolled !== undefined) {
    clocks.push(
      clock('fda_communicate', 'FDA: tell customers, compensating controls, plan (uncontrolled risk)', uncontrolled, uncontrolled + policy.uncontrolledCommunicateCalendarDays, communicated ?? published, stopped, at, h, warn),
      clock('fda_remediate', 'FDA: fix validated and distributed (uncontrolled risk)', uncontrolled, uncontrolled + policy.uncontrolledRemediateCalendarDays, published, stopped, at, h, warn),
    )
  }
  return ok(clocks)
}

/** The UTC calendar date of an instant; the platform keeps case dates in UTC (see ADR 0081). */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}
