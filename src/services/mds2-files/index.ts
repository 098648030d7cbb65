// Reading and writing MDS2 files (XLSX, CSV, JSON, PDF) on the Node side; the form logic lives in src/domain/mds2.
import { canonicalDocument, formVersion, interpretGrid, parseMds2Json } from '../../domain/mds2/index.js'
import type { Mds2Document, Mds2Import, ProcurementComparison } from '../../domain/mds2/index.js'
import { fail, ok, problem } from '../../domain/result.js'
import type { Result } from '../../domain/result.js'
import { writeMds2Csv } from './csv.js'
import { csvToGrid, workbookToGrid } from './grid.js'
import { defaultZipLimits, inspectZip } from './zip-guard.js'
import type { ZipLimits } from './zip-guard.js'

export { defaultZipLimits, inspectZip } from './zip-guard.js'
export type { ZipEntry, ZipLimits } from './zip-guard.js'

/** The formats an MDS2 document can be written in. */
export const mds2Formats = ['xlsx', 'json', 'csv', 'pdf'] as const

/** One of the formats an MDS2 document can be written in. */
export type Mds2Format = (typeof mds2Formats)[number]

/** Largest file accepted for import (real MDS2 workbooks are well under 1 MB). */
export const maxImportBytes = 20 * 1024 * 1024

/** Options of readMds2File. */
export interface ReadOptions {
  readonly zipLimits?: ZipLimits
}

/**
 * Reads an MDS2 file (XLSX, CSV or JSON, chosen by file name, else by content) into a document plus what could not be
 * mapped. Never throws: bad input fails with a stable code (mds2_file_too_large, mds2_unsupported_format,
 * xlsx_legacy_xls, xlsx_not_zip, xlsx_zip_bomb, xlsx_not_workbook, xlsx_unreadable, mds2_json_invalid,
 * mds2_json_schema, mds2_no_questions_found, ...).
 */
export async function readMds2File(bytes: Uint8Array, filename: string, options: ReadOptions = {}): Promise<Result<Mds2Import>> {
  if (bytes.length > maxImportBytes) return fail(problem('mds2_file_too_large', `the file has ${bytes.length} bytes (limit ${maxImportBytes})`))
  const kind = detectKind(bytes, filename)
  try {
    if (kind === 'xlsx') return await readXlsx(bytes, options.zipLimits ?? defaultZipLimits)
    if (kind === 'xls') return fail(problem('xlsx_legacy_xls', 'legacy .xls (or password-protected) workbooks are not supported; save as .xlsx'))
    if (kind === 'json') return readJson(bytes)
    if (kind === 'csv') return interpretGrid([csvToGrid(decode(bytes), 'csv')])
    return fail(problem('mds2_unsupported_format', `cannot tell the format of '${filename}'; use .xlsx, .csv or .json`))
  } catch (err) {
    return fail(problem('mds2_file_unreadable', `the file could not be read: ${err instanceof Error ? err.message : String(err)}`))
  }
}

function detectKind(bytes: Uint8Array, filename: string): 'xlsx' | 'xls' | 'json' | 'csv' | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase()
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx'
  if (extension === 'xls') return 'xls'
  if (extension === 'json') return 'json'
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'csv'
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls'
  const start = decode(bytes.subarray(0, 64)).trimStart()
  if (start.startsWith('{')) return 'json'
  return undefined
}

function decode(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes)
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

async function readXlsx(bytes: Uint8Array, limits: ZipLimits): Promise<Result<Mds2Import>> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return fail(problem('xlsx_legacy_xls', 'legacy .xls (or password-protected) workbooks are not supported; save as .xlsx'))
  // The guard runs before exceljs sees a byte, so a zip bomb is refused without being inflated by the parser.
  const zip = inspectZip(bytes, limits)
  if (!zip.ok) return zip
  if (!zip.value.some((e) => e.name === 'xl/workbook.xml')) return fail(problem('xlsx_not_workbook', 'the ZIP container holds no xl/workbook.xml, so it is not an XLSX workbook'))
  // exceljs (~0.9 s) and pdfmake (~0.4 s) load on first use, so other CLI commands do not pay for them.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch (err) {
    return fail(problem('xlsx_unreadable', `the workbook could not be parsed: ${err instanceof Error ? err.message : String(err)}`))
  }
  return interpretGrid(workbookToGrid(workbook))
}

function readJson(bytes: Uint8Array): Result<Mds2Import> {
  let value: unknown
  try {
    value = JSON.parse(decode(bytes))
  } catch (err) {
    return fail(problem('mds2_json_invalid', `the file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`))
  }
  return parseMds2Json(value)
}

/** Writes a document in one of the formats; JSON is the canonical document with its form version. */
export async function writeMds2(doc: Mds2Document, format: Mds2Format): Promise<Result<Uint8Array>> {
  const canonical = canonicalDocument(doc)
  try {
    switch (format) {
      case 'xlsx': return ok(await (await import('./xlsx.js')).writeMds2Xlsx(canonical))
      case 'csv': return ok(writeMds2Csv(canonical))
      case 'pdf': return ok(await (await import('./pdf.js')).writeMds2Pdf(canonical))
      case 'json': return ok(new TextEncoder().encode(JSON.stringify({ formVersion, ...canonical }, null, 2) + '\n'))
      default: return fail(problem('mds2_unsupported_format', `unknown format '${String(format)}'; use ${mds2Formats.join(', ')}`))
    }
  } catch (err) {
    return fail(problem('mds2_write_failed', `writing ${format} failed: ${err instanceof Error ? err.message : String(err)}`))
  }
}

/** The formats a procurement comparison can be written in. */
export type ComparisonFormat = 'xlsx' | 'pdf' | 'json'

/** Writes a procurement comparison as XLSX, PDF or JSON. */
export async function writeComparison(comparison: ProcurementComparison, format: ComparisonFormat): Promise<Result<Uint8Array>> {
  try {
    switch (format) {
      case 'xlsx': return ok(await (await import('./xlsx.js')).writeComparisonXlsx(comparison))
      case 'pdf': return ok(await (await import('./pdf.js')).writeComparisonPdf(comparison))
      case 'json': return ok(new TextEncoder().encode(JSON.stringify(comparison, null, 2) + '\n'))
      default: return fail(problem('mds2_unsupported_format', `unknown comparison format '${String(format)}'; use xlsx, pdf or json`))
    }
  } catch (err) {
    return fail(problem('mds2_write_failed', `writing ${format} failed: ${err instanceof Error ? err.message : String(err)}`))
  }
}
