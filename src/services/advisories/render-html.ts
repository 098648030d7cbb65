// Renders a CSAF advisory as a self-contained, readable HTML page for customers (no script, inline styles only).

type Json = Record<string, unknown>

function escape(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch)
}

function list<T = Json>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : []
}

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {}
}

// Only http(s) links are rendered as links; anything else is shown as text.
function link(url: unknown, text: unknown): string {
  const href = String(url ?? '')
  return /^https?:\/\//i.test(href) ? `<a href="${escape(href)}" rel="noopener noreferrer">${escape(text)}</a>` : escape(text)
}

/** The product names of a document by product id, from the product tree's branches and full product names. */
export function productNames(doc: Json): Map<string, string> {
  const names = new Map<string, string>()
  const visit = (branch: Json) => {
    const product = obj(branch.product)
    if (typeof product.product_id === 'string') names.set(product.product_id, String(product.name ?? product.product_id))
    for (const child of list(branch.branches)) visit(child)
  }
  const tree = obj(doc.product_tree)
  for (const branch of list(tree.branches)) visit(branch)
  for (const product of list(tree.full_product_names)) if (typeof product.product_id === 'string') names.set(product.product_id, String(product.name ?? product.product_id))
  return names
}

const STATUS_LABELS: Readonly<Record<string, string>> = {
  known_affected: 'Affected',
  first_affected: 'First affected',
  last_affected: 'Last affected',
  fixed: 'Fixed',
  first_fixed: 'First fixed',
  recommended: 'Recommended',
  known_not_affected: 'Not affected',
  under_investigation: 'Under investigation',
}

const REMEDIATION_LABELS: Readonly<Record<string, string>> = {
  vendor_fix: 'Vendor fix',
  mitigation: 'Mitigation',
  workaround: 'Workaround',
  no_fix_planned: 'No fix planned',
  none_available: 'None available',
}

/** The TLP of a document as a TLP 2.0 label (WHITE is shown as CLEAR). */
export function tlpOfDocument(doc: Json): string {
  const label = String(obj(obj(obj(doc.document).distribution).tlp).label ?? '')
  return label === 'WHITE' ? 'CLEAR' : label || 'unlabelled'
}

/** The plain data of an advisory page, shared by the HTML and the PDF. */
export interface AdvisoryOutline {
  readonly title: string
  readonly publisher: string
  readonly trackingId: string
  readonly version: string
  readonly status: string
  readonly tlp: string
  readonly initialRelease: string
  readonly currentRelease: string
  readonly notes: readonly { title: string; text: string }[]
  readonly vulnerabilities: readonly {
    heading: string
    score: string
    notes: readonly string[]
    products: readonly { status: string; names: readonly string[] }[]
    remediations: readonly { category: string; details: string; products: readonly string[]; url: string }[]
    references: readonly { summary: string; url: string }[]
  }[]
  readonly references: readonly { summary: string; url: string }[]
  readonly revisions: readonly { number: string; date: string; summary: string }[]
}

/** Extracts what a customer reads from a CSAF document. */
export function outlineOf(doc: Json): AdvisoryOutline {
  const document = obj(doc.document)
  const tracking = obj(document.tracking)
  const names = productNames(doc)
  const nameOf = (id: unknown) => names.get(String(id)) ?? String(id)
  const refs = (value: unknown) => list(value).map((r) => ({ summary: String(r.summary ?? r.url ?? ''), url: String(r.url ?? '') }))
  return {
    title: String(document.title ?? ''),
    publisher: String(obj(document.publisher).name ?? ''),
    trackingId: String(tracking.id ?? ''),
    version: String(tracking.version ?? ''),
    status: String(tracking.status ?? ''),
    tlp: tlpOfDocument(doc),
    initialRelease: String(tracking.initial_release_date ?? '').slice(0, 10),
    currentRelease: String(tracking.current_release_date ?? '').slice(0, 10),
    notes: list(document.notes).map((n) => ({ title: String(n.title ?? n.category ?? ''), text: String(n.text ?? '') })),
    vulnerabilities: list(doc.vulnerabilities).map((v) => {
      const score = list(v.scores)
        .map((s) => obj(s.cvss_v3).vectorString ? `CVSS ${String(obj(s.cvss_v3).baseScore)} (${String(obj(s.cvss_v3).baseSeverity)}) ${String(obj(s.cvss_v3).vectorString)}` : obj(s.cvss_v2).vectorString ? `CVSS 2.0 ${String(obj(s.cvss_v2).baseScore)} ${String(obj(s.cvss_v2).vectorString)}` : '')
        .filter(Boolean)
        .join('; ')
      return {
        heading: [v.cve, v.title].filter((part) => typeof part === 'string' && part).join(': ') || 'Vulnerability',
        score,
        notes: list(v.notes).map((n) => String(n.text ?? '')),
        products: Object.entries(obj(v.product_status)).map(([status, ids]) => ({ status: STATUS_LABELS[status] ?? status, names: list<string>(ids).map(nameOf) })),
        remediations: list(v.remediations).map((r) => ({
          category: REMEDIATION_LABELS[String(r.category)] ?? String(r.category),
          details: String(r.details ?? ''),
          products: list<string>(r.product_ids).map(nameOf),
          url: String(r.url ?? ''),
        })),
        references: refs(v.references),
      }
    }),
    references: refs(document.references),
    revisions: list(tracking.revision_history).map((r) => ({ number: String(r.number ?? ''), date: String(r.date ?? '').slice(0, 10), summary: String(r.summary ?? '') })),
  }
}

const TLP_COLOURS: Readonly<Record<string, string>> = { CLEAR: '#ffffff', GREEN: '#33ff00', AMBER: '#ffc000', RED: '#ff2b2b' }

/** The HTML page of an advisory (UTF-8, no scripts; links to the JSON, its signature and the PDF when given). */
export function renderAdvisoryHtml(doc: Json, links: { json?: string; pdf?: string } = {}): string {
  const a = outlineOf(doc)
  const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => `<p>${escape(p)}</p>`).join('')
  const refList = (refs: AdvisoryOutline['references']) => (refs.length === 0 ? '' : `<ul>${refs.map((r) => `<li>${link(r.url, r.summary)}</li>`).join('')}</ul>`)
  const vulnerabilities = a.vulnerabilities
    .map(
      (v) => `<section class="vulnerability"><h2>${escape(v.heading)}</h2>${v.score ? `<p class="score">${escape(v.score)}</p>` : ''}
${v.notes.map(paragraphs).join('')}
<table><thead><tr><th scope="col">Status</th><th scope="col">Products</th></tr></thead><tbody>${v.products.map((p) => `<tr><td>${escape(p.status)}</td><td>${p.names.map(escape).join('<br>')}</td></tr>`).join('')}</tbody></table>
${v.remediations.length === 0 ? '' : `<h3>Remediations</h3><ul>${v.remediations.map((r) => `<li><strong>${escape(r.category)}</strong> (${r.products.map(escape).join(', ')}): ${escape(r.details)}${r.url ? ` ${link(r.url, r.url)}` : ''}</li>`).join('')}</ul>`}
${v.references.length === 0 ? '' : `<h3>References</h3>${refList(v.references)}`}</section>`,
    )
    .join('\n')
  const tlpColour = TLP_COLOURS[a.tlp] ?? '#dddddd'
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(a.trackingId)}: ${escape(a.title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.25rem} h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
.tlp{display:inline-block;background:#000;color:${tlpColour};font-weight:700;padding:.1rem .5rem;border-radius:3px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem} dt{font-weight:600}
table{border-collapse:collapse;width:100%} th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
.score{font-family:ui-monospace,monospace} footer{margin-top:3rem;font-size:.85rem;color:#555}
</style></head><body>
<header><p><span class="tlp">TLP:${escape(a.tlp)}</span></p><h1>${escape(a.title)}</h1>
<dl><dt>Publisher</dt><dd>${escape(a.publisher)}</dd><dt>Advisory</dt><dd>${escape(a.trackingId)}, version ${escape(a.version)} (${escape(a.status)})</dd>
<dt>First published</dt><dd>${escape(a.initialRelease)}</dd><dt>Last updated</dt><dd>${escape(a.currentRelease)}</dd></dl>
${links.json ? `<p>Machine-readable: ${link(links.json, 'CSAF JSON')} (${link(`${links.json}.asc`, 'signature')}, ${link(`${links.json}.sha512`, 'SHA-512')})${links.pdf ? `, ${link(links.pdf, 'PDF')}` : ''}</p>` : ''}
</header>
<main>${a.notes.map((n) => `<section><h2>${escape(n.title)}</h2>${paragraphs(n.text)}</section>`).join('\n')}
${vulnerabilities}
${a.references.length === 0 ? '' : `<section><h2>References</h2>${refList(a.references)}</section>`}
<section><h2>Revision history</h2><table><thead><tr><th scope="col">Version</th><th scope="col">Date</th><th scope="col">Summary</th></tr></thead><tbody>${a.revisions.map((r) => `<tr><td>${escape(r.number)}</td><td>${escape(r.date)}</td><td>${escape(r.summary)}</td></tr>`).join('')}</tbody></table></section>
</main><footer>Generated from the CSAF 2.0 document by medsec. The CSAF JSON is authoritative.</footer></body></html>
`
}
