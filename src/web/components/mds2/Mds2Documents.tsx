import type { MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import { TlpBadge } from '../TlpBadge.js'
import { ProgressBar, when } from './parts.js'
import type { VersionListing } from './types.js'

/** A manufacturer's product versions with the state of their MDS2, to open in the editor, viewer or history. */
export function Mds2Documents({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<VersionListing[]>(`/api/orgs/${org.id}/mds2/documents`)
  if (error) return <p className="error">{error}</p>
  if (!data) return <p>Loading…</p>
  if (data.length === 0) return <p className="card muted">No product versions yet. Add products first; each version gets its own MDS2.</p>
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col">Version</th>
          <th scope="col">Revision</th>
          <th scope="col">Complete</th>
          <th scope="col">Updated</th>
          <th scope="col">TLP</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {data.map((v) => (
          <tr key={v.id}>
            <td>{v.productName}</td>
            <td>{v.version}</td>
            <td>{v.currentRevision ?? '—'}</td>
            <td>
              {v.completenessPercent === null ? (
                'not started'
              ) : (
                <>
                  {v.completenessPercent}% <ProgressBar value={v.completenessPercent} max={100} label={`${v.productName} ${v.version} completeness`} />
                </>
              )}
            </td>
            <td>{when(v.updatedAt)}</td>
            <td>{v.documentTlp ? <TlpBadge label={v.documentTlp} /> : '—'}</td>
            <td className="mds2-toolbar">
              <button type="button" onClick={() => navigate(`/mds2/edit/${v.id}`)} aria-label={`Edit the MDS2 of ${v.productName} ${v.version}`}>
                {v.documentId ? 'Edit' : 'Start'}
              </button>
              {v.documentId && (
                <>
                  <button type="button" className="secondary" onClick={() => navigate(`/mds2/view/${v.id}`)} aria-label={`View the MDS2 of ${v.productName} ${v.version}`}>
                    View
                  </button>
                  <button type="button" className="secondary" onClick={() => navigate(`/mds2/history/${v.id}`)} aria-label={`Revisions of the MDS2 of ${v.productName} ${v.version}`}>
                    History
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
