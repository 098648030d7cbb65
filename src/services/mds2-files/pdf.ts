import pdfmake from 'pdfmake'
import type { Mds2Document, ProcurementComparison, RequirementStatus } from '../../domain/mds2/index.js'
import { formVersion, headerFields, questionById, questionsBySection, sectionMappingByCode, sections } from '../../domain/mds2/index.js'

// The PDF uses only the standard PDF fonts, so pdfmake never needs a file; every URL and every other path is refused,
// which keeps text from an imported document from pulling in remote or local resources.
const standardFonts = ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique']
pdfmake.addFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } })
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => standardFonts.includes(path))

// The standard fonts encode WinAnsi only; anything else would print as garbage, so it is shown as '?'.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
function printable(text: string): string {
  return [...text].map((ch) => (ch === '\n' || (ch >= ' ' && ch <= '~') || (ch >= '\u00a0' && ch <= '\u00ff') || winAnsiExtras.has(ch) ? ch : '?')).join('')
}

const baseDefinition = {
  pageSize: 'A4',
  pageMargins: [36, 44, 36, 40],
  defaultStyle: { font: 'Helvetica', fontSize: 8, lineHeight: 1.1 },
  styles: {
    title: { fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
    subtitle: { fontSize: 8, italics: true, color: '#555555', margin: [0, 0, 0, 10] },
    section: { fontSize: 10, bold: true, margin: [0, 10, 0, 2] },
    sectionNote: { fontSize: 7, italics: true, color: '#555555', margin: [0, 0, 0, 4] },
    th: { bold: true, fillColor: '#D9E1F2' },
  },
}

function footer(label: string) {
  return (page: number, pages: number) => ({
    columns: [{ text: printable(label), fontSize: 7, color: '#555555', width: '*' }, { text: `Page ${page} of ${pages}`, alignment: 'right', fontSize: 7, color: '#555555', width: 70 }],
    margin: [36, 12, 36, 0],
  })
}

// A section heading with too little of its table after it on the page moves to the next page.
function keepHeadingWithTable(node: { headlineLevel?: number }, followingNodesOnPage: readonly unknown[]): boolean {
  return node.headlineLevel === 1 && followingNodesOnPage.length < 8
}

async function render(definition: Record<string, unknown>): Promise<Uint8Array> {
  const buffer = await pdfmake.createPdf(definition).getBuffer()
  return new Uint8Array(buffer)
}

/** Renders a document as a printable PDF: header block, then one table per section. */
export async function writeMds2Pdf(doc: Mds2Document): Promise<Uint8Array> {
  const headerRows = headerFields.map((f) => [{ text: questionById.get(f.id)?.text ?? f.key, bold: true, fillColor: '#EDEDED' }, printable(doc.header[f.key] || '—')])
  const content: unknown[] = [
    { text: 'Manufacturer Disclosure Statement for Medical Device Security (MDS2)', style: 'title' },
    { text: `ANSI/NEMA ${formVersion}. NIST SP 800-53 Rev. 5 references are a medsec mapping, not part of the form.`, style: 'subtitle' },
    { table: { widths: [150, '*'], body: headerRows }, layout: 'lightHorizontalLines' },
  ]
  for (const section of sections) {
    const entries = (questionsBySection.get(section.code) ?? []).filter((q) => q.answerType === 'yes_no_na_note')
    if (entries.length === 0) continue
    const mapping = sectionMappingByCode.get(section.code)
    const references = [
      mapping?.iecCapability ? `IEC TR 80001-2-2: ${mapping.iecCapability.code} (${mapping.iecCapability.name})` : 'IEC TR 80001-2-2: none (MDS2-specific section)',
      `NIST SP 800-53 Rev. 5 (medsec mapping): ${(mapping?.nist80053r5.controls ?? []).join(', ')}`,
    ].join(' · ')
    const body: unknown[][] = [[{ text: 'ID', style: 'th' }, { text: 'Question', style: 'th' }, { text: 'Answer', style: 'th' }, { text: 'Notes', style: 'th' }]]
    for (const q of entries) {
      const entry = doc.answers[q.id]
      body.push([
        { text: q.id, noWrap: true },
        { text: printable(q.text), margin: [q.level * 8, 0, 0, 0] },
        { text: entry?.answer ?? '—', bold: entry?.answer != null, color: entry?.answer == null ? '#999999' : '#000000' },
        printable(entry?.note ?? ''),
      ])
    }
    content.push(
      { text: `${section.code} – ${section.title}`, style: 'section', headlineLevel: 1 },
      { text: references, style: 'sectionNote' },
      { table: { headerRows: 1, dontBreakRows: true, widths: [52, '*', 44, 150], body }, layout: 'lightHorizontalLines' },
    )
  }
  const label = [doc.header.manufacturerName, doc.header.deviceModel, doc.header.documentId, doc.header.releaseDate].filter((t) => t !== '').join(' · ')
  return render({ ...baseDefinition, info: { title: 'MDS2', creator: 'medsec' }, footer: footer(`MDS2 · ${label}`), content, pageBreakBefore: keepHeadingWithTable })
}

const statusColour: Readonly<Record<RequirementStatus, string>> = { met: '#C6EFCE', unmet: '#FFC7CE', unknown: '#FFEB9C' }

/** Renders a procurement comparison as a landscape PDF: vendor summary, then requirements by vendor. */
export async function writeComparisonPdf(comparison: ProcurementComparison): Promise<Uint8Array> {
  const summary: unknown[][] = [['Vendor', 'Score', 'Met', 'Unmet', 'Unknown', 'Passes', 'Mandatory unmet'].map((text) => ({ text, style: 'th' }))]
  for (const v of comparison.vendors) {
    summary.push([printable(v.label), `${v.score}`, `${v.met}`, `${v.unmet}`, `${v.unknown}`, { text: v.passes ? 'Yes' : 'No', bold: true, color: v.passes ? '#006100' : '#9C0006' }, printable(v.mandatoryUnmet.join(', ') || '—')])
  }
  const matrix: unknown[][] = [[{ text: 'Requirement', style: 'th' }, { text: 'Question', style: 'th' }, { text: 'Weight', style: 'th' }, ...comparison.vendors.map((v) => ({ text: printable(v.label), style: 'th' }))]]
  for (const { requirement, cells } of comparison.rows) {
    matrix.push([
      { text: [{ text: printable(requirement.title), bold: true }, requirement.mandatory ? { text: '  mandatory', color: '#9C0006', fontSize: 7 } : ''] },
      [requirement.questionId, ...(requirement.alternatives ?? []).map((a) => a.questionId)].join(' / '),
      `${requirement.weight}`,
      ...cells.map((c) => ({ text: `${c.status}${c.evidence.length > 0 ? `\n${c.evidence.map((e) => `${e.questionId}: ${e.answer ?? '—'}`).join(', ')}` : ''}`, fillColor: statusColour[c.status] })),
    ])
  }
  const content = [
    { text: 'MDS2 procurement comparison', style: 'title' },
    { text: printable(`Profile: ${comparison.profile.name}. Ranking: ${comparison.ranking.join(' > ')}`), style: 'subtitle' },
    { table: { headerRows: 1, widths: ['*', 40, 30, 35, 45, 40, 200], body: summary }, layout: 'lightHorizontalLines' },
    { text: 'Requirements', style: 'section' },
    { table: { headerRows: 1, dontBreakRows: true, widths: [180, 80, 34, ...comparison.vendors.map(() => '*')], body: matrix }, layout: 'lightHorizontalLines' },
  ]
  return render({ ...baseDefinition, pageOrientation: 'landscape', info: { title: 'MDS2 comparison', creator: 'medsec' }, footer: footer(`MDS2 comparison · ${comparison.profile.name}`), content })
}
