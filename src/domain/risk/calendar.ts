import { fail, ok, problem, type Result } from '../result.js'

/** Reads a calendar date `YYYY-MM-DD` (a real date, e.g. no February 30) as days since 1970-01-01 (UTC). */
export function parseIsoDate(text: string): Result<number> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match === null) return fail(problem('date_invalid', `${JSON.stringify(text)} is not a date YYYY-MM-DD`))
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const time = Date.UTC(year, month - 1, day)
  const back = new Date(time)
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return fail(problem('date_invalid', `${text} is not a calendar date`))
  }
  return ok(time / 86_400_000)
}

/** Formats days since 1970-01-01 as `YYYY-MM-DD`. */
export function formatIsoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10)
}
