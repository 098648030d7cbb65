import { useState } from 'react'
import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'

interface AccessEntry {
  id: string
  viewerOrg: { id: string; name: string }
  viewer: string
  artifactKind: string
  artifactId: string
  tlp: TlpLabel
  action: string
  reason: string
  at: string
}

const PAGE = 50

/** Who read the organization's AMBER, AMBER+STRICT and RED artifacts, newest first. */
export function AccessLogPage({ org }: { org: MyOrganization }) {
  const [offset, setOffset] = useState(0)
  const { data, error } = useApi<{ total: number; entries: AccessEntry[] }>(`/api/orgs/${org.id}/sharing/access-log?limit=${PAGE}&offset=${offset}`)
  const products = useApi<{ id: string; name: string }[]>(`/api/orgs/${org.id}/products`)
  const names = new Map((products.data ?? []).map((p) => [p.id, p.name]))
  return (
    <section>
      <h1>Access log</h1>
      <p className="muted">Every read of an AMBER, AMBER+STRICT or RED artifact of {org.name} by another organization.</p>
      {error && <p className="error">{error}</p>}
      {data && data.entries.length === 0 && <p className="card muted">No reads by other organizations yet.</p>}
      {data && data.entries.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Organization</th>
                <th scope="col">Who</th>
                <th scope="col">Artifact</th>
                <th scope="col">TLP</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <td>{e.viewerOrg.name}</td>
                  <td>{e.viewer}</td>
                  <td>
                    {e.artifactKind}: {names.get(e.artifactId) ?? <code>{e.artifactId.slice(0, 8)}</code>}
                  </td>
                  <td>
                    <TlpBadge label={e.tlp} />
                  </td>
                  <td>{e.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <span className="muted">
              {offset + 1}–{offset + data.entries.length} of {data.total}
            </span>
            <button type="button" className="secondary" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </div>
        </>
      )}
    </section>
  )
}
