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

interface DiscoverySettings {
  enabled: boolean
  networks: string[]
}

/** DICOM application entities found by `medsec discover dicom` or by a server-side run, proposed as inventory entries to accept or dismiss. */
export function FleetDiscoveryPage({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<Proposal[]>(`/api/orgs/${org.id}/fleet/discoveries?status=proposed`)
  const settings = useApi<DiscoverySettings>(`/api/orgs/${org.id}/fleet/discovery-settings`)
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
      {org.role === 'admin' && settings.data && <ServerDiscoveryForm org={org} settings={settings.data} onDone={reload} />}
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

/** Starts a discovery run from the server, inside the networks the operator allows. */
function ServerDiscoveryForm({ org, settings, onDone }: { org: MyOrganization; settings: DiscoverySettings; onDone: () => void }) {
  const [hosts, setHosts] = useState('')
  const [ports, setPorts] = useState('104,11112')
  const [calledAe, setCalledAe] = useState('ANY-SCP')
  const [running, setRunning] = useState(false)
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'error'; text: string } | null>(null)
  if (!settings.enabled) {
    return (
      <p className="card muted">
        Server-side discovery is off on this instance. The operator turns it on by listing the networks the server may probe in <code>MEDSEC_DISCOVERY_NETWORKS</code>.
      </p>
    )
  }
  const start = async (e: React.FormEvent) => {
    e.preventDefault()
    setRunning(true)
    setOutcome(null)
    try {
      const run = await api<{ probed: number; silent: number; proposals: unknown[] }>('POST', `/api/orgs/${org.id}/fleet/discoveries/run`, { hosts, ports, calledAe })
      setOutcome({ kind: 'done', text: `Probed ${run.probed} address:port pairs; ${run.proposals.length} answered, ${run.silent} stayed silent.` })
      onDone()
    } catch (err) {
      setOutcome({ kind: 'error', text: err instanceof ApiError ? err.message : String(err) })
    } finally {
      setRunning(false)
    }
  }
  return (
    <form className="card" onSubmit={(e) => void start(e)} aria-label="Run discovery from the server">
      <h2>Run from the server</h2>
      <p className="muted">Allowed networks: {settings.networks.join(', ')}. At most a /24 and 16 ports per run; each silent address is given up after 2 seconds.</p>
      <label>
        Hosts <input value={hosts} onChange={(e) => setHosts(e.target.value)} placeholder="10.20.40.0/24" required />
      </label>
      <label>
        Ports <input value={ports} onChange={(e) => setPorts(e.target.value)} required />
      </label>
      <label>
        Called AE title <input value={calledAe} onChange={(e) => setCalledAe(e.target.value)} maxLength={16} />
      </label>
      <button type="submit" disabled={running}>
        {running ? 'Probing…' : 'Run discovery'}
      </button>
      {outcome && <p className={outcome.kind === 'error' ? 'error' : 'muted'} role="status">{outcome.text}</p>}
    </form>
  )
}
