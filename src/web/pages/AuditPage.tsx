import { useState } from 'react'
import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'

interface AuditPageData {
  total: number
  page: number
  pageSize: number
  entries: { seq: string; action: string; actorLabel: string; targetType: string; targetId: string | null; details: unknown; createdAt: string; hash: string }[]
}

/** The organization's audit trail: filter by action, actor and time; paged. */
export function AuditPage({ org }: { org: MyOrganization }) {
  const [filters, setFilters] = useState({ action: '', actor: '', from: '', to: '' })
  const [page, setPage] = useState(1)
  const params = new URLSearchParams({ page: String(page), pageSize: '25' })
  if (filters.action) params.set('action', filters.action)
  if (filters.actor) params.set('actor', filters.actor)
  if (filters.from) params.set('from', new Date(filters.from).toISOString())
  if (filters.to) params.set('to', new Date(filters.to).toISOString())
  const { data, error } = useApi<AuditPageData>(`/api/orgs/${org.id}/audit?${params}`)
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => {
    setFilters({ ...filters, [key]: e.target.value })
    setPage(1)
  }

  return (
    <section>
      <h1>Audit log</h1>
      <p className="muted">Every write is recorded in an append-only, hash-chained log. Check the chain with <code>npx medsec audit verify</code>.</p>
      <div className="card inline-form" role="search">
        <label>
          Action starts with <input value={filters.action} onChange={set('action')} placeholder="token." />
        </label>
        <label>
          Actor <input value={filters.actor} onChange={set('actor')} placeholder="e-mail" />
        </label>
        <label>
          From <input type="datetime-local" value={filters.from} onChange={set('from')} />
        </label>
        <label>
          To <input type="datetime-local" value={filters.to} onChange={set('to')} />
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <p className="muted">{data.total} entries</p>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>{new Date(e.createdAt).toLocaleString()}</td>
                  <td>{e.actorLabel}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.targetType}
                    {e.targetId ? ` ${e.targetId.slice(0, 8)}` : ''}
                  </td>
                  <td>
                    <code className="details">{JSON.stringify(e.details)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button type="button" className="secondary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </div>
        </>
      )}
    </section>
  )
}
