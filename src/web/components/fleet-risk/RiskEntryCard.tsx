import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { CONTROL_KINDS } from '../../../domain/risk/device-risk.js'
import { RISK_COLOURS } from './EChart.js'
import { acceptanceText, CONTROL_LABELS, LEVEL_LABELS, type RiskEntry } from './types.js'

/** One register entry: scope, SP 800-30 risk before and after controls, controls, acceptance; with actions for analysts and admins. */
export function RiskEntryCard({ org, entry, onChange }: { org: MyOrganization; entry: RiskEntry; onChange: () => void }) {
  const [error, setError] = useState('')
  const [mode, setMode] = useState<'none' | 'control' | 'accept'>('none')
  const canEdit = org.role !== 'viewer'
  const base = `/api/orgs/${org.id}/fleet/risk-register/${entry.id}`
  const act = async (work: () => Promise<unknown>) => {
    setError('')
    try {
      await work()
      setMode('none')
      onChange()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  const submit = (event: FormEvent<HTMLFormElement>, path: string) => {
    event.preventDefault()
    const body = Object.fromEntries(new FormData(event.currentTarget))
    void act(() => api('POST', path, body))
  }
  const state = entry.acceptance.state
  return (
    <article className="card" aria-label={`Risk: ${entry.title}`}>
      <div style={{ display: 'flex', gap: '0.75rem', alignItems: 'baseline', flexWrap: 'wrap' }}>
        <h3 style={{ margin: 0, marginRight: 'auto' }}>{entry.title}</h3>
        <span>
          Risk <strong style={{ color: RISK_COLOURS[entry.risk.inherent] }}>{LEVEL_LABELS[entry.risk.inherent]}</strong> → residual{' '}
          <strong style={{ color: RISK_COLOURS[entry.risk.residual] }}>{LEVEL_LABELS[entry.risk.residual]}</strong>
        </span>
        <span className="muted">{entry.status}</span>
      </div>
      <p className="muted" style={{ margin: '0.25rem 0' }}>
        {entry.scope.kind === 'device' ? (
          <>
            Device{' '}
            <a href={`/fleet/devices/${entry.scope.deviceId}`} onClick={(e) => (e.preventDefault(), navigate(`/fleet/devices/${entry.scope.kind === 'device' ? entry.scope.deviceId : ''}`))}>
              {entry.scope.assetTag ?? entry.scope.deviceId}
            </a>
          </>
        ) : (
          <>
            Group {entry.scope.label} ({entry.scope.devices} devices)
          </>
        )}{' '}
        · likelihood {LEVEL_LABELS[entry.likelihood]}, impact {LEVEL_LABELS[entry.impact]}
        {entry.residualLikelihood ? `, residual likelihood ${LEVEL_LABELS[entry.residualLikelihood]}` : ''}
      </p>
      {entry.description && <p>{entry.description}</p>}
      {entry.controls.length > 0 && (
        <ul aria-label="Compensating controls">
          {entry.controls.map((c) => (
            <li key={c.id}>
              <strong>{CONTROL_LABELS[c.kind] ?? c.kind}</strong>: {c.description}{' '}
              {canEdit && (
                <button type="button" className="secondary" onClick={() => void act(() => api('DELETE', `${base}/controls/${c.id}`))}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {entry.status === 'accepted' && (
        <p className={state.kind === 'expired' || state.kind === 'expiring' ? 'gap' : undefined}>
          Accepted by {entry.acceptance.owner} until {entry.acceptance.expires} ({acceptanceText(state)}): {entry.acceptance.rationale}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {canEdit && entry.status !== 'closed' && (
        <div className="inline-form">
          <button type="button" className="secondary" onClick={() => setMode(mode === 'control' ? 'none' : 'control')}>
            Add control
          </button>
          {org.role === 'admin' && (
            <button type="button" className="secondary" onClick={() => setMode(mode === 'accept' ? 'none' : 'accept')}>
              Accept risk
            </button>
          )}
          <button type="button" className="secondary" onClick={() => void act(() => api('PATCH', base, { status: entry.status === 'mitigating' ? 'open' : 'mitigating' }))}>
            {entry.status === 'mitigating' ? 'Reopen' : 'Mitigating'}
          </button>
          <button type="button" className="danger" onClick={() => void act(() => api('PATCH', base, { status: 'closed' }))}>
            Close
          </button>
        </div>
      )}
      {mode === 'control' && (
        <form className="inline-form" onSubmit={(e) => submit(e, `${base}/controls`)}>
          <label>
            Control kind
            <select name="kind" defaultValue="segmentation">
              {CONTROL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {CONTROL_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Control description
            <input name="description" required maxLength={2000} placeholder="VLAN 40; only PACS may reach port 104" />
          </label>
          <button type="submit">Save control</button>
        </form>
      )}
      {mode === 'accept' && (
        <form className="inline-form" onSubmit={(e) => submit(e, `${base}/acceptance`)}>
          <label>
            Risk owner
            <input name="owner" required maxLength={200} />
          </label>
          <label>
            Acceptance expires
            <input name="expires" type="date" required />
          </label>
          <label>
            Rationale
            <input name="rationale" required maxLength={10000} />
          </label>
          <button type="submit">Accept</button>
        </form>
      )}
    </article>
  )
}
