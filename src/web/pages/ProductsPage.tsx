import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'

interface Product {
  id: string
  name: string
  model_number: string | null
  udi_di: string | null
  tlp: TlpLabel
  versions: { id: string; version: string }[]
}

/** A manufacturer's products and their versions. */
export function ProductsPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Product[]>(`/api/orgs/${org.id}/products`)
  return (
    <section>
      <h1>Products</h1>
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="card muted">No products yet{org.kind === 'manufacturer' ? '' : ' (products are published by manufacturers)'}.</p>}
      {data && data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Model number</th>
              <th scope="col">UDI-DI</th>
              <th scope="col">Versions</th>
              <th scope="col">TLP</th>
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>{p.model_number ?? '—'}</td>
                <td>{p.udi_di ?? '—'}</td>
                <td>{p.versions.map((v) => v.version).join(', ')}</td>
                <td>
                  <TlpBadge label={p.tlp} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
