import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { RiskEntryCard } from '../components/fleet-risk/RiskEntryCard.js'
import { LEVEL_LABELS, type RiskRegister } from '../components/fleet-risk/types.js'
import { sp80030Levels } from '../../domain/risk/sp800-30.js'

/** The fleet's risk register (NIST SP 800-30): entries per device or group, controls, acceptances with expiry. */
export function FleetRiskRegisterPage({ org }: { org: MyOrganization }) {
  const [includeClosed, setIncludeClosed] = useState(false)
  const { data, error, reload } = useApi<RiskRegister>(`/api/orgs/${org.id}/fleet/risk-register${includeClosed ? '?includeClosed=true' : ''}`)
  const [formError, setFormError] = useState('')
  const canEdit = org.role !== 'viewer'

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = event.currentTarget
    const f = new FormData(form)
    const text = (k: string) => String(f.get(k) ?? '').trim()
    const group = Object.fromEntries(['modality', 'manufacturer', 'model', 'softwareVersion', 'department', 'location'].flatMap((k) => (text(k) ? [[k, text(k)]] : [])))
    setFormError('')
    api('POST', `/api/orgs/${org.id}/fleet/risk-register`, { title: text('title'), description: text('description') || null, group, likelihood: text('likelihood'), impact: text('impact') })
      .then(() => {
        form.reset()
        reload()
      })
      .catch((e: unknown) => setFormError(e instanceof ApiError ? e.message : String(e)))
  }

  return (
    <section>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', flexWrap: 'wrap' }}>
        <h1 style={{ marginRight: 'auto' }}>Risk register</h1>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/dashboard')}>
          Fleet dashboard
        </button>
        <label>
          <input type="checkbox" checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)} /> Show closed entries
        </label>
      </div>
      <p className="muted">Risk = likelihood × impact (NIST SP 800-30 Rev. 1, Table I-2); residual risk uses the likelihood after the compensating controls. Accepted risks alert 30 days before their acceptance expires.</p>
      {error && <p className="error">{error}</p>}
      {data && (
        <p aria-live="polite">
          {data.summary.open} open · {data.summary.mitigating} mitigating · {data.summary.accepted} accepted ({data.summary.expiring} expiring, {data.summary.expired} expired)
        </p>
      )}
      {canEdit && (
        <details className="card">
          <summary>
            <h2>Add a risk for a group of devices</h2>
          </summary>
          <form onSubmit={create} className="inline-form" style={{ flexWrap: 'wrap' }}>
            <label>
              Title
              <input name="title" required maxLength={300} />
            </label>
            <label>
              Description
              <input name="description" maxLength={10000} />
            </label>
            {(['modality', 'manufacturer', 'model', 'softwareVersion', 'department', 'location'] as const).map((k) => (
              <label key={k}>
                {k === 'softwareVersion' ? 'Software version' : k[0]!.toUpperCase() + k.slice(1)}
                <input name={k} maxLength={300} />
              </label>
            ))}
            {(['likelihood', 'impact'] as const).map((k) => (
              <label key={k}>
                {k === 'likelihood' ? 'Likelihood' : 'Impact'}
                <select name={k} defaultValue="moderate">
                  {sp80030Levels.map((l) => (
                    <option key={l} value={l}>
                      {LEVEL_LABELS[l]}
                    </option>
                  ))}
                </select>
              </label>
            ))}
            <button type="submit">Add risk</button>
          </form>
          {formError && <p className="error">{formError}</p>}
          <p className="muted">Risks about one device are added from the device's page.</p>
        </details>
      )}
      {data?.entries.length === 0 && <p className="card muted">The register is empty.</p>}
      {data?.entries.map((entry) => <RiskEntryCard key={entry.id} org={org} entry={entry} onChange={reload} />)}
    </section>
  )
}
