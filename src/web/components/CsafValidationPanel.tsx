import type { CsafFinding, CsafReport } from '../../domain/csaf/types.js'

type Level = 'error' | 'warning' | 'info'

/** Where a finding's JSON path is edited: the vulnerability's fieldset (if any) and candidate field labels, best first. */
function fieldFor(path: string): { readonly vulnerability?: number; readonly labels: readonly string[] } | undefined {
  const vulnerability = /^\/vulnerabilities\/(\d+)(?:\/([^/]+)(?:\/(\d+))?)?/.exec(path)
  if (vulnerability) {
    const index = Number(vulnerability[1])
    const item = vulnerability[3] === undefined ? '' : ` ${Number(vulnerability[3]) + 1}`
    // Lists (scores, remediations) number their fields from 1; single fields are named plainly.
    const labels: Readonly<Record<string, readonly string[]>> = {
      cve: ['CVE'],
      title: ['Title'],
      cwe: ['CWE'],
      notes: ['Description'],
      scores: [`CVSS vector${item}`, 'CVSS vector'],
      remediations: [`Remediation${item}`, 'Remediation'],
    }
    return { vulnerability: index, labels: labels[vulnerability[2] ?? ''] ?? [] }
  }
  if (path.startsWith('/document/title')) return { labels: ['Title'] }
  if (path.startsWith('/document/notes')) return { labels: ['Summary'] }
  if (path.startsWith('/document/distribution')) return { labels: ['TLP'] }
  if (path.startsWith('/document/category')) return { labels: ['Category'] }
  return undefined
}

function controlIn(scope: ParentNode, labels: readonly string[]): HTMLElement | null {
  for (const label of labels) {
    for (const element of scope.querySelectorAll('label')) {
      // A label's text is its own words first (a select's options follow), so a prefix names the field; a digit
      // after it means another item of a list ("CVSS vector 1" is not "CVSS vector 10").
      const text = (element.textContent ?? '').trim()
      if (text.startsWith(label) && !/\d/.test(text.charAt(label.length))) {
        const control = element.control ?? element.querySelector('input, select, textarea')
        if (control instanceof HTMLElement) return control
      }
    }
  }
  return scope === document ? null : scope.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])')
}

// The fieldset of vulnerability `index`: named "Vulnerability <n>" by its aria-label, legend or heading.
function vulnerabilityFieldset(root: ParentNode, index: number): HTMLFieldSetElement | undefined {
  const name = `Vulnerability ${index + 1}`
  const names = (text: string | null | undefined) => {
    const trimmed = (text ?? '').trim()
    return trimmed === name || trimmed.startsWith(`${name}:`)
  }
  return [...root.querySelectorAll('fieldset')].find((f) => names(f.getAttribute('aria-label')) || names(f.querySelector('h2, legend')?.textContent))
}

/** Moves the focus to the editor field a finding points to, when the page has one; true when it did. */
export function focusFieldOf(path: string, root: ParentNode = document): boolean {
  const target = fieldFor(path)
  if (!target) return false
  const scope = target.vulnerability === undefined ? root : vulnerabilityFieldset(root, target.vulnerability)
  if (!scope) return false
  const control = controlIn(scope, target.labels)
  if (!control) return false
  control.scrollIntoView({ block: 'center' })
  control.focus()
  return true
}

// A finding reads as text but is a button (it moves the focus); the shared styles have no link-like button.
const linkButton = { background: 'none', border: 'none', padding: 0, margin: 0, color: 'inherit', font: 'inherit', textAlign: 'left', cursor: 'pointer', textDecoration: 'underline dotted', overflowWrap: 'anywhere' } as const

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/**
 * The editor's validation panel: the live verdict, then every finding with its level, test id, JSON path and
 * message; clicking a finding focuses the field it concerns. `saved` is the server's verdict on the saved version.
 */
export function CsafValidationPanel({ report, saved }: { report: CsafReport | undefined; saved?: CsafReport }) {
  const findings: (CsafFinding & { level: Level })[] = report
    ? [...report.errors.map((f) => ({ ...f, level: 'error' as const })), ...report.warnings.map((f) => ({ ...f, level: 'warning' as const })), ...report.infos.map((f) => ({ ...f, level: 'info' as const }))]
    : []
  return (
    <section className="card" aria-labelledby="validation-heading">
      <h2 id="validation-heading">Validation</h2>
      <p role="status" aria-live="polite" className={!report ? 'muted' : report.valid ? 'score-good' : 'error'}>
        {!report ? 'Validating…' : report.valid ? 'Valid CSAF 2.0' : plural(report.errors.length, 'error')}
        {report && report.warnings.length > 0 ? `, ${plural(report.warnings.length, 'warning')}` : ''}
        {report && report.infos.length > 0 ? `, ${plural(report.infos.length, 'note')}` : ''}
      </p>
      <p className="muted">Checked in your browser as you type (schema, mandatory, optional and informative tests).</p>
      <ul className="plain-list" aria-label="Validation findings">
        {findings.map((f, i) => (
          <li key={`${f.test}-${f.path}-${i}`} style={{ overflowWrap: 'anywhere' }}>
            <button type="button" style={linkButton} title="Go to the field" onClick={() => focusFieldOf(f.path)}>
              <strong>{f.level}</strong> <span className="muted">{f.test}</span> <code>{f.path}</code>
            </button>
            : {f.message}
          </li>
        ))}
      </ul>
      {saved && (
        <p className="muted">
          Saved version, checked by the server: {saved.valid ? 'valid' : plural(saved.errors.length, 'error')}.
        </p>
      )}
    </section>
  )
}
