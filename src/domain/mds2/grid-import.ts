import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { answerableIds, formVersion, headerFieldById, headerFields, questionById } from './catalogue.js'
import type { AnswerValue, HeaderField } from './catalogue.js'
import type { Mds2Answer, Mds2Header } from './document.js'
import { canonicalDocument, emptyHeader, parseAnswer } from './document.js'
import type { Mds2Import, UnmappedItem } from './import-result.js'

/**
 * One sheet of a spreadsheet or CSV file as plain text: rows of cells, '' for an empty cell. A merged range keeps its
 * text in its top-left cell only.
 */
export interface GridSheet {
  readonly name: string
  readonly rows: readonly (readonly string[])[]
}

const idCell = /^([A-Z]{3,4})\s*[-‐‑–—]\s*(\d+(?:\.\d+)*)\.?:?$/
// Spellings of section codes met in real forms.
const sectionAliases: Readonly<Record<string, string>> = { SHAD: 'SAHD' }

/** Reads a cell as an MDS2 question id ("csup-2.1", "SAHD – 3"), normalised; undefined when it is not one. */
export function readQuestionId(text: string): string | undefined {
  const match = idCell.exec(text.trim().toUpperCase())
  if (!match?.[1] || !match[2]) return undefined
  return `${sectionAliases[match[1]] ?? match[1]}-${match[2]}`
}

type ColumnRole = 'answer' | 'note' | 'question' | 'id'

const columnLabels: readonly (readonly [ColumnRole, RegExp])[] = [
  ['id', /^(question\s*)?(id|#|no\.?|number|ref(erence)?\s*id)$/i],
  ['answer', /^(answer|response|manufacturer('s)?\s+(answer|response)|yes\s*\/\s*no(\s*\/\s*n\s*\/?\s*a)?|y\s*\/\s*n(\s*\/\s*na)?|reply)\b/i],
  ['note', /^(notes?|note\s*#|comments?|remarks?|explanations?|details?|additional\s+(information|notes?)|manufacturer('s)?\s+(notes?|comments?))\b/i],
  ['question', /^(question|questions|requirement|description|item)\b/i],
]

/** The columns that a header row names, by role. */
type HeaderRow = Partial<Record<ColumnRole, number>>

function readHeaderRow(row: readonly string[]): HeaderRow | undefined {
  const found: HeaderRow = {}
  row.forEach((cell, column) => {
    const text = cell.trim()
    if (text === '' || text.length > 40) return
    for (const [role, pattern] of columnLabels) {
      if (found[role] === undefined && pattern.test(text)) {
        found[role] = column
        break
      }
    }
  })
  return found.answer === undefined ? undefined : found
}

const headerLabels: readonly (readonly [HeaderField, RegExp])[] = [
  ['manufacturerName', /^(manufacturer|manufacturer\s+name|company(\s+name)?)$/i],
  ['deviceDescription', /^(device\s+description|product\s+description|description\s+of\s+device)$/i],
  ['deviceModel', /^(device\s+)?models?(\s+(number|name)s?)?$|^product\s+(model|name)$/i],
  ['documentId', /^document\s+(id|identifier|number|no\.?)$/i],
  ['manufacturerContact', /^(manufacturer\s+)?contact(\s+info(rmation)?)?$/i],
  ['intendedUse', /^intended\s+use(\s+of\s+device.*)?$/i],
  ['releaseDate', /^(document\s+)?release\s+date$|^date(\s+of\s+release)?$/i],
]

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

function location(sheet: GridSheet, row: number, column: number): string {
  return `${sheet.name}!${columnName(column)}${row + 1}`
}

function comparable(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '')
}

interface QuestionRow {
  readonly row: number
  readonly idColumn: number
  readonly id: string
  readonly header: HeaderRow | undefined
}

/**
 * Reads an MDS2 form from sheets of text, tolerating manufacturers' layouts: ids are found in any column, the answer
 * and note columns are taken from the nearest header row above (or inferred from where answers are), extra rows are
 * skipped, header fields are found by id or by label, and answers may be spelt "y", "NA", "See note 3" or
 * "Yes, LDAP". Anything that cannot be placed is listed in `unmapped`; no known question at all fails.
 */
export function interpretGrid(sheets: readonly GridSheet[]): Result<Mds2Import> {
  const header: Record<HeaderField, string> = { ...emptyHeader() }
  const answers: Record<string, Mds2Answer> = {}
  const unmapped: UnmappedItem[] = []
  const placedAt = new Map<string, string>()
  let known = 0

  for (const sheet of sheets) {
    const questionRows = findQuestionRows(sheet)
    const fallback = inferAnswerColumn(sheet, questionRows)
    for (const q of questionRows) {
      const cells = sheet.rows[q.row] ?? []
      const where = location(sheet, q.row, q.idColumn)
      const field = headerFieldById.get(q.id)
      if (!answerableIds.has(q.id) && field === undefined) {
        unmapped.push({ code: 'mds2_unknown_question_id', questionId: q.id, location: where, message: `'${q.id}' is not a question of the ${formVersion} form` })
        continue
      }
      known++
      const previous = placedAt.get(q.id)
      if (previous !== undefined) {
        unmapped.push({ code: 'mds2_duplicate_question', questionId: q.id, location: where, message: `${q.id} appears again (first at ${previous}); the first one is kept` })
        continue
      }
      placedAt.set(q.id, where)
      const answerColumn = q.header?.answer ?? fallback
      if (field !== undefined) {
        header[field] = headerValue(cells, q, answerColumn)
        continue
      }
      const answerText = answerColumn === undefined ? '' : (cells[answerColumn] ?? '').trim()
      const noteText = noteFor(cells, q, answerColumn)
      let answer: AnswerValue | null = null
      let note = noteText
      if (answerText !== '') {
        const parsed = parseAnswer(answerText)
        if (parsed === undefined) {
          unmapped.push({
            code: 'mds2_unrecognised_answer',
            questionId: q.id,
            location: location(sheet, q.row, answerColumn ?? q.idColumn),
            value: answerText,
            message: `${q.id}: '${answerText}' is not Yes, No, N/A or See Notes`,
          })
        } else {
          answer = parsed.answer
          note = [parsed.rest, noteText].filter((t) => t !== '').join('\n')
        }
      }
      answers[q.id] = { answer, note }
    }
    findHeaderByLabel(sheet, header, new Set(headerFields.filter((f) => placedAt.has(f.id)).map((f) => f.key)))
  }
  if (known === 0) {
    const unknown = unmapped.filter((u) => u.code === 'mds2_unknown_question_id').length
    return fail(problem('mds2_no_questions_found', unknown > 0
      ? `none of the ${unknown} question id(s) in the file belongs to the ${formVersion} form`
      : `no ${formVersion} question id was found in any cell of the file`, { unmapped }))
  }
  return ok({ document: canonicalDocument({ header: header as Mds2Header, answers }), unmapped })
}

function findQuestionRows(sheet: GridSheet): QuestionRow[] {
  const rows: QuestionRow[] = []
  let header: HeaderRow | undefined
  sheet.rows.forEach((cells, row) => {
    const idColumn = cells.findIndex((cell) => cell !== '' && readQuestionId(cell) !== undefined)
    if (idColumn < 0) {
      header = readHeaderRow(cells) ?? header
      return
    }
    rows.push({ row, idColumn, id: readQuestionId(cells[idColumn] ?? '') ?? '', header })
  })
  return rows
}

// Without a header row, the answer column is the one (right of the ids) holding the most recognisable answers.
function inferAnswerColumn(sheet: GridSheet, rows: readonly QuestionRow[]): number | undefined {
  const counts = new Map<number, number>()
  for (const q of rows) {
    const cells = sheet.rows[q.row] ?? []
    cells.forEach((cell, column) => {
      if (column > q.idColumn && cell.trim() !== '' && cell.trim().length <= 60 && parseAnswer(cell) !== undefined) {
        counts.set(column, (counts.get(column) ?? 0) + 1)
      }
    })
  }
  let best: number | undefined
  for (const [column, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = column
  return best
}

function isQuestionText(cell: string, id: string): boolean {
  const text = questionById.get(id)?.text
  if (text === undefined) return false
  const a = comparable(cell)
  const b = comparable(text)
  return a !== '' && (a === b || (a.length >= 12 && (b.startsWith(a) || a.startsWith(b))))
}

function headerValue(cells: readonly string[], q: QuestionRow, answerColumn: number | undefined): string {
  const inAnswer = answerColumn === undefined ? '' : (cells[answerColumn] ?? '').trim()
  if (inAnswer !== '' && !isQuestionText(inAnswer, q.id)) return inAnswer
  for (let column = q.idColumn + 1; column < cells.length; column++) {
    const cell = (cells[column] ?? '').trim()
    if (cell !== '' && column !== q.header?.question && !isQuestionText(cell, q.id)) return cell
  }
  return ''
}

function noteFor(cells: readonly string[], q: QuestionRow, answerColumn: number | undefined): string {
  if (q.header?.note !== undefined) return (cells[q.header.note] ?? '').trim()
  if (q.header !== undefined || answerColumn === undefined) return ''
  // No header row: the note is the first non-empty cell right of the answer that is not a reference code.
  for (let column = answerColumn + 1; column < cells.length; column++) {
    const cell = (cells[column] ?? '').trim()
    if (cell !== '' && !/^[A-Z]{2,4}(-\d+(\(\d+\))?)?([,;\s/]+[A-Z]{2,4}(-\d+(\(\d+\))?)?)*$/.test(cell)) return cell
  }
  return ''
}

function findHeaderByLabel(sheet: GridSheet, header: Record<HeaderField, string>, placed: ReadonlySet<HeaderField>): void {
  sheet.rows.forEach((cells) => {
    cells.forEach((cell, column) => {
      const text = cell.trim()
      if (text === '' || text.length > 80) return
      const [label, inline] = splitLabel(text)
      const match = headerLabels.find(([field, pattern]) => !placed.has(field) && header[field] === '' && pattern.test(label))
      if (match === undefined) return
      const value = inline !== '' ? inline : (cells.slice(column + 1).find((c) => c.trim() !== '') ?? '').trim()
      if (value !== '') header[match[0]] = value
    })
  })
}

// "Manufacturer Name: ACME" holds label and value in one cell.
function splitLabel(text: string): readonly [string, string] {
  const colon = text.indexOf(':')
  if (colon < 0) return [text, '']
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()]
}
