import { fail, ok, problem, type Result } from '../result.js'

/** A table read from a file: its header names (made unique) and data rows, each cell as text. */
export interface Table {
  readonly headers: readonly string[]
  /** Data rows; `rowNumbers[i]` is the line of the file (1-based, the header is row 1) where row i starts. */
  readonly rows: readonly (readonly string[])[]
  readonly rowNumbers: readonly number[]
}

/** The delimiter among comma, semicolon and tab that occurs most often outside quotes in the first line. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ','
}

/**
 * Parses delimited text (RFC 4180: quoted fields with doubled quotes and line breaks, CRLF or LF; a byte-order mark
 * is dropped; the delimiter is detected). Blank lines are skipped. Codes: csv_empty, csv_unterminated_quote,
 * csv_too_many_rows.
 */
export function parseDelimited(input: string, maxRows = 200_000): Result<Table> {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input
  const delimiter = detectDelimiter(text)
  const records: { cells: string[]; line: number }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let recordLine = 1
  let i = 0
  const endRecord = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0]!.trim() !== '') records.push({ cells, line: recordLine })
    cells = []
    cell = ''
  }
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
      i++
      continue
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (ch === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\r' || ch === '\n') {
      endRecord()
      if (ch === '\r' && text[i + 1] === '\n') i++
      line++
      recordLine = line
      if (records.length > maxRows) return fail(problem('csv_too_many_rows', `the file has more than ${maxRows} rows`))
    } else cell += ch
    i++
  }
  if (quoted) return fail(problem('csv_unterminated_quote', `a quoted field that starts on line ${recordLine} is never closed`))
  if (cell !== '' || cells.length > 0) endRecord()
  const [header, ...body] = records
  if (!header) return fail(problem('csv_empty', 'the file has no header row'))
  if (body.length > maxRows) return fail(problem('csv_too_many_rows', `the file has more than ${maxRows} rows`))
  return ok({ headers: uniqueHeaders(header.cells), rows: body.map((r) => r.cells), rowNumbers: body.map((r) => r.line) })
}

/** Trims header names, names blank ones "Column N" and suffixes repeats " (2)", " (3)" so each is unique. */
export function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>()
  return raw.map((h, i) => {
    const base = h.trim() || `Column ${i + 1}`
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1
    seen.set(base.toLowerCase(), n)
    return n === 1 ? base : `${base} (${n})`
  })
}

/** Quotes one CSV field when needed; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value
  return /[",\r\n;]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}
