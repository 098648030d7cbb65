import { useState } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
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

/** A manufacturer's products and their versions; analysts and admins create products, add versions and edit them. */
export function ProductsPage({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<Product[]>(`/api/orgs/${org.id}/products`)
  const canWrite = org.kind === 'manufacturer' && org.role !== 'viewer'
  const [editing, setEditing] = useState<string | null>(null)
  return (
    <section>
      <h1>Products</h1>
      {error && <p className="error">{error}</p>}
      {canWrite && <NewProductForm orgId={org.id} onCreated={reload} />}
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
              {canWrite && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.map((p) =>
              editing === p.id ? (
                <EditProductRow key={p.id} orgId={org.id} product={p} onDone={() => (setEditing(null), reload())} />
              ) : (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>{p.model_number ?? '—'}</td>
                  <td>{p.udi_di ?? '—'}</td>
                  <td>
                    {p.versions.map((v, i) => (
                      <span key={v.id}>
                        {i > 0 && ', '}
                        <a href={`/products/${p.id}/versions/${v.id}`} onClick={(e) => (e.preventDefault(), navigate(`/products/${p.id}/versions/${v.id}`))} aria-label={`${p.name} ${v.version}`}>
                          {v.version}
                        </a>
                        {' '}
                        <a href={`/products/${p.id}/versions/${v.id}/findings`} onClick={(e) => (e.preventDefault(), navigate(`/products/${p.id}/versions/${v.id}/findings`))} aria-label={`Findings of ${p.name} ${v.version}`}>
                          (findings)
                        </a>
                      </span>
                    ))}
                    {p.versions.length === 0 && <span className="muted">none</span>}
                  </td>
                  <td>
                    <TlpBadge label={p.tlp} />
                  </td>
                  {canWrite && (
                    <td>
                      <AddVersionForm orgId={org.id} product={p} onAdded={reload} />
                      <button type="button" className="secondary small" onClick={() => setEditing(p.id)} aria-label={`Edit ${p.name}`}>
                        Edit product
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  )
}

function NewProductForm({ orgId, onCreated }: { orgId: string; onCreated: () => void }) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [modelNumber, setModelNumber] = useState('')
  const [udiDi, setUdiDi] = useState('')
  const [versions, setVersions] = useState('')
  const [error, setError] = useState('')
  if (!open)
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          New product
        </button>
      </p>
    )
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setError('')
    try {
      const list = versions.split(',').map((v) => v.trim()).filter(Boolean)
      await api('POST', `/api/orgs/${orgId}/products`, { name, ...(modelNumber ? { modelNumber } : {}), ...(udiDi ? { udiDi } : {}), versions: list })
      setOpen(false)
      setName('')
      setModelNumber('')
      setUdiDi('')
      setVersions('')
      onCreated()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <form className="card form-grid" onSubmit={submit} aria-label="New product">
      <h2>New product</h2>
      <label>
        Name
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Model number
        <input value={modelNumber} onChange={(e) => setModelNumber(e.target.value)} />
      </label>
      <label>
        UDI-DI
        <input value={udiDi} onChange={(e) => setUdiDi(e.target.value)} />
      </label>
      <label>
        Versions (comma-separated)
        <input value={versions} onChange={(e) => setVersions(e.target.value)} placeholder="1.0, 1.1" />
      </label>
      <div className="inline-form">
        <button type="submit">Create product</button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}

function AddVersionForm({ orgId, product, onAdded }: { orgId: string; product: Product; onAdded: () => void }) {
  const [version, setVersion] = useState('')
  const [error, setError] = useState('')
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    setError('')
    try {
      await api('POST', `/api/orgs/${orgId}/products/${product.id}/versions`, { version })
      setVersion('')
      onAdded()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <form className="add-version" onSubmit={submit}>
      <input aria-label={`New version of ${product.name}`} placeholder="new version" value={version} onChange={(e) => setVersion(e.target.value)} size={8} required />
      <button type="submit" className="secondary small">
        Add
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </form>
  )
}

function EditProductRow({ orgId, product, onDone }: { orgId: string; product: Product; onDone: () => void }) {
  const [name, setName] = useState(product.name)
  const [modelNumber, setModelNumber] = useState(product.model_number ?? '')
  const [udiDi, setUdiDi] = useState(product.udi_di ?? '')
  const [error, setError] = useState('')
  const save = async () => {
    setError('')
    try {
      await api('PATCH', `/api/orgs/${orgId}/products/${product.id}`, { name, modelNumber, udiDi })
      onDone()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <tr>
      <td>
        <input aria-label="Product name" value={name} onChange={(e) => setName(e.target.value)} />
      </td>
      <td>
        <input aria-label="Model number" value={modelNumber} onChange={(e) => setModelNumber(e.target.value)} size={10} />
      </td>
      <td>
        <input aria-label="UDI-DI" value={udiDi} onChange={(e) => setUdiDi(e.target.value)} size={14} />
      </td>
      <td>{product.versions.map((v) => v.version).join(', ')}</td>
      <td>
        <TlpBadge label={product.tlp} />
      </td>
      <td>
        <span className="inline-form">
          <button type="button" className="small" onClick={save}>
            Save
          </button>
          <button type="button" className="secondary small" onClick={onDone}>
            Cancel
          </button>
        </span>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </td>
    </tr>
  )
}
