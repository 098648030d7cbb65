import { csvField, DEVICE_FIELDS, devicesFromFhir, devicesToFhirBundle, parseDelimited, uniqueHeaders, type DeviceRecord, type MappedRow, type Table } from '../../domain/inventory/index.js'
import { fail, ok, problem, type Result } from '../../domain/result.js'
import { defaultZipLimits, inspectZip } from '../mds2-files/zip-guard.js'

/** Largest inventory file accepted (a 100,000-device CSV is about 15 MB). */
export const MAX_INVENTORY_BYTES = 32 * 1024 * 1024

/** Most data rows read from one file. */
export const MAX_INVENTORY_ROWS = 200_000

/** The formats an inventory file can have. */
export type InventoryFormat = 'csv' | 'xlsx' | 'fhir'

/** A read inventory file: a table to map (CSV, XLSX) or rows already mapped (FHIR). */
export type InventoryFile =
  | { readonly kind: 'table'; readonly format: 'csv' | 'xlsx'; readonly table: Table }
  | { readonly kind: 'fhir'; readonly format: 'fhir'; readonly rows: readonly MappedRow[]; readonly skippedEntries: number }

/** Tells the format from the extension, else from the first bytes. */
export function detectFormat(bytes: Uint8Array, filename: string): InventoryFormat | 'xls' | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase()
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx'
  if (extension === 'xls') return 'xls'
  if (extension === 'json') return 'fhir'
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv'
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return 'xls'
  const start = new TextDecoder().decode(bytes.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart()
  if (start.startsWith('{')) return 'fhir'
  return bytes.length > 0 ? 'csv' : undefined
}

/**
 * Reads an inventory file (CSV/TSV, XLSX, or FHIR R4 JSON). Never throws; codes: inventory_file_too_large,
 * inventory_format_unknown, xlsx_legacy_xls, xlsx_not_zip, xlsx_zip_bomb (and the other zip guard codes),
 * xlsx_not_workbook, xlsx_unreadable, xlsx_no_sheet, csv_*, fhir_*.
 */
export async function readInventoryFile(bytes: Uint8Array, filename: string): Promise<Result<InventoryFile>> {
  if (bytes.length > MAX_INVENTORY_BYTES) return fail(problem('inventory_file_too_large', `the file has ${bytes.length} bytes (limit ${MAX_INVENTORY_BYTES})`))
  const format = detectFormat(bytes, filename)
  if (format === 'xls') return fail(problem('xlsx_legacy_xls', 'legacy .xls workbooks are not supported; save as .xlsx or .csv'))
  if (!format) return fail(problem('inventory_format_unknown', 'the file is empty'))
  if (format === 'fhir') {
    const read = devicesFromFhir(new TextDecoder().decode(bytes))
    return read.ok ? ok({ kind: 'fhir', format, rows: read.value.rows, skippedEntries: read.value.skippedEntries }) : read
  }
  if (format === 'csv') {
    const table = parseDelimited(new TextDecoder().decode(bytes), MAX_INVENTORY_ROWS)
    return table.ok ? ok({ kind: 'table', format, table: table.value }) : table
  }
  const table = await readXlsx(bytes)
  return table.ok ? ok({ kind: 'table', format, table: table.value }) : table
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number' || typeof value === 'string') return String(value)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string }
    if (v.richText) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText(v.result)
    if (v.text !== undefined) return cellText(v.text)
    if (v.error) return ''
  }
  return ''
}

async function readXlsx(bytes: Uint8Array): Promise<Result<Table>> {
  // The zip guard runs before exceljs sees a byte, so a zip bomb is refused without being inflated.
  const zip = inspectZip(bytes, defaultZipLimits)
  if (!zip.ok) return zip
  if (!zip.value.some((e) => e.name === 'xl/workbook.xml')) return fail(problem('xlsx_not_workbook', 'the ZIP container holds no xl/workbook.xml, so it is not an XLSX workbook'))
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch (err) {
    return fail(problem('xlsx_unreadable', `the workbook could not be parsed: ${err instanceof Error ? err.message : String(err)}`))
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0)
  if (!sheet) return fail(problem('xlsx_no_sheet', 'the workbook has no sheet with data'))
  let headers: string[] | undefined
  const rows: string[][] = []
  const rowNumbers: number[] = []
  let failure: Result<Table> | undefined
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (failure) return
    const values = (row.values as unknown[]).slice(1).map(cellText)
    if (!headers) {
      headers = uniqueHeaders(values)
      return
    }
    if (values.every((v) => v.trim() === '')) return
    if (rows.length >= MAX_INVENTORY_ROWS) {
      failure = fail(problem('xlsx_too_many_rows', `the sheet has more than ${MAX_INVENTORY_ROWS} rows`))
      return
    }
    rows.push(values)
    rowNumbers.push(rowNumber)
  })
  if (failure) return failure
  if (!headers) return fail(problem('xlsx_no_sheet', 'the workbook has no header row'))
  return ok({ headers, rows, rowNumbers })
}

/** A device as exported: its record with the asset tag and id always present. */
export type ExportDevice = DeviceRecord & { readonly assetTag: string; readonly id: string }

function cells(device: ExportDevice): string[] {
  return DEVICE_FIELDS.map((f) => {
    const value = device[f.key]
    return value === undefined ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)
  })
}

/** Writes devices as UTF-8 CSV (with a byte-order mark for spreadsheets), one column per field, headed by its label. */
export function writeDevicesCsv(devices: readonly ExportDevice[]): Uint8Array {
  const lines = [DEVICE_FIELDS.map((f) => csvField(f.label)).join(',')]
  for (const d of devices) lines.push(cells(d).map(csvField).join(','))
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n')
}

/** Writes devices as an XLSX workbook with a frozen, filterable header row. */
export async function writeDevicesXlsx(devices: readonly ExportDevice[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'medsec'
  const sheet = workbook.addWorksheet('Devices', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = DEVICE_FIELDS.map((f) => ({ header: f.label, key: f.key, width: Math.max(12, f.label.length + 4) }))
  sheet.getRow(1).font = { bold: true }
  for (const d of devices) sheet.addRow(cells(d))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: DEVICE_FIELDS.length } }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** Writes devices as a FHIR R4 Bundle (JSON). */
export function writeDevicesFhir(devices: readonly ExportDevice[], now: Date): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(devicesToFhirBundle(devices, now.toISOString()), null, 2))
}
