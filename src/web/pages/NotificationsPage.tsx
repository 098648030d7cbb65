import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { navigate } from '../router.js'
import { EVENT_DESCRIPTIONS, EVENT_TYPES, USER_CHANNELS, type EventType, type UserChannel } from '../../domain/sharing/events.js'

interface Notification {
  id: string
  event_type: string
  title: string
  link: string | null
  created_at: string
  read_at: string | null
}

interface Preference {
  eventType: EventType
  channel: UserChannel
  enabled: boolean
}

interface Webhook {
  id: string
  url: string
  eventTypes: string[]
  active: boolean
  createdAt: string
}

interface Delivery {
  id: string
  recipient: string
  event_type: string
  status: string
  attempts: number
  next_attempt_at: string
  last_error: string | null
  created_at: string
}

const CHANNEL_LABELS: Record<UserChannel, string> = { in_app: 'In the app', email: 'E-mail' }
const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e))

/** The notification center: notifications, what the user receives, and (admins) webhooks with their delivery log. */
export function NotificationsPage({ org }: { org: MyOrganization }) {
  const list = useApi<{ unread: number; items: Notification[] }>(`/api/orgs/${org.id}/notifications?limit=100`)
  const prefs = useApi<Preference[]>(`/api/orgs/${org.id}/notifications/preferences`)
  const isAdmin = org.role === 'admin'
  const hooks = useApi<Webhook[]>(isAdmin ? `/api/orgs/${org.id}/webhooks` : null)
  const deliveries = useApi<Delivery[]>(isAdmin ? `/api/orgs/${org.id}/webhooks/deliveries?limit=50` : null)
  const [url, setUrl] = useState('')
  const [secret, setSecret] = useState('')
  const [status, setStatus] = useState('')

  const markRead = async (ids?: string[]) => {
    await api('POST', `/api/orgs/${org.id}/notifications/read`, ids ? { ids } : {}).catch((e: unknown) => setStatus(message(e)))
    list.reload()
    window.dispatchEvent(new Event('medsec:notifications'))
  }
  const toggle = async (p: Preference) => {
    await api('PUT', `/api/orgs/${org.id}/notifications/preferences`, { preferences: [{ ...p, enabled: !p.enabled }] }).catch((e: unknown) => setStatus(message(e)))
    prefs.reload()
  }
  const addHook = async (event: FormEvent) => {
    event.preventDefault()
    try {
      const created = await api<{ secret: string }>('POST', `/api/orgs/${org.id}/webhooks`, { url })
      setSecret(created.secret)
      setUrl('')
      hooks.reload()
    } catch (e) {
      setStatus(message(e))
    }
  }
  const enabled = (eventType: EventType, channel: UserChannel) => prefs.data?.find((p) => p.eventType === eventType && p.channel === channel)

  return (
    <section>
      <h1>Notifications</h1>
      {status && <p className="error" role="alert">{status}</p>}
      {list.error && <p className="error">{list.error}</p>}
      <div className="inline-form">
        <p>
          <strong>{list.data?.unread ?? 0}</strong> unread
        </p>
        <button type="button" className="secondary" disabled={!list.data?.unread} onClick={() => markRead()}>
          Mark all read
        </button>
      </div>
      {list.data && list.data.items.length === 0 && <p className="card muted">No notifications.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="notifications" aria-label="Notifications">
          {list.data.items.map((n) => (
            <li key={n.id} className={n.read_at ? 'read' : 'unread'}>
              <span className="when">{new Date(n.created_at).toLocaleString()}</span>
              {n.link ? (
                <a href={n.link} onClick={(e) => (e.preventDefault(), void markRead([n.id]), navigate(n.link!))}>
                  {n.title}
                </a>
              ) : (
                <span>{n.title}</span>
              )}
              {!n.read_at && (
                <button type="button" className="secondary" onClick={() => markRead([n.id])} aria-label={`Mark read: ${n.title}`}>
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>What you receive</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Event</th>
            {USER_CHANNELS.map((c) => (
              <th scope="col" key={c}>
                {CHANNEL_LABELS[c]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {EVENT_TYPES.map((t) => (
            <tr key={t}>
              <td>{EVENT_DESCRIPTIONS[t]}</td>
              {USER_CHANNELS.map((c) => {
                const p = enabled(t, c)
                return (
                  <td key={c}>
                    {p && <input type="checkbox" aria-label={`${EVENT_DESCRIPTIONS[t]}: ${CHANNEL_LABELS[c]}`} checked={p.enabled} onChange={() => toggle(p)} />}
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>

      {isAdmin && (
        <>
          <h2>Webhooks</h2>
          <p className="muted">
            Each call is a JSON POST signed with HMAC-SHA256: header <code>x-medsec-signature: v1=hex(HMAC(secret, timestamp + "." + body))</code> and <code>x-medsec-timestamp</code>.
            Failed calls are retried with exponential backoff, then marked failed and kept. Receivers must use https on a public address (checked when you add
            one and again at every call; redirects are not followed). The secret is stored encrypted and shown only once.
          </p>
          {secret && (
            <div className="card notice" role="status">
              <strong>Signing secret (shown once; copy it now):</strong>
              <pre className="secret">{secret}</pre>
              <button type="button" className="secondary" onClick={() => setSecret('')}>
                Done
              </button>
            </div>
          )}
          <form className="card inline-form" onSubmit={addHook}>
            <label>
              Receiver URL <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://siem.example/hooks/medsec" size={40} />
            </label>
            <button type="submit">Add webhook</button>
          </form>
          {(hooks.data ?? []).length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {(hooks.data ?? []).map((h) => (
                  <tr key={h.id}>
                    <td>
                      <code>{h.url}</code>
                    </td>
                    <td>{h.eventTypes.length ? h.eventTypes.join(', ') : 'all'}</td>
                    <td>{h.active ? 'active' : 'removed'}</td>
                    <td>
                      {h.active && (
                        <button type="button" className="danger" onClick={() => api('DELETE', `/api/orgs/${org.id}/webhooks/${h.id}`).then(hooks.reload, (e: unknown) => setStatus(message(e)))}>
                          Remove
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Delivery log</h2>
          {(deliveries.data ?? []).length === 0 ? (
            <p className="card muted">No deliveries yet.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Event</th>
                  <th scope="col">Receiver</th>
                  <th scope="col">Status</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {(deliveries.data ?? []).map((d) => (
                  <tr key={d.id}>
                    <td>{new Date(d.created_at).toLocaleString()}</td>
                    <td>{d.event_type}</td>
                    <td>
                      <code>{d.recipient}</code>
                    </td>
                    <td>{d.status === 'pending' ? `pending (next ${new Date(d.next_attempt_at).toLocaleTimeString()})` : d.status}</td>
                    <td>{d.attempts}</td>
                    <td>{d.last_error ?? '—'}</td>
                    <td>
                      {d.status === 'failed' && (
                        <button type="button" className="secondary" onClick={() => api('POST', `/api/orgs/${org.id}/webhooks/deliveries/${d.id}/retry`).then(deliveries.reload, (e: unknown) => setStatus(message(e)))}>
                          Retry
                        </button>
                      )}
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
