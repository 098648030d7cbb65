import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Cell } from '../../domain/sharing/aggregates.js'

interface Overview {
  generatedAt: string
  minContributors: number
  organizations: Record<string, Cell>
  relationships: Record<string, Cell>
  recipientsWithAccess: Cell
  medianHoursToApproval: Cell | null
  products: { total: Cell; byTlp: Record<string, Cell> }
  productsWithSbom: Cell
  devices: { total: Cell; pastEndOfSupport: Cell | null; pastEndOfSupportShare: number | null }
  restrictedReadsLast30Days: Record<string, Cell>
  publicProducts: { manufacturer: string; name: string; tlp: TlpLabel }[]
}

/** A figure, or "suppressed" (with the reason on hover) when too few organizations contribute to it. */
function Figure({ cell, k }: { cell: Cell; k: number }) {
  if (cell.kind === 'value') return <>{cell.value}</>
  return (
    <span className="muted" title={`fewer than ${k} organizations contribute to this figure`}>
      suppressed
    </span>
  )
}

const KIND_NAMES: Record<string, string> = { manufacturer: 'Manufacturers', hdo: 'Hospitals', researcher: 'Researchers', regulator: 'Regulators' }

function Counts({ title, counts, k, names = {} }: { title: string; counts: Record<string, Cell>; k: number; names?: Record<string, string> }) {
  const entries = Object.entries(counts)
  return (
    <div className="card">
      <h2>{title}</h2>
      {entries.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <dl className="counts">
          {entries.map(([key, cell]) => (
            <div key={key}>
              <dt>{names[key] ?? key}</dt>
              <dd>
                <Figure cell={cell} k={k} />
              </dd>
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
      <p className="muted">
        Counts across every organization on the platform, without names. A figure that fewer than {data?.minContributors ?? 'k'} organizations contribute to is shown as
        “suppressed”. Generated {data ? new Date(data.generatedAt).toLocaleString() : '…'}.
      </p>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <div className="stats">
            <div className="card stat">
              <div className="stat-value">
                <Figure cell={data.recipientsWithAccess} k={data.minContributors} />
              </div>
              <div className="stat-label">organizations receiving artifacts</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.medianHoursToApproval ? <Figure cell={data.medianHoursToApproval} k={data.minContributors} /> : '—'}</div>
              <div className="stat-label">median hours from request to approval</div>
            </div>
            <div className="card stat">
              <div className="stat-value">
                <Figure cell={data.products.total} k={data.minContributors} />
              </div>
              <div className="stat-label">products</div>
            </div>
            <div className="card stat">
              <div className="stat-value">
                <Figure cell={data.productsWithSbom} k={data.minContributors} />
              </div>
              <div className="stat-label">products with an SBOM</div>
            </div>
            <div className="card stat">
              <div className="stat-value">
                <Figure cell={data.devices.total} k={data.minContributors} />
              </div>
              <div className="stat-label">devices in hospital fleets</div>
            </div>
            <div className="card stat">
              <div className="stat-value">{data.devices.pastEndOfSupportShare === null ? noData : `${Math.round(data.devices.pastEndOfSupportShare * 100)} %`}</div>
              <div className="stat-label">devices past security end of support</div>
            </div>
          </div>
          <div className="form-grid">
            <Counts title="Organizations" counts={data.organizations} k={data.minContributors} names={KIND_NAMES} />
            <Counts title="Relationships" counts={data.relationships} k={data.minContributors} />
            <Counts title="Products by TLP label" counts={data.products.byTlp} k={data.minContributors} />
            <Counts title="Restricted reads, last 30 days" counts={data.restrictedReadsLast30Days} k={data.minContributors} />
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
