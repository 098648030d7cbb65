import ExcelJS from 'exceljs'
import type { Mds2Document, ProcurementComparison, RequirementStatus } from '../../domain/mds2/index.js'
import { answerValues, formVersion, headerFields, questionById, questionsBySection, sectionMappingByCode, sections } from '../../domain/mds2/index.js'

const answerList = `"${answerValues.join(',')}"`
const headingFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } }
const sectionFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } }
const thin: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }

/** The column headings of the question table. */
export const questionColumns = ['Question ID', 'Question', 'Answer', 'Notes', 'IEC TR 80001-2-2:2012', 'NIST SP 800-53 Rev. 5 (medsec mapping)'] as const

// exceljs 4.4 adds range validations at run time but does not declare them in its types.
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void
}

/**
 * Writes a document as a workbook close to the NEMA form: a title, the header block (DOC-1 to DOC-7), then one row per
 * question under its section heading with id, question, answer (a Yes/No/N/A/See Notes dropdown), note and references.
 */
export async function writeMds2Xlsx(doc: Mds2Document): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'medsec'
  workbook.created = new Date(Date.UTC(2000, 0, 1))
  const sheet = workbook.addWorksheet('MDS2', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } })
  sheet.columns = [{ width: 13 }, { width: 70 }, { width: 12 }, { width: 50 }, { width: 16 }, { width: 26 }]
  sheet.mergeCells('A1:F1')
  sheet.getCell('A1').value = 'Manufacturer Disclosure Statement for Medical Device Security – MDS2'
  sheet.getCell('A1').font = { bold: true, size: 14 }
  sheet.mergeCells('A2:F2')
  sheet.getCell('A2').value = `ANSI/NEMA ${formVersion}. Answers: ${answerValues.join(', ')}. NIST SP 800-53 references are a medsec mapping, not part of the form.`
  sheet.getCell('A2').font = { italic: true, size: 9 }

  let row = 4
  for (const field of headerFields) {
    sheet.getCell(row, 1).value = field.id
    sheet.getCell(row, 2).value = questionById.get(field.id)?.text ?? field.key
    sheet.getCell(row, 2).font = { bold: true }
    sheet.mergeCells(row, 3, row, 6)
    sheet.getCell(row, 3).value = doc.header[field.key]
    sheet.getCell(row, 3).alignment = { wrapText: true, vertical: 'top' }
    for (let c = 1; c <= 6; c++) sheet.getCell(row, c).border = thin
    sheet.getCell(row, 2).fill = sectionFill
    row++
  }
  row++
  const headingRow = row
  questionColumns.forEach((title, i) => {
    const cell = sheet.getCell(row, i + 1)
    cell.value = title
    cell.font = { bold: true }
    cell.fill = headingFill
    cell.border = thin
  })
  sheet.views = [{ state: 'frozen', ySplit: headingRow }]
  row++
  const firstAnswerRow = row
  for (const section of sections) {
    const entries = (questionsBySection.get(section.code) ?? []).filter((q) => q.answerType === 'yes_no_na_note')
    if (entries.length === 0) continue
    const mapping = sectionMappingByCode.get(section.code)
    sheet.getCell(row, 1).value = section.code
    sheet.mergeCells(row, 2, row, 6)
    sheet.getCell(row, 2).value = section.description === null ? section.title : `${section.title} – ${section.description}`
    for (let c = 1; c <= 6; c++) {
      sheet.getCell(row, c).fill = sectionFill
      sheet.getCell(row, c).font = { bold: true }
    }
    sheet.getCell(row, 2).alignment = { wrapText: true }
    row++
    for (const q of entries) {
      const entry = doc.answers[q.id]
      const cells = [q.id, q.text, entry?.answer ?? '', entry?.note ?? '', q.references?.iec_tr_80001_2_2_capability ?? '', (mapping?.nist80053r5.controls ?? []).join(', ')]
      cells.forEach((value, i) => {
        const cell = sheet.getCell(row, i + 1)
        cell.value = value
        cell.border = thin
        cell.alignment = { wrapText: i === 1 || i === 3, vertical: 'top', indent: i === 1 ? q.level : 0 }
      })
      row++
    }
  }
  ;(sheet as unknown as { dataValidations: RangeValidations }).dataValidations.add(`C${firstAnswerRow}:C${row - 1}`, {
    type: 'list',
    allowBlank: true,
    formulae: [answerList],
    showErrorMessage: true,
    errorTitle: 'MDS2 answer',
    error: `Choose one of: ${answerValues.join(', ')}`,
  })
  sheet.headerFooter = { oddFooter: `&L${escapeHeaderFooter(doc.header.documentId)}&RPage &P of &N` }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

function escapeHeaderFooter(text: string): string {
  return text.replace(/&/g, '&&').slice(0, 100)
}

const statusFill: Readonly<Record<RequirementStatus, string>> = { met: 'FFC6EFCE', unmet: 'FFFFC7CE', unknown: 'FFFFEB9C' }

/** Writes a procurement comparison as a workbook: a summary sheet and a requirement-by-vendor sheet. */
export async function writeComparisonXlsx(comparison: ProcurementComparison): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'medsec'
  workbook.created = new Date(Date.UTC(2000, 0, 1))
  const summary = workbook.addWorksheet('Summary')
  summary.columns = [{ width: 32 }, { width: 10 }, { width: 8 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 40 }]
  summary.addRow([`Procurement comparison against profile: ${comparison.profile.name}`]).font = { bold: true, size: 13 }
  summary.addRow([])
  const heading = summary.addRow(['Vendor', 'Score', 'Met', 'Unmet', 'Unknown', 'Passes', 'Mandatory requirements unmet'])
  heading.font = { bold: true }
  heading.eachCell((cell) => { cell.fill = headingFill; cell.border = thin })
  for (const vendor of comparison.vendors) {
    const r = summary.addRow([vendor.label, vendor.score, vendor.met, vendor.unmet, vendor.unknown, vendor.passes ? 'Yes' : 'No', vendor.mandatoryUnmet.join(', ')])
    r.eachCell((cell) => { cell.border = thin })
  }
  summary.addRow([])
  summary.addRow(['Ranking', comparison.ranking.join(' > ')])

  const matrix = workbook.addWorksheet('Requirements')
  matrix.columns = [{ width: 40 }, { width: 12 }, { width: 10 }, { width: 8 }, ...comparison.vendors.map(() => ({ width: 24 }))]
  const top = matrix.addRow(['Requirement', 'Question', 'Mandatory', 'Weight', ...comparison.vendors.map((v) => v.label)])
  top.font = { bold: true }
  top.eachCell((cell) => { cell.fill = headingFill; cell.border = thin })
  matrix.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }]
  for (const { requirement, cells } of comparison.rows) {
    const conditions = [requirement.questionId, ...(requirement.alternatives ?? []).map((a) => a.questionId)].join(' / ')
    const r = matrix.addRow([
      requirement.title, conditions, requirement.mandatory ? 'Yes' : 'No', requirement.weight,
      ...cells.map((c) => `${c.status}${c.evidence.length > 0 ? ` (${c.evidence.map((e) => `${e.questionId}: ${e.answer ?? '—'}`).join('; ')})` : ''}`),
    ])
    r.eachCell((cell, column) => {
      cell.border = thin
      cell.alignment = { wrapText: true, vertical: 'top' }
      const status = cells[column - 5]?.status
      if (column > 4 && status !== undefined) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: statusFill[status] } }
    })
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
