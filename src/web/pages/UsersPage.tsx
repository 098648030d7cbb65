import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { ROLES, type Role } from '../../domain/tenancy/tenancy.js'

interface Member {
  id: string
  email: string
  name: string
  role: Role
  joinedAt: string
}

/** Members of the organization: add, change role, remove (admins). */
export function UsersPage({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<Member[]>(`/api/orgs/${org.id}/members`)
  const [form, setForm] = useState({ email: '', name: '', password: '', role: 'viewer' as Role })
  const [message, setMessage] = useState('')

  const act = async (run: () => Promise<unknown>, done: string) => {
    setMessage('')
    try {
      await run()
      setMessage(done)
      reload()
    } catch (e) {
      setMessage(e instanceof ApiError ? `Error: ${e.message}` : String(e))
    }
  }
  const add = (event: FormEvent) => {
    event.preventDefault()
    const body = { email: form.email, role: form.role, ...(form.name ? { name: form.name } : {}), ...(form.password ? { password: form.password } : {}) }
    void act(() => api('POST', `/api/orgs/${org.id}/members`, body), `${form.email} added.`).then(() => setForm({ ...form, email: '', name: '', password: '' }))
  }

  return (
    <section>
      <h1>Users &amp; roles</h1>
      {error && <p className="error">{error}</p>}
      {message && (
        <p className={message.startsWith('Error') ? 'error' : 'notice'} role="status">
          {message}
        </p>
      )}
      {data && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  <select aria-label={`Role of ${m.email}`} value={m.role} onChange={(e) => void act(() => api('PATCH', `/api/orgs/${org.id}/members/${m.id}`, { role: e.target.value }), `Role of ${m.email} changed.`)}>
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="danger" onClick={() => confirm(`Remove ${m.email} from ${org.name}?`) && void act(() => api('DELETE', `/api/orgs/${org.id}/members/${m.id}`), `${m.email} removed.`)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="card form-grid" onSubmit={add}>
        <h2>Add a user</h2>
        <label>
          E-mail <input type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </label>
        <label>
          Role
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Name (new accounts) <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          Password (new accounts, 12+ characters) <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <button type="submit">Add user</button>
      </form>
    </section>
  )
}
