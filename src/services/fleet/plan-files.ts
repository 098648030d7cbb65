import pdfmake from 'pdfmake'
import { csvField } from '../../domain/inventory/index.js'
import type { CapitalPlan, EndOfSupportCliff, PlanItem } from '../../domain/lifecycle/capital-plan.js'

/** The columns of the plan's device list, in order, with how each is read from an item. */
const ITEM_COLUMNS: readonly { readonly label: string; readonly value: (item: PlanItem) => string | number | null }[] = [
  { label: 'Year', value: (i) => i.year },
  { label: 'Action', value: (i) => i.action },
  { label: 'Due date', value: (i) => i.dueDate },
  { label: 'Overdue', value: (i) => (i.overdue ? 'yes' : 'no') },
  { label: 'Asset tag', value: (i) => i.assetTag },
  { label: 'Modality', value: (i) => i.modality },
  { label: 'Manufacturer', value: (i) => i.manufacturer },
  { label: 'Model', value: (i) => i.model },
  { label: 'Software version', value: (i) => i.softwareVersion },
  { label: 'Security end of support', value: (i) => i.endOfSupport },
  { label: 'End of support basis', value: (i) => i.endOfSupportBasis },
  { label: 'Clinical end of life', value: (i) => i.clinicalEndOfLife },
  { label: 'Replacement cost', value: (i) => i.cost },
  { label: 'Reason', value: (i) => i.reason },
]

/** Writes the plan as UTF-8 CSV (byte-order mark for spreadsheets): one row per device action, with the year, action and cost. */
export function writePlanCsv(plan: CapitalPlan): Uint8Array {
  const lines = [ITEM_COLUMNS.map((c) => csvField(c.label)).join(',')]
  for (const item of plan.items) lines.push(ITEM_COLUMNS.map((c) => csvField(String(c.value(item) ?? ''))).join(','))
  return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n')
}

/** Writes the plan as an XLSX workbook: a summary per year, the device list, and the end-of-support cliff per modality. */
export async function writePlanXlsx(plan: CapitalPlan, cliff: EndOfSupportCliff, title: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'medsec'
  workbook.title = title
  const summary = workbook.addWorksheet('Plan by year', { views: [{ state: 'frozen', ySplit: 1 }] })
  summary.columns = [
    { header: 'Year', key: 'year', width: 8 },
    { header: 'Upgrade', key: 'upgrade', width: 10 },
    { header: 'Replace', key: 'replace', width: 10 },
    { header: 'Known replacement cost', key: 'knownCost', width: 24, style: { numFmt: '#,##0.00' } },
    { header: 'Replacements without cost', key: 'replaceWithoutCost', width: 26 },
  ]
  summary.getRow(1).font = { bold: true }
  for (const y of plan.years) summary.addRow(y)
  summary.addRow({ year: 'Total', ...plan.totals }).font = { bold: true }
  const devices = workbook.addWorksheet('Devices', { views: [{ state: 'frozen', ySplit: 1 }] })
  devices.columns = ITEM_COLUMNS.map((c) => ({ header: c.label, key: c.label, width: c.label === 'Reason' ? 60 : Math.max(10, c.label.length + 3) }))
  devices.getRow(1).font = { bold: true }
  for (const item of plan.items) devices.addRow(ITEM_COLUMNS.map((c) => c.value(item) ?? ''))
  devices.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ITEM_COLUMNS.length } }
  const cliffSheet = workbook.addWorksheet('End-of-support cliff')
  cliffSheet.addRow(['Modality', ...cliff.years]).font = { bold: true }
  for (const modality of cliff.modalities) cliffSheet.addRow([modality, ...(cliff.counts[modality] ?? [])])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

// The standard PDF fonts only (see mds2-files/pdf.ts): no file or URL is ever read.
const standardFonts = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']
pdfmake.addFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } })
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => standardFonts.includes(path))

const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
function printable(text: string): string {
  return [...text].map((ch) => (ch === '\n' || (ch >= ' ' && ch <= '~') || (ch >= '\u00a0' && ch <= '\u00ff') || winAnsiExtras.has(ch) ? ch : '?')).join('')
}

const money = (value: number): string => value.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 })

/** Most device rows the PDF lists; the CSV and XLSX carry them all. */
export const PDF_MAX_ITEMS = 2000

/** Writes the plan as a landscape A4 PDF: the per-year summary, the cliff per modality, then the device list. */
export async function writePlanPdf(plan: CapitalPlan, cliff: EndOfSupportCliff, title: string, marking: string): Promise<Uint8Array> {
  const th = (text: string) => ({ text, bold: true, fillColor: '#D9E1F2' })
  const years: unknown[][] = [[th('Year'), th('Upgrade'), th('Replace'), th('Known replacement cost'), th('Replacements without cost')]]
  for (const y of plan.years) years.push([`${y.year}`, `${y.upgrade}`, `${y.replace}`, money(y.knownCost), `${y.replaceWithoutCost}`])
  years.push([{ text: 'Total', bold: true }, `${plan.totals.upgrade}`, `${plan.totals.replace}`, { text: money(plan.totals.knownCost), bold: true }, `${plan.totals.replaceWithoutCost}`])
  const cliffBody: unknown[][] = [[th('Modality'), ...cliff.years.map((y) => th(`${y}`))]]
  for (const m of cliff.modalities) cliffBody.push([m, ...(cliff.counts[m] ?? []).map((n) => (n === 0 ? '' : `${n}`))])
  const shown = plan.items.slice(0, PDF_MAX_ITEMS)
  const items: unknown[][] = [[th('Year'), th('Action'), th('Due'), th('Asset tag'), th('Modality'), th('Device'), th('End of support'), th('Clinical EoL'), th('Cost')]]
  for (const i of shown) {
    items.push([
      `${i.year}`,
      { text: i.action, bold: i.action === 'replace' },
      { text: i.dueDate + (i.overdue ? ' (overdue)' : ''), color: i.overdue ? '#9C0006' : '#000000' },
      printable(i.assetTag),
      i.modality,
      printable([i.manufacturer, i.model, i.softwareVersion].filter(Boolean).join(' ')),
      i.endOfSupport ? `${i.endOfSupport}${i.endOfSupportBasis === 'derived' ? ' (derived)' : ''}` : '—',
      i.clinicalEndOfLife ?? '—',
      i.cost === null ? '—' : money(i.cost),
    ])
  }
  const content: unknown[] = [
    { text: printable(title), fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
    { text: `As of ${plan.today}. Upgrade when security support ends before clinical end of life and a longer-supported version exists; otherwise replace. ${plan.unscheduled} devices have no dates to plan by.`, italics: true, color: '#555555', margin: [0, 0, 0, 8] },
    { text: 'Plan by year', fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
    { table: { headerRows: 1, widths: [40, 50, 50, 120, 120], body: years }, layout: 'lightHorizontalLines' },
  ]
  if (cliff.years.length > 0) content.push({ text: 'Security end-of-support cliff (devices per year, by modality)', fontSize: 10, bold: true, margin: [0, 10, 0, 2] }, { table: { headerRows: 1, body: cliffBody }, layout: 'lightHorizontalLines' })
  content.push(
    { text: `Devices (${plan.items.length}${plan.items.length > shown.length ? `, the first ${shown.length} listed; the CSV and XLSX list all` : ''})`, fontSize: 10, bold: true, margin: [0, 10, 0, 2] },
    { table: { headerRows: 1, widths: [28, 40, 70, 60, 36, '*', 80, 56, 60], body: items }, layout: 'lightHorizontalLines' },
  )
  const definition = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 40, 36, 40],
    defaultStyle: { font: 'Helvetica', fontSize: 8 },
    info: { title: printable(title), creator: 'medsec' },
    header: { text: marking, alignment: 'right', fontSize: 8, bold: true, margin: [36, 16, 36, 0] },
    footer: (page: number, pages: number) => ({ columns: [{ text: marking, fontSize: 7, bold: true, width: '*' }, { text: `Page ${page} of ${pages}`, alignment: 'right', fontSize: 7, width: 80 }], margin: [36, 12, 36, 0] }),
    content,
  }
  const buffer = await pdfmake.createPdf(definition).getBuffer()
  return new Uint8Array(buffer)
}
