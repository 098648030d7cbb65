import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { kindLabel } from '../App.js'

interface Dashboard {
  counts: { products: number; devices: number; members: number }
  recentActivity: { seq: string; action: string; actorLabel: string; createdAt: string }[]
}

/** The organization's home page. */
export function DashboardPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Dashboard>(`/api/orgs/${org.id}/dashboard`)
  return (
    <section>
      <h1>{org.name}</h1>
      <p className="muted">
        {kindLabel(org.kind)} · your role: {org.role}
      </p>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <div className="stats">
            <Stat label="Products" value={data.counts.products} />
            <Stat label="Devices" value={data.counts.devices} />
            <Stat label="Members" value={data.counts.members} />
          </div>
          {data.recentActivity.length > 0 && (
            <div className="card">
              <h2>Recent activity</h2>
              <ul className="activity">
                {data.recentActivity.map((a) => (
                  <li key={a.seq}>
                    <time dateTime={a.createdAt}>{new Date(a.createdAt).toLocaleString()}</time> <code>{a.action}</code> by {a.actorLabel}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </section>
  )
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="card stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  )
}
