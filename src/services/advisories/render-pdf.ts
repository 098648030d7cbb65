import { outlineOf } from './render-html.js'

// The standard fonts encode WinAnsi only; anything else would print as garbage, so it is shown as '?'.
const winAnsiExtras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
function printable(text: string): string {
  return [...text].map((ch) => (ch === '\n' || (ch >= ' ' && ch <= '~') || (ch >= '\u00a0' && ch <= '\u00ff') || winAnsiExtras.has(ch) ? ch : '?')).join('')
}

const TLP_COLOURS: Readonly<Record<string, string>> = { CLEAR: '#FFFFFF', GREEN: '#33FF00', AMBER: '#FFC000', RED: '#FF2B2B' }

/** Renders a CSAF advisory as a PDF for customers (pdfmake, loaded on first use, standard fonts, no remote resources). */
export async function renderAdvisoryPdf(doc: Record<string, unknown>): Promise<Uint8Array> {
  const { default: pdfmake } = await import('pdfmake')
  // Same policy as the MDS2 PDF: standard fonts only, no URL or other local file may be pulled in by the content.
  pdfmake.addFonts({ Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' } })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((path) => ['Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique'].includes(path))
  const a = outlineOf(doc)
  const p = printable
  const content: unknown[] = [
    { text: `TLP:${a.tlp}`, color: TLP_COLOURS[a.tlp] ?? '#DDDDDD', background: '#000000', bold: true, margin: [0, 0, 0, 6] },
    { text: p(a.title), style: 'title' },
    {
      table: {
        widths: [90, '*'],
        body: [
          ['Publisher', p(a.publisher)],
          ['Advisory', p(`${a.trackingId}, version ${a.version} (${a.status})`)],
          ['First published', a.initialRelease],
          ['Last updated', a.currentRelease],
        ].map(([k, v]) => [{ text: k, bold: true }, v]),
      },
      layout: 'lightHorizontalLines',
    },
  ]
  for (const note of a.notes) content.push({ text: p(note.title), style: 'section' }, { text: p(note.text) })
  for (const v of a.vulnerabilities) {
    content.push({ text: p(v.heading), style: 'section' })
    if (v.score) content.push({ text: p(v.score), margin: [0, 0, 0, 4] })
    for (const note of v.notes) content.push({ text: p(note), margin: [0, 0, 0, 4] })
    content.push({
      table: { widths: [90, '*'], headerRows: 1, body: [[{ text: 'Status', bold: true }, { text: 'Products', bold: true }], ...v.products.map((s) => [s.status, p(s.names.join('\n'))])] },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 4],
    })
    if (v.remediations.length > 0) content.push({ ul: v.remediations.map((r) => p(`${r.category} (${r.products.join(', ')}): ${r.details}${r.url ? ` ${r.url}` : ''}`)) })
    if (v.references.length > 0) content.push({ ul: v.references.map((r) => p(`${r.summary}: ${r.url}`)), margin: [0, 4, 0, 0] })
  }
  if (a.references.length > 0) content.push({ text: 'References', style: 'section' }, { ul: a.references.map((r) => p(`${r.summary}: ${r.url}`)) })
  content.push(
    { text: 'Revision history', style: 'section' },
    { table: { widths: [50, 70, '*'], headerRows: 1, body: [['Version', 'Date', 'Summary'].map((t) => ({ text: t, bold: true })), ...a.revisions.map((r) => [r.number, r.date, p(r.summary)])] }, layout: 'lightHorizontalLines' },
  )
  const definition = {
    pageSize: 'A4',
    pageMargins: [40, 44, 40, 40],
    defaultStyle: { font: 'Helvetica', fontSize: 9, lineHeight: 1.15 },
    styles: { title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] }, section: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] } },
    info: { title: p(`${a.trackingId}: ${a.title}`), author: p(a.publisher) },
    footer: (page: number, pages: number) => ({ text: p(`${a.trackingId} v${a.version}  TLP:${a.tlp}  Page ${page} of ${pages}`), alignment: 'center', fontSize: 7, color: '#555555', margin: [0, 12, 0, 0] }),
    content,
  }
  return new Uint8Array(await pdfmake.createPdf(definition).getBuffer())
}
