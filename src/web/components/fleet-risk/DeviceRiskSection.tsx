import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { useApi } from '../../useApi.js'
import { sp80030Levels } from '../../../domain/risk/sp800-30.js'
import { RISK_COLOURS } from './EChart.js'
import { RiskEntryCard } from './RiskEntryCard.js'
import { endOfSupportText, LEVEL_LABELS, PATCH_LABELS, type DeviceRisk } from './types.js'

/** A device's risk: the score and each factor, its vulnerabilities, patch status, support life and register entries. */
export function DeviceRiskSection({ org, deviceId }: { org: MyOrganization; deviceId: string }) {
  const { data, error, reload } = useApi<DeviceRisk>(`/api/orgs/${org.id}/devices/${deviceId}/risk`)
  const [formError, setFormError] = useState('')
  const canEdit = org.role !== 'viewer'
  if (error) return <p className="error">{error}</p>
  if (!data) return <p className="muted">Loading risk…</p>
  const b = data.breakdown
  const post = (event: FormEvent<HTMLFormElement>, method: 'POST' | 'PUT', path: string, body: (f: FormData) => unknown) => {
    event.preventDefault()
    const form = event.currentTarget
    setFormError('')
    api(method, path, body(new FormData(form)))
      .then(() => reload())
      .catch((e: unknown) => setFormError(e instanceof ApiError ? e.message : String(e)))
  }
  return (
    <section aria-label="Risk">
      <h2>
        Risk score <span style={{ color: RISK_COLOURS[b.level] }}>{b.score}</span> <span className="muted">({LEVEL_LABELS[b.level]})</span>
      </h2>
      <table aria-label="Risk breakdown">
        <thead>
          <tr>
            <th>Factor</th>
            <th>Value</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Technical (T)</td>
            <td>{b.technical.value}</td>
            <td>
              {b.technical.driver
                ? `${b.technical.driver.vulnerabilityId}: CVSS ${b.technical.driver.cvssBaseScore ?? 'unknown (5 assumed)'} × exploit ${b.technical.driver.exploitFactor} (${b.technical.driver.kev ? 'known exploited' : `EPSS ${b.technical.driver.epss ?? 'unknown'}`})`
                : 'no open vulnerability'}
              ; {b.technical.counted} open, {b.technical.kev} known exploited, {b.technical.excluded} fixed or not affected
            </td>
          </tr>
          <tr>
            <td>Clinical criticality (C)</td>
            <td>{b.criticality.factor}</td>
            <td>{b.criticality.level}</td>
          </tr>
          <tr>
            <td>Exposure (E)</td>
            <td>{b.exposure.factor}</td>
            <td>{[b.exposure.networked ? 'on the network' : 'stand-alone', b.exposure.internetExposed ? 'internet-exposed' : null, b.exposure.storesPhi ? 'stores PHI' : null].filter(Boolean).join(', ')}</td>
          </tr>
          <tr>
            <td>Support (S)</td>
            <td>{b.support.factor}</td>
            <td>{b.support.ended ? 'security support has ended' : 'supported or unknown'}</td>
          </tr>
          <tr>
            <td>Compensating controls (K)</td>
            <td>{b.controls.factor}</td>
            <td>{b.controls.kinds.length > 0 ? b.controls.kinds.join(', ') : 'none recorded in the register'}</td>
          </tr>
          <tr>
            <th>Score</th>
            <th colSpan={2}>{b.formula}</th>
          </tr>
        </tbody>
      </table>
      {data.vulnerabilities.length > 0 && (
        <details className="card">
          <summary>Vulnerabilities ({data.vulnerabilities.length})</summary>
          <ul>
            {data.vulnerabilities.map((v) => (
              <li key={v.vulnerabilityId}>
                {v.vulnerabilityId}: {v.status.replace(/_/g, ' ')}, CVSS {v.cvssBaseScore ?? '—'}, EPSS {v.epss ?? '—'}
                {v.kev ? ', known exploited' : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="card">
        <h3>Support life</h3>
        <p>
          Security end of support: {endOfSupportText(data.endOfSupport)}
          {data.upgradeAvailable ? '; a longer-supported version is offered' : ''}.
        </p>
        {data.window.kind === 'window' && (
          <p className="gap">
            Unsupported but in clinical use from {data.window.from} {data.window.to ? `to ${data.window.to}` : '(no clinical end of life recorded)'}
            {data.window.current ? ' — now' : ''}.
          </p>
        )}
        <p>Replacement cost: {data.replacementCost === null ? 'not recorded (edit the device)' : data.replacementCost.toLocaleString()}</p>
        <p>
          Patch status: <strong>{PATCH_LABELS[data.patch.status ?? 'unknown']}</strong>
          {data.patch.note ? ` — ${data.patch.note}` : ''}
        </p>
        {canEdit && (
          <form className="inline-form" onSubmit={(e) => post(e, 'PUT', `/api/orgs/${org.id}/devices/${deviceId}/patch-status`, (f) => ({ status: String(f.get('status')) || null, note: String(f.get('note') ?? '') || null }))}>
            <label>
              Patch status
              <select name="status" defaultValue={data.patch.status ?? ''}>
                <option value="">Unknown</option>
                {['current', 'update_available', 'update_pending', 'not_patchable'].map((s) => (
                  <option key={s} value={s}>
                    {PATCH_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Note
              <input name="note" maxLength={2000} defaultValue={data.patch.note ?? ''} />
            </label>
            <button type="submit">Save patch status</button>
          </form>
        )}
      </div>
      <h3>Risk register</h3>
      {data.entries.length === 0 && <p className="muted">No register entry covers this device.</p>}
      {data.entries.map((entry) => (
        <RiskEntryCard key={entry.id} org={org} entry={entry} onChange={reload} />
      ))}
      {canEdit && (
        <form
          className="card inline-form"
          aria-label="Add a risk for this device"
          onSubmit={(e) => post(e, 'POST', `/api/orgs/${org.id}/fleet/risk-register`, (f) => ({ deviceId, title: String(f.get('title')), likelihood: String(f.get('likelihood')), impact: String(f.get('impact')) }))}
        >
          <label>
            Risk title
            <input name="title" required maxLength={300} />
          </label>
          {(['likelihood', 'impact'] as const).map((k) => (
            <label key={k}>
              {k === 'likelihood' ? 'Likelihood' : 'Impact'}
              <select name={k} defaultValue={data.suggestion[k]}>
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
      )}
      {formError && <p className="error">{formError}</p>}
    </section>
  )
}
