import ExcelJS from 'exceljs'
import { fdaTableColumns, type FdaTableRow } from '../../domain/sbom/index.js'

/** Writes the FDA premarket SBOM table as an XLSX workbook (one sheet, header row frozen), returned as bytes. */
export async function fdaTableXlsx(rows: readonly FdaTableRow[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'medsec'
  const sheet = workbook.addWorksheet('SBOM', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = fdaTableColumns.map((header, index) => ({ header, key: `c${index}`, width: index === 0 ? 40 : 22 }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) {
    // Cells are written as plain strings, never as formulas.
    sheet.addRow([row.component, row.version, row.supplier, row.levelOfSupport, row.endOfSupport, row.knownVulnerabilities])
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
