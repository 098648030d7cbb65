import { useState } from 'react'
import type { TriageDecision } from '../../domain/findings/index.js'
import { triageResponses, triageStates } from '../../domain/findings/index.js'
import { vexJustifications } from '../../domain/vex/index.js'
import { api, ApiError, type MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'

interface FindingRow {
  id: string
  status: 'present' | 'resolved'
  component: { name: string; version: string | null; purl: string | null; cpe: string | null; packageId: string | null }
  vulnerability: { id: string; aliases: string[] }
  matchedBy: string
  confidence: string
  reasons: { reason: string }[]
  severity: { score: number; severity: string } | null
  kev: { dateAdded: string } | null
  epss: { score: number; percentile: number } | null
  firstSeen: string
  resolvedAt: string | null
  decision: (TriageDecision & { inherited: boolean }) | null
  overrides: TriageDecision[]
}

interface FindingsBody {
  productVersion: { productName: string; version: string }
  lastMatch: { matchedAt: string } | null
  counts: { present: number; resolved: number; untriaged: number }
  findings: FindingRow[]
}

const scopeLabel: Record<TriageDecision['scope']['kind'], string> = { product_version: 'this version', product: 'all versions of the product', component: 'this component, organization-wide' }

/** The findings of a product version: why each matched, its enrichment, its effective decision and a triage form. */
export function FindingsPage({ org, versionId }: { org: MyOrganization; versionId: string }) {
  const path = `/api/orgs/${org.id}/product-versions/${versionId}/findings`
  const { data, error, reload } = useApi<FindingsBody>(path)
  const [selected, setSelected] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const canWrite = org.role !== 'viewer'

  async function rematch() {
    try {
      const run = await api<{ added: number; resolved: number; present: number }>('POST', `${path}/rematch`)
      setMessage(`Matched: ${run.present} present, ${run.added} new, ${run.resolved} resolved.`)
      reload()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e))
    }
  }

  if (error) return <p role="alert">{error}</p>
  if (!data) return <p>Loading…</p>
  const current = data.findings.find((f) => f.id === selected)
  return (
    <section aria-labelledby="findings-title">
      <h1 id="findings-title">
        Findings: {data.productVersion.productName} {data.productVersion.version}
      </h1>
      <p>
        {data.counts.present} present, {data.counts.untriaged} untriaged, {data.counts.resolved} resolved. Last match: {data.lastMatch ? new Date(data.lastMatch.matchedAt).toLocaleString() : 'never'}.{' '}
        {canWrite && (
          <button type="button" onClick={() => void rematch()}>
            Re-match now
          </button>
        )}{' '}
        {(['openvex', 'cyclonedx', 'csaf'] as const).map((format) => (
          <a key={format} href={`/api/orgs/${org.id}/product-versions/${versionId}/vex?format=${format}`} download style={{ marginRight: '0.5rem' }}>
            VEX ({format})
          </a>
        ))}
      </p>
      {message && <p role="status">{message}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">Vulnerability</th>
            <th scope="col">Severity</th>
            <th scope="col">Signals</th>
            <th scope="col">Why</th>
            <th scope="col">Decision</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {data.findings.map((f) => (
            <tr key={f.id} aria-selected={f.id === selected}>
              <td>
                {f.component.name} {f.component.version ?? ''}
                <div className="muted">{f.component.purl ?? f.component.cpe ?? ''}</div>
              </td>
              <td>
                {f.vulnerability.id}
                {f.vulnerability.aliases.length > 0 && <div className="muted">{f.vulnerability.aliases.join(', ')}</div>}
              </td>
              <td>{f.severity ? `${f.severity.score} ${f.severity.severity}` : '—'}</td>
              <td>
                {f.kev && <span className="badge" title={`CISA KEV since ${f.kev.dateAdded}`}>KEV</span>}{' '}
                {f.epss && <span className="badge" title={`EPSS percentile ${(f.epss.percentile * 100).toFixed(0)}`}>EPSS {(f.epss.score * 100).toFixed(1)}%</span>}
              </td>
              <td>
                {f.matchedBy}, {f.confidence}
                <div className="muted">{f.reasons[0]?.reason}</div>
              </td>
              <td>
                {f.decision ? (
                  <>
                    {f.decision.state}
                    {f.decision.justification && ` (${f.decision.justification})`}
                    <div className="muted">
                      {f.decision.inherited ? 'inherited from ' : 'for '}
                      {scopeLabel[f.decision.scope.kind]}, {f.decision.decidedBy}
                      {f.decision.origin !== 'manual' && `, ${f.decision.origin}`}
                    </div>
                  </>
                ) : (
                  <span className="muted">untriaged</span>
                )}
                {canWrite && f.status === 'present' && (
                  <div>
                    <button type="button" onClick={() => setSelected(f.id)} aria-label={`Triage ${f.vulnerability.id} in ${f.component.name}`}>
                      {f.decision ? 'Override' : 'Triage'}
                    </button>
                  </div>
                )}
              </td>
              <td>{f.status === 'present' ? `since ${f.firstSeen.slice(0, 10)}` : `resolved ${f.resolvedAt?.slice(0, 10) ?? ''}`}</td>
            </tr>
          ))}
          {data.findings.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {data.lastMatch ? 'No findings: no knowledge-base vulnerability matches the components of this SBOM.' : 'No findings. Upload an SBOM and re-match.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {current && <TriageForm orgId={org.id} finding={current} onDone={() => (setSelected(null), reload())} />}
    </section>
  )
}

function TriageForm({ orgId, finding, onDone }: { orgId: string; finding: FindingRow; onDone: () => void }) {
  const [scope, setScope] = useState<TriageDecision['scope']['kind']>('product_version')
  const [state, setState] = useState(finding.decision?.state ?? 'in_triage')
  const [justification, setJustification] = useState('')
  const [responses, setResponses] = useState<string[]>([])
  const [detail, setDetail] = useState('')
  const [error, setError] = useState('')
  const url = `/api/orgs/${orgId}/findings/${finding.id}/decision`

  async function save() {
    setError('')
    try {
      await api('PUT', url, { scope, state, justification: state === 'not_affected' && justification ? justification : null, responses, detail: detail || null })
      onDone()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }

  async function remove() {
    try {
      await api('DELETE', `${url}?scope=${scope}`)
      onDone()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }

  return (
    <form aria-label="Triage decision" onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>
        Triage {finding.vulnerability.id} in {finding.component.name}
      </h2>
      {finding.overrides.length > 0 && <p className="muted">Overrides: {finding.overrides.map((o) => `${o.state} (${scopeLabel[o.scope.kind]})`).join('; ')}</p>}
      <label>
        Applies to
        <select value={scope} onChange={(e) => setScope(e.target.value as TriageDecision['scope']['kind'])}>
          <option value="product_version">{scopeLabel.product_version}</option>
          <option value="product">{scopeLabel.product}</option>
          {finding.component.packageId && <option value="component">{scopeLabel.component}</option>}
        </select>
      </label>
      <label>
        State
        <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
          {triageStates.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      {state === 'not_affected' && (
        <label>
          Justification
          <select value={justification} onChange={(e) => setJustification(e.target.value)}>
            <option value="">(none; explain in the detail)</option>
            {vexJustifications.map((j) => (
              <option key={j}>{j}</option>
            ))}
          </select>
        </label>
      )}
      <fieldset>
        <legend>Response</legend>
        {triageResponses.map((r) => (
          <label key={r}>
            <input type="checkbox" checked={responses.includes(r)} onChange={(e) => setResponses(e.target.checked ? [...responses, r] : responses.filter((x) => x !== r))} /> {r}
          </label>
        ))}
      </fieldset>
      <label>
        Detail
        <textarea value={detail} onChange={(e) => setDetail(e.target.value)} rows={3} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit">Save decision</button>{' '}
      <button type="button" onClick={() => void remove()}>
        Remove decision at this scope
      </button>{' '}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  )
}
