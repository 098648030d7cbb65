import { useState } from 'react'
import type { MyOrganization } from '../../api.js'
import { useApi } from '../../useApi.js'
import { confidenceText, SOURCE_LABELS, STATUS_LABELS, type AffectedEntry } from './labels.js'

/** A device's vulnerabilities: status, source, confidence with its reasons, remediation and the manufacturer's guidance. */
export function DeviceVulnerabilitiesSection({ org, deviceId }: { org: MyOrganization; deviceId: string }) {
  const [includeNotAffected, setIncludeNotAffected] = useState(false)
  const { data, error } = useApi<AffectedEntry[]>(`/api/orgs/${org.id}/devices/${deviceId}/vulnerabilities${includeNotAffected ? '?includeNotAffected=true' : ''}`)
  return (
    <section className="card" aria-label="Vulnerabilities">
      <div style={{ display: 'flex', alignItems: 'center', gap: '1rem', flexWrap: 'wrap' }}>
        <h2 style={{ marginRight: 'auto' }}>Vulnerabilities</h2>
        <label className="check">
          <input type="checkbox" checked={includeNotAffected} onChange={(e) => setIncludeNotAffected(e.target.checked)} /> Show what the manufacturer states is not affected
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      {!data && !error && <p className="muted">Loading vulnerabilities…</p>}
      {data && data.length === 0 && <p className="muted">No advisory or manufacturer finding names this device.</p>}
      {data && data.length > 0 && (
        <table aria-label="Device vulnerabilities">
          <thead>
            <tr>
              <th>Vulnerability</th>
              <th>Status</th>
              <th>Source</th>
              <th>Confidence</th>
              <th>Remediation and guidance</th>
            </tr>
          </thead>
          <tbody>
            {data.map((e) => (
              <tr key={`${e.advisory ?? 'findings'}-${e.vulnerability}`}>
                <td>
                  <strong>{e.vulnerability}</strong>
                  {e.advisory && <div className="muted">{e.advisory}</div>}
                  {e.advisoryTitle && <div>{e.advisoryTitle}</div>}
                  {e.cvss && <div className="muted">{e.cvss}</div>}
                </td>
                <td>
                  {STATUS_LABELS[e.status]}
                  {e.justification && <div className="muted">Justification: {e.justification}</div>}
                </td>
                <td>{SOURCE_LABELS[e.source] ?? e.source}</td>
                <td>
                  {confidenceText(e.confidence)}
                  <details>
                    <summary>Why</summary>
                    <ul>
                      {e.reasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                    <div className="muted">Matched on: {e.matchedOn.join(', ')}</div>
                  </details>
                </td>
                <td>
                  {e.remediations.length === 0 && !e.guidance && <span className="muted">No remediation stated.</span>}
                  {e.remediations.length > 0 && (
                    <ul>
                      {e.remediations.map((r) => (
                        <li key={`${r.category}-${r.details}`}>
                          <strong>{r.category.replace(/_/g, ' ')}:</strong> {r.details}{' '}
                          {r.url && (
                            <a href={r.url} target="_blank" rel="noreferrer noopener">
                              more
                            </a>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                  {e.guidance && <p className="muted">{e.guidance}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
