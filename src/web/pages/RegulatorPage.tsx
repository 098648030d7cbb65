import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'

interface Overview {
  generatedAt: string
  organizations: Record<string, number>
  relationships: Record<string, number>
  recipientsWithAccess: number
  medianHoursToApproval: number | null
  products: { total: number; byTlp: Record<string, number> }
  productsWithSbom: number | null
  devices: { total: number; pastEndOfSupport: number | null; pastEndOfSupportShare: number | null }
  restrictedReadsLast30Days: Record<string, number>
  publicProducts: { manufacturer: string; name: string; tlp: TlpLabel }[]
}

const KIND_NAMES: Record<string, string> = { manufacturer: 'Manufacturers', hdo: 'Hospitals', researcher: 'Researchers', regulator: 'Regulators' }

function Counts({ title, counts, names = {} }: { title: string; counts: Record<string, number>; names?: Record<string, string> }) {
  const entries = Object.entries(counts)
  return (
    <div className="card">
      <h2>{title}</h2>
      {entries.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <dl className="counts">
          {entries.map(([k, n]) => (
            <div key={k}>
              <dt>{names[k] ?? k}</dt>
              <dd>{n}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}

/** De-identified aggregates across the platform, for regulators; names appear only for public (TLP:CLEAR) products. */
export function RegulatorPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Overview>(org.kind === 'regulator' ? `/api/orgs/${org.id}/regulator/overview` : null)
  if (org.kind !== 'regulator') return <p className="card muted">The platform overview is for regulator organizations.</p>
  const noData = <span className="muted">no data yet</span>
  return (
    <section>
      <h1>Platform overview</h1>
      <p className="muted">Counts across every organization on the platform, without names. Generated {data ? new Date(data.generatedAt).toLocaleString() : '…'}.</p>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <div className="stats">
            <div className="card stat">
              <div className="stat-value">{data.recipientsWithAccess}</div>
              <div className="stat-label">organizations receiving artifacts</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.medianHoursToApproval ?? '—'}</div>
              <div className="stat-label">median hours from request to approval</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.products.total}</div>
              <div className="stat-label">products</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.productsWithSbom ?? noData}</div>
              <div className="stat-label">products with an SBOM</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.devices.total}</div>
              <div className="stat-label">devices in hospital fleets</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.devices.pastEndOfSupportShare === null ? noData : `${Math.round(data.devices.pastEndOfSupportShare * 100)} %`}</div>
              <div className="stat-label">devices past security end of support</div>
            </div>
          </div>
          <div className="form-grid">
            <Counts title="Organizations" counts={data.organizations} names={KIND_NAMES} />
            <Counts title="Relationships" counts={data.relationships} />
            <Counts title="Products by TLP label" counts={data.products.byTlp} />
            <Counts title="Restricted reads, last 30 days" counts={data.restrictedReadsLast30Days} />
          </div>
          <h2>Public products (TLP:CLEAR)</h2>
          {data.publicProducts.length === 0 ? (
            <p className="card muted">No product is labelled TLP:CLEAR.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Manufacturer</th>
                  <th scope="col">Product</th>
                  <th scope="col">TLP</th>
                </tr>
              </thead>
              <tbody>
                {data.publicProducts.map((p) => (
                  <tr key={`${p.manufacturer}/${p.name}`}>
                    <td>{p.manufacturer}</td>
                    <td>{p.name}</td>
                    <td>
                      <TlpBadge label={p.tlp} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}
