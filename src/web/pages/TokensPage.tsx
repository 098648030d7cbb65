import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { ROLES, type Role } from '../../domain/tenancy/tenancy.js'

interface Token {
  id: string
  name: string
  role: Role
  prefix: string
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

const when = (t: string | null) => (t ? new Date(t).toLocaleString() : '—')

/** API tokens: create (the secret is shown once), list, revoke. */
export function TokensPage({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<Token[]>(`/api/orgs/${org.id}/tokens`)
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const [secret, setSecret] = useState('')
  const [message, setMessage] = useState('')

  const create = async (event: FormEvent) => {
    event.preventDefault()
    setMessage('')
    try {
      const created = await api<{ secret: string }>('POST', `/api/orgs/${org.id}/tokens`, { name, role })
      setSecret(created.secret)
      setName('')
      reload()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e))
    }
  }
  const revoke = async (token: Token) => {
    if (!confirm(`Revoke the token "${token.name}"? Programs using it will be refused.`)) return
    await api('DELETE', `/api/orgs/${org.id}/tokens/${token.id}`).catch((e: unknown) => setMessage(e instanceof ApiError ? e.message : String(e)))
    reload()
  }

  return (
    <section>
      <h1>API tokens</h1>
      <p className="muted">A token acts for {org.name} with its role. Send it as <code>Authorization: Bearer msk_…</code>.</p>
      {(error || message) && <p className="error">{error || message}</p>}
      {secret && (
        <div className="card notice" role="status">
          <strong>Copy this token now; it will not be shown again:</strong>
          <pre className="secret">{secret}</pre>
          <button type="button" className="secondary" onClick={() => setSecret('')}>
            Done
          </button>
        </div>
      )}
      <form className="card inline-form" onSubmit={create}>
        <label>
          Name <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. CI pipeline" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit">Create token</button>
      </form>
      {data && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Prefix</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>{t.role}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>
                  {t.revokedAt ? (
                    `revoked ${when(t.revokedAt)}`
                  ) : (
                    <button type="button" className="danger" onClick={() => void revoke(t)}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {data.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No API tokens yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  )
}
