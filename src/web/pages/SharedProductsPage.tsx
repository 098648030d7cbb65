import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { TLP_RULES } from '../../domain/sharing/marking.js'

interface SharedProduct {
  id: string
  manufacturer: { id: string; name: string }
  name: string
  modelNumber: string | null
  udiDi: string | null
  tlp: TlpLabel
  versions: { id: string; version: string; tlp: TlpLabel }[]
}

/** The products of other organizations this one may see, with their labels and an export that carries the label. */
export function SharedProductsPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<SharedProduct[]>(`/api/orgs/${org.id}/shared/products`)
  const others = (data ?? []).filter((p) => p.manufacturer.id !== org.id)
  return (
    <section>
      <h1>Shared with us</h1>
      <p className="muted">Products that manufacturers share with {org.name}: TLP:CLEAR and TLP:GREEN with everyone on the platform, AMBER and above through an approved relationship.</p>
      {error && <p className="error">{error}</p>}
      {data && others.length === 0 && <p className="card muted">Nothing is shared with you yet. Ask a manufacturer for access on the Sharing page.</p>}
      {others.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Manufacturer</th>
              <th scope="col">Product</th>
              <th scope="col">Model</th>
              <th scope="col">Versions</th>
              <th scope="col">TLP</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {others.map((p) => (
              <tr key={p.id}>
                <td>{p.manufacturer.name}</td>
                <td>{p.name}</td>
                <td>{p.modelNumber ?? '—'}</td>
                <td>{p.versions.map((v) => v.version).join(', ') || '—'}</td>
                <td title={TLP_RULES[p.tlp]}>
                  <TlpBadge label={p.tlp} />
                </td>
                <td>
                  <a href={`/api/orgs/${org.id}/shared/products/${p.id}/export`} download>
                    JSON
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
