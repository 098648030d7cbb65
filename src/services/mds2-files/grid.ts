import type ExcelJS from 'exceljs'
import type { GridSheet } from '../../domain/mds2/index.js'

/** Reads every worksheet as text; a merged range keeps its text in its top-left cell only. */
export function workbookToGrid(workbook: ExcelJS.Workbook): GridSheet[] {
  return workbook.worksheets.map((sheet) => {
    const rows: string[][] = []
    const columnCount = Math.min(sheet.columnCount, 200)
    for (let r = 1; r <= Math.min(sheet.rowCount, 20_000); r++) {
      const row = sheet.getRow(r)
      const cells: string[] = []
      for (let c = 1; c <= columnCount; c++) {
        const cell = row.getCell(c)
        cells.push(cell.isMerged && cell.master.address !== cell.address ? '' : cellText(cell.value))
      }
      rows.push(cells)
    }
    return { name: sheet.name, rows }
  })
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  if (value instanceof Date) {
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value && value.result !== undefined ? cellText(value.result as ExcelJS.CellValue) : ''
  if ('text' in value && typeof value.text === 'string') return value.text
  return ''
}

/** Parses CSV text (RFC 4180 quoting; comma, semicolon or tab, whichever the first line uses most) into one sheet. */
export function csvToGrid(text: string, name = 'csv'): GridSheet {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const firstLine = body.slice(0, body.search(/\r?\n|$/))
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ','
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === delimiter) {
      row.push(unguard(cell))
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++
      row.push(unguard(cell))
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(unguard(cell))
    rows.push(row)
  }
  return { name, rows }
}

/** Prefixes text that a spreadsheet would run as a formula with an apostrophe (CSV injection guard). */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

// The inverse of guardFormula, so that CSV round trips stay lossless.
function unguard(text: string): string {
  return /^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text
}
