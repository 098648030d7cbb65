import { useState } from 'react'
import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { confidenceText, SOURCE_LABELS, STATUS_LABELS, type AffectedEntry, type AffectedGroup, type FleetStatus } from '../components/affected/labels.js'

const STATUSES: readonly FleetStatus[] = ['known_affected', 'under_investigation', 'fixed', 'known_not_affected']

function link(path: string, text: string) {
  return (
    <a href={path} onClick={(e) => (e.preventDefault(), navigate(path))}>
      {text}
    </a>
  )
}

/** What the path selects: /fleet/affected, /fleet/affected/advisory/<id> or /fleet/affected/vulnerability/<id>. */
function selectionOf(path: string): { kind: 'advisory' | 'vulnerability'; id: string } | null {
  const m = /^\/fleet\/affected\/(advisory|vulnerability)\/(.+)$/.exec(path)
  return m ? { kind: m[1] as 'advisory' | 'vulnerability', id: decodeURIComponent(m[2]!) } : null
}

/** Affected devices: per advisory and vulnerability the devices by serial number, filtered by status and confidence. */
export function AffectedDevicesPage({ org, path }: { org: MyOrganization; path: string }) {
  const selection = selectionOf(path)
  const [status, setStatus] = useState<FleetStatus | ''>('')
  const [minConfidence, setMinConfidence] = useState('0')
  const [includeNotAffected, setIncludeNotAffected] = useState(false)
  const query = new URLSearchParams()
  if (selection) query.set(selection.kind, selection.id)
  if (status) query.set('status', status)
  if (minConfidence !== '0') query.set('minConfidence', minConfidence)
  if (includeNotAffected) query.set('includeNotAffected', 'true')
  const { data, error } = useApi<{ entries: AffectedEntry[]; groups: AffectedGroup[] }>(`/api/orgs/${org.id}/fleet/affected?${query.toString()}`)

  return (
    <section>
      <p>{link('/fleet', '← Fleet')}</p>
      <h1>{selection ? `Affected devices: ${selection.id}` : 'Affected devices'}</h1>
      <p className="muted">
        From CSAF advisories (published by manufacturers or imported into the knowledge base) matched by vendor, product, version range and serial number, and from the findings of the product
        versions your devices are linked to, with the manufacturer's decisions applied. A device is called affected only when its version is inside a stated range; anything unsure is under
        investigation.
      </p>
      <div className="card" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap', alignItems: 'end' }}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as FleetStatus | '')}>
            <option value="">All (except not affected)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Least confidence
          <select value={minConfidence} onChange={(e) => setMinConfidence(e.target.value)}>
            <option value="0">Any</option>
            <option value="0.5">Medium (50%) and above</option>
            <option value="0.85">High (85%) and above</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={includeNotAffected} onChange={(e) => setIncludeNotAffected(e.target.checked)} /> Include not affected
        </label>
        {selection && link('/fleet/affected', 'All advisories')}
      </div>
      {error && <p className="error">{error}</p>}
      {!data && !error && <p className="muted">Loading…</p>}
      {data && (
        <>
          <h2>By advisory and vulnerability</h2>
          {data.groups.length === 0 ? (
            <p className="muted">No device matches.</p>
          ) : (
            <table aria-label="Affected devices by advisory">
              <thead>
                <tr>
                  <th>Advisory</th>
                  <th>Vulnerability</th>
                  <th>Source</th>
                  {STATUSES.map((s) => (
                    <th key={s}>{STATUS_LABELS[s]}</th>
                  ))}
                  <th>Serial numbers (affected or under investigation)</th>
                </tr>
              </thead>
              <tbody>
                {data.groups.map((g) => (
                  <tr key={`${g.advisory ?? ''}-${g.vulnerability}-${g.source}`}>
                    <td>{g.advisory ? link(`/fleet/affected/advisory/${encodeURIComponent(g.advisory)}`, g.advisory) : <span className="muted">none</span>}</td>
                    <td>{link(`/fleet/affected/vulnerability/${encodeURIComponent(g.vulnerability)}`, g.vulnerability)}</td>
                    <td>{SOURCE_LABELS[g.source] ?? g.source}</td>
                    {STATUSES.map((s) => (
                      <td key={s}>{g.counts[s]}</td>
                    ))}
                    <td>{[...g.serials.known_affected, ...g.serials.under_investigation].join(', ') || <span className="muted">none</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {selection && (
            <>
              <h2>Devices</h2>
              <table aria-label="Affected devices">
                <thead>
                  <tr>
                    <th>Asset tag</th>
                    <th>Serial number</th>
                    <th>Manufacturer</th>
                    <th>Model</th>
                    <th>Software version</th>
                    <th>Vulnerability</th>
                    <th>Status</th>
                    <th>Confidence</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e) => (
                    <tr key={`${e.device.id}-${e.advisory ?? ''}-${e.vulnerability}`}>
                      <td>{link(`/fleet/devices/${e.device.id}`, e.device.assetTag)}</td>
                      <td>{e.device.serialNumber ?? ''}</td>
                      <td>{e.device.manufacturer ?? ''}</td>
                      <td>{e.device.model ?? ''}</td>
                      <td>{e.device.softwareVersion ?? ''}</td>
                      <td>{e.vulnerability}</td>
                      <td>
                        {STATUS_LABELS[e.status]}
                        {e.justification && <div className="muted">{e.justification}</div>}
                      </td>
                      <td>{confidenceText(e.confidence)}</td>
                      <td>
                        <details>
                          <summary>{e.matchedOn.join(', ')}</summary>
                          <ul>
                            {e.reasons.map((r) => (
                              <li key={r}>{r}</li>
                            ))}
                          </ul>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  )
}
