import { useState } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'

interface Proposal {
  id: string
  host: string
  port: number
  called_ae: string
  outcome: string
  implementation_class_uid: string | null
  implementation_version: string | null
  responded_at: string
  status: string
  matchingDevice: { id: string; assetTag: string } | null
  proposedAssetTag: string
}

/** DICOM application entities found by `medsec discover dicom`, proposed as inventory entries to accept or dismiss. */
export function FleetDiscoveryPage({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<Proposal[]>(`/api/orgs/${org.id}/fleet/discoveries?status=proposed`)
  const [message, setMessage] = useState('')
  const decide = async (id: string, action: 'accept' | 'dismiss') => {
    setMessage('')
    try {
      await api('POST', `/api/orgs/${org.id}/fleet/discoveries/${id}/${action}`, action === 'accept' ? {} : undefined)
      reload()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <section>
      <p>
        <a href="/fleet" onClick={(e) => (e.preventDefault(), navigate('/fleet'))}>
          ← Fleet
        </a>
      </p>
      <h1>DICOM discovery</h1>
      <p className="muted">
        Run <code>npx medsec discover dicom --host 10.20.40.0/24 --port 104,11112 --org {org.slug}</code> on a machine in the imaging network. Each application entity that answers a C-ECHO is
        proposed here.
      </p>
      {(error || message) && <p className="error">{error || message}</p>}
      {data && data.length === 0 && <p className="card muted">No open proposals.</p>}
      {data && data.length > 0 && (
        <table aria-label="Discovery proposals">
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">AE title</th>
              <th scope="col">Answer</th>
              <th scope="col">Implementation</th>
              <th scope="col">Proposal</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.id}>
                <td>
                  {p.host}:{p.port}
                </td>
                <td>{p.called_ae}</td>
                <td>{p.outcome.replace('_', ' ')}</td>
                <td className="details">
                  {p.implementation_version ?? '—'} <code>{p.implementation_class_uid ?? ''}</code>
                </td>
                <td>{p.matchingDevice ? `update ${p.matchingDevice.assetTag} (same IP)` : `new device ${p.proposedAssetTag}`}</td>
                <td>
                  {org.role !== 'viewer' && (
                    <span className="inline-form">
                      <button type="button" onClick={() => void decide(p.id, 'accept')}>
                        Accept
                      </button>
                      <button type="button" className="secondary" onClick={() => void decide(p.id, 'dismiss')}>
                        Dismiss
                      </button>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
