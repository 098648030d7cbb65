import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { navigate } from '../router.js'
import { SHAREABLE_KINDS, type ShareableKind } from '../../domain/sharing/artifacts.js'

interface Relationship {
  id: string
  manufacturer: { id: string; name: string }
  recipient: { id: string; name: string; kind: string }
  status: 'requested' | 'invited' | 'approved' | 'declined' | 'revoked'
  initiatedBy: 'manufacturer' | 'recipient'
  allProducts: boolean
  productIds: string[]
  artifactKinds: ShareableKind[]
  message: string | null
  createdBy: string
  createdAt: string
  decidedBy: string | null
  decidedAt: string | null
  revokedBy: string | null
  revokedAt: string | null
  acceptances: { orgId: string; version: number; by: string; at: string }[]
}

interface Agreement {
  version: number
  title: string
  body: string
}

interface Scope {
  allProducts: boolean
  productIds: string[]
  artifactKinds: ShareableKind[]
}

const KIND_LABELS: Record<ShareableKind, string> = { sbom: 'SBOM', vex: 'VEX', advisory: 'Advisories', mds2: 'MDS2', assessment: 'Assessments' }
const when = (t: string | null) => (t ? new Date(t).toLocaleString() : '—')
const message = (e: unknown) => (e instanceof ApiError ? e.message : String(e))

/** Chooses the products and artifact kinds a relationship covers. */
function ScopeChooser({ products, scope, onChange, legend }: { products: { id: string; name: string }[]; scope: Scope; onChange: (s: Scope) => void; legend: string }) {
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item])
  return (
    <fieldset className="scope">
      <legend>{legend}</legend>
      <label className="check">
        <input type="checkbox" checked={scope.allProducts} onChange={(e) => onChange({ ...scope, allProducts: e.target.checked })} /> All products, including future ones
      </label>
      {!scope.allProducts &&
        products.map((p) => (
          <label className="check" key={p.id}>
            <input type="checkbox" checked={scope.productIds.includes(p.id)} onChange={() => onChange({ ...scope, productIds: toggle(scope.productIds, p.id) })} /> {p.name}
          </label>
        ))}
      <div className="kinds" role="group" aria-label="Artifact kinds">
        {SHAREABLE_KINDS.map((k) => (
          <label className="check" key={k}>
            <input type="checkbox" checked={scope.artifactKinds.includes(k)} onChange={() => onChange({ ...scope, artifactKinds: toggle(scope.artifactKinds, k) })} /> {KIND_LABELS[k]}
          </label>
        ))}
      </div>
    </fieldset>
  )
}

/** The terms of use and the box a person ticks to accept them. */
function AgreementBox({ agreement, accepted, onChange }: { agreement: Agreement | undefined; accepted: boolean; onChange: (v: boolean) => void }) {
  if (!agreement) return null
  return (
    <div className="agreement">
      <details>
        <summary>
          {agreement.title} (version {agreement.version})
        </summary>
        <pre className="terms">{agreement.body}</pre>
      </details>
      <label className="check">
        <input type="checkbox" checked={accepted} onChange={(e) => onChange(e.target.checked)} /> I accept version {agreement.version} of the terms of use
      </label>
    </div>
  )
}

/** Relationships with manufacturers or recipients: requests and invitations, approval with scope, revocation. */
export function SharingPage({ org }: { org: MyOrganization }) {
  const isManufacturer = org.kind === 'manufacturer'
  const isRecipient = org.kind === 'hdo' || org.kind === 'researcher'
  const isAdmin = org.role === 'admin'
  const relationships = useApi<Relationship[]>(`/api/orgs/${org.id}/sharing/relationships`)
  const directory = useApi<{ id: string; name: string; kind: string }[]>(isManufacturer || isRecipient ? `/api/orgs/${org.id}/sharing/directory` : null)
  const agreement = useApi<Agreement>('/api/sharing/agreement')
  const ownProducts = useApi<{ id: string; name: string }[]>(isManufacturer ? `/api/orgs/${org.id}/products` : null)
  const shared = useApi<{ id: string; name: string }[]>(isRecipient ? `/api/orgs/${org.id}/shared/products` : null)
  const [counterpart, setCounterpart] = useState('')
  const [note, setNote] = useState('')
  const [accepted, setAccepted] = useState(false)
  const [scope, setScope] = useState<Scope>({ allProducts: false, productIds: [], artifactKinds: [...SHAREABLE_KINDS] })
  const [editing, setEditing] = useState<{ id: string; scope: Scope } | null>(null)
  const [status, setStatus] = useState({ text: '', error: false })

  const productNames = new Map([...(ownProducts.data ?? []), ...(shared.data ?? [])].map((p) => [p.id, p.name]))
  const all = relationships.data ?? []
  const mine = (r: Relationship) => (isManufacturer ? 'manufacturer' : 'recipient') === r.initiatedBy
  const inbox = all.filter((r) => (r.status === 'requested' || r.status === 'invited') && !mine(r))
  const outgoing = all.filter((r) => (r.status === 'requested' || r.status === 'invited') && mine(r))
  const active = all.filter((r) => r.status === 'approved')
  const ended = all.filter((r) => r.status === 'declined' || r.status === 'revoked')
  const other = (r: Relationship) => (isManufacturer ? r.recipient.name : r.manufacturer.name)

  const run = async (work: () => Promise<unknown>, done: string) => {
    setStatus({ text: '', error: false })
    try {
      await work()
      setStatus({ text: done, error: false })
      setEditing(null)
      relationships.reload()
      shared.reload()
    } catch (e) {
      setStatus({ text: message(e), error: true })
    }
  }
  const version = agreement.data?.version

  const start = (event: FormEvent) => {
    event.preventDefault()
    const body = isManufacturer
      ? { recipientOrgId: counterpart, message: note, acceptAgreementVersion: accepted ? version : undefined, ...scope }
      : { manufacturerOrgId: counterpart, message: note, acceptAgreementVersion: accepted ? version : undefined }
    void run(() => api('POST', `/api/orgs/${org.id}/sharing/${isManufacturer ? 'invitations' : 'requests'}`, body), isManufacturer ? 'Invitation sent.' : 'Request sent.')
  }
  const decide = (r: Relationship, action: 'approve' | 'decline' | 'revoke', body: object = {}) =>
    run(() => api('POST', `/api/orgs/${org.id}/sharing/relationships/${r.id}/${action}`, body), `Relationship with ${other(r)} ${action === 'approve' ? 'approved' : action === 'decline' ? 'declined' : 'revoked'}.`)
  const describeScope = (r: Relationship) =>
    `${r.allProducts ? 'All products' : r.productIds.map((id) => productNames.get(id) ?? 'a product').join(', ') || 'No products'} · ${r.artifactKinds.map((k) => KIND_LABELS[k]).join(', ') || 'no artifacts'}`

  return (
    <section>
      <h1>Sharing</h1>
      <p className="muted">
        {isManufacturer
          ? 'Decide which hospitals and researchers receive the security artifacts of which products. Every read of AMBER, AMBER+STRICT and RED artifacts is recorded.'
          : 'Ask manufacturers for the security artifacts (SBOM, VEX, advisories, MDS2) of the devices you run. What you receive is labelled with TLP 2.0.'}
      </p>
      {status.text && (
        <p className={status.error ? 'error' : 'notice'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {relationships.error && <p className="error">{relationships.error}</p>}
      {isManufacturer && (
        <p>
          <a href="/sharing/access-log" onClick={(e) => (e.preventDefault(), navigate('/sharing/access-log'))}>
            Who accessed our artifacts
          </a>
        </p>
      )}

      <h2>Inbox</h2>
      {inbox.length === 0 && <p className="card muted">Nothing waiting for your decision.</p>}
      {inbox.map((r) => (
        <article className="card" key={r.id} aria-label={`${isManufacturer ? 'Request' : 'Invitation'} from ${other(r)}`}>
          <h3>
            {isManufacturer ? 'Request' : 'Invitation'} from {other(r)}
          </h3>
          <p className="muted">
            {when(r.createdAt)} by {r.createdBy}
            {r.message ? ` — “${r.message}”` : ''}
          </p>
          <p>Asked for: {describeScope(r)}</p>
          {isAdmin ? (
            <>
              {isManufacturer && (
                <ScopeChooser
                  legend="Share"
                  products={ownProducts.data ?? []}
                  scope={editing?.id === r.id ? editing.scope : { allProducts: r.allProducts, productIds: r.productIds, artifactKinds: r.artifactKinds }}
                  onChange={(s) => setEditing({ id: r.id, scope: s })}
                />
              )}
              <AgreementBox agreement={agreement.data} accepted={accepted} onChange={setAccepted} />
              <div className="inline-form">
                <button
                  type="button"
                  disabled={!accepted}
                  onClick={() => decide(r, 'approve', { acceptAgreementVersion: version, ...(isManufacturer && editing?.id === r.id ? editing.scope : {}) })}
                >
                  Approve
                </button>
                <button type="button" className="danger" onClick={() => decide(r, 'decline')}>
                  Decline
                </button>
              </div>
            </>
          ) : (
            <p className="muted">An admin of {org.name} decides.</p>
          )}
        </article>
      ))}

      <h2>Active relationships</h2>
      {active.length === 0 ? (
        <p className="card muted">No approved relationships yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{isManufacturer ? 'Recipient' : 'Manufacturer'}</th>
              <th scope="col">Scope</th>
              <th scope="col">Approved</th>
              <th scope="col">Terms accepted</th>
              {isAdmin && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {active.map((r) => (
              <tr key={r.id}>
                <td>{other(r)}</td>
                <td>
                  {editing?.id === r.id && isManufacturer ? (
                    <>
                      <ScopeChooser legend="Scope" products={ownProducts.data ?? []} scope={editing.scope} onChange={(s) => setEditing({ id: r.id, scope: s })} />
                      <button type="button" onClick={() => run(() => api('PUT', `/api/orgs/${org.id}/sharing/relationships/${r.id}/scope`, editing.scope), 'Scope saved.')}>
                        Save scope
                      </button>
                    </>
                  ) : (
                    describeScope(r)
                  )}
                </td>
                <td>
                  {when(r.decidedAt)}
                  <br />
                  <span className="muted">{r.decidedBy}</span>
                </td>
                <td>
                  {r.acceptances.map((a) => (
                    <div key={`${a.orgId}${a.at}`} className="muted">
                      v{a.version} by {a.by}, {when(a.at)}
                    </div>
                  ))}
                </td>
                {isAdmin && (
                  <td>
                    <div className="inline-form">
                      {isManufacturer && editing?.id !== r.id && (
                        <button type="button" className="secondary" onClick={() => setEditing({ id: r.id, scope: { allProducts: r.allProducts, productIds: r.productIds, artifactKinds: r.artifactKinds } })}>
                          Edit scope
                        </button>
                      )}
                      <button type="button" className="danger" onClick={() => confirm(`Revoke sharing with ${other(r)}? Access ends at once.`) && decide(r, 'revoke')}>
                        Revoke
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {outgoing.length > 0 && (
        <>
          <h2>Waiting for the other side</h2>
          <ul className="card plain-list">
            {outgoing.map((r) => (
              <li key={r.id}>
                {isManufacturer ? 'Invitation to' : 'Request to'} {other(r)}, {when(r.createdAt)}{' '}
                {isAdmin && (
                  <button type="button" className="secondary" onClick={() => decide(r, 'decline')}>
                    Withdraw
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {isAdmin && (isManufacturer || isRecipient) && (
        <form className="card" onSubmit={start} aria-label={isManufacturer ? 'Invite a recipient' : 'Request access'}>
          <h2>{isManufacturer ? 'Invite a hospital or researcher' : 'Request access from a manufacturer'}</h2>
          <div className="form-grid">
            <label>
              {isManufacturer ? 'Recipient' : 'Manufacturer'}
              <select required value={counterpart} onChange={(e) => setCounterpart(e.target.value)}>
                <option value="">Choose…</option>
                {(directory.data ?? []).map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Message (optional)
              <input maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="Which devices you run, why you need the artifacts" />
            </label>
          </div>
          {isManufacturer && <ScopeChooser legend="Offer" products={ownProducts.data ?? []} scope={scope} onChange={setScope} />}
          <AgreementBox agreement={agreement.data} accepted={accepted} onChange={setAccepted} />
          <button type="submit" disabled={!accepted || !counterpart}>
            {isManufacturer ? 'Send invitation' : 'Send request'}
          </button>
        </form>
      )}

      {ended.length > 0 && (
        <>
          <h2>Ended</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{isManufacturer ? 'Recipient' : 'Manufacturer'}</th>
                <th scope="col">Status</th>
                <th scope="col">When</th>
                <th scope="col">By</th>
              </tr>
            </thead>
            <tbody>
              {ended.map((r) => (
                <tr key={r.id}>
                  <td>{other(r)}</td>
                  <td>{r.status}</td>
                  <td>{when(r.revokedAt ?? r.decidedAt)}</td>
                  <td>{r.revokedBy ?? r.decidedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
