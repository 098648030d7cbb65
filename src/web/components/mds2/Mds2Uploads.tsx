import { useState, type FormEvent } from 'react'
import { TLP_LABELS, type TlpLabel } from '../../../domain/tlp/tlp.js'
import { api, type MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import { TlpBadge } from '../TlpBadge.js'
import { messageOf } from './download.js'
import { when } from './parts.js'
import { Mds2Viewer } from './Mds2Viewer.js'
import type { Uploaded, UploadMeta, UploadView } from './types.js'

const MAX_BYTES = 10 * 1024 * 1024

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'))
    reader.readAsDataURL(file)
  })
}

/** Upload vendors' MDS2 files (XLSX, CSV, JSON), list them, open, download, remove, and pick some to compare. */
export function Mds2Uploads({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<UploadMeta[]>(`/api/orgs/${org.id}/mds2/uploads`)
  const [file, setFile] = useState<File | null>(null)
  const [vendorName, setVendorName] = useState('')
  const [modelName, setModelName] = useState('')
  const [tlp, setTlp] = useState<TlpLabel>('AMBER')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | null>(null)
  const [last, setLast] = useState<Uploaded | null>(null)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const canWrite = org.role !== 'viewer'

  const upload = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) return
    setMessage(null)
    setLast(null)
    if (file.size > MAX_BYTES) return setMessage({ kind: 'error', text: `${file.name} is larger than 10 MB.` })
    setBusy(true)
    try {
      const stored = await api<Uploaded>('POST', `/api/orgs/${org.id}/mds2/uploads`, {
        filename: file.name,
        contentBase64: await readAsDataUrl(file),
        tlp,
        ...(vendorName.trim() ? { vendorName: vendorName.trim() } : {}),
        ...(modelName.trim() ? { modelName: modelName.trim() } : {}),
      })
      setLast(stored)
      setMessage({ kind: 'notice', text: `Stored ${stored.filename}: ${stored.vendorName} ${stored.modelName}, ${stored.completenessPercent}% answered.` })
      setFile(null)
      setVendorName('')
      setModelName('')
      ;(event.target as HTMLFormElement).reset()
      reload()
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) })
    } finally {
      setBusy(false)
    }
  }
  const remove = async (u: UploadMeta) => {
    if (!confirm(`Remove ${u.filename} from the list? The original file stays stored for the record.`)) return
    try {
      await api('DELETE', `/api/orgs/${org.id}/mds2/uploads/${u.id}`)
      reload()
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) })
    }
  }
  const toggle = (id: string) => setChosen((current) => {
    const next = new Set(current)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    return next
  })

  return (
    <section>
      {canWrite && (
        <form className="card form-grid" onSubmit={upload} aria-label="Upload a vendor MDS2">
          <h2>Upload a vendor's MDS2</h2>
          <label>
            MDS2 file (.xlsx, .csv, .json; up to 10 MB)
            <input type="file" accept=".xlsx,.xlsm,.csv,.json" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <label>
            Vendor <input value={vendorName} onChange={(e) => setVendorName(e.target.value)} maxLength={200} placeholder="from the file if empty" />
          </label>
          <label>
            Model <input value={modelName} onChange={(e) => setModelName(e.target.value)} maxLength={200} placeholder="from the file if empty" />
          </label>
          <label>
            TLP
            <select value={tlp} onChange={(e) => setTlp(e.target.value as TlpLabel)}>
              {TLP_LABELS.map((label) => (
                <option key={label}>{label}</option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!file || busy}>
            {busy ? 'Uploading…' : 'Upload'}
          </button>
        </form>
      )}
      {message && (
        <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {last && last.unmapped.length > 0 && (
        <details className="card">
          <summary>{last.unmapped.length} item(s) of the file could not be mapped</summary>
          <ul>
            {last.unmapped.map((u, i) => (
              <li key={i}>
                <code>{u.code}</code> {u.location ? `at ${u.location}: ` : ''}
                {u.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="card muted">No vendor MDS2 uploaded yet.</p>}
      {data && data.length > 0 && (
        <>
          <table aria-label="Vendor MDS2 files">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Compare</span>
                </th>
                <th scope="col">Vendor</th>
                <th scope="col">Model</th>
                <th scope="col">File</th>
                <th scope="col">Answered</th>
                <th scope="col">Not mapped</th>
                <th scope="col">Uploaded</th>
                <th scope="col">TLP</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.map((u) => (
                <tr key={u.id}>
                  <td>
                    <input type="checkbox" aria-label={`Compare ${u.vendorName} ${u.modelName}`} checked={chosen.has(u.id)} onChange={() => toggle(u.id)} />
                  </td>
                  <td>{u.vendorName}</td>
                  <td>{u.modelName}</td>
                  <td>
                    <a href={`/api/orgs/${org.id}/mds2/uploads/${u.id}/original`} download title={`SHA-256 ${u.sha256}`}>
                      {u.filename}
                    </a>
                  </td>
                  <td>{u.completenessPercent}%</td>
                  <td>{u.unmappedCount}</td>
                  <td>
                    {when(u.createdAt)}
                    <br />
                    <span className="muted">{u.uploadedByLabel}</span>
                  </td>
                  <td>
                    <TlpBadge label={u.tlp} />
                  </td>
                  <td className="mds2-toolbar">
                    <button type="button" className="secondary" onClick={() => navigate(`/mds2/uploads/${u.id}`)} aria-label={`View ${u.vendorName} ${u.modelName}`}>
                      View
                    </button>
                    {canWrite && (
                      <button type="button" className="danger" onClick={() => remove(u)} aria-label={`Remove ${u.filename}`}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" disabled={chosen.size === 0} onClick={() => navigate(`/mds2/compare?ids=${[...chosen].join(',')}`)}>
            Compare selected ({chosen.size})
          </button>
        </>
      )}
    </section>
  )
}

/** One uploaded vendor MDS2, read-only, with what could not be mapped from the file. */
export function Mds2UploadViewer({ org, uploadId }: { org: MyOrganization; uploadId: string }) {
  const { data: view, error } = useApi<UploadView>(`/api/orgs/${org.id}/mds2/uploads/${uploadId}`)
  if (error) return <p className="error">{error}</p>
  if (!view) return <p>Loading…</p>
  return (
    <section>
      <h1>
        {view.vendorName} {view.modelName}
      </h1>
      <p className="muted">
        {view.filename} · {view.sizeBytes.toLocaleString()} bytes · SHA-256 <code>{view.sha256}</code> · uploaded {when(view.createdAt)} by {view.uploadedByLabel} ·{' '}
        <TlpBadge label={view.tlp} /> · {view.completeness.percent}% answered ·{' '}
        <a href={`/api/orgs/${org.id}/mds2/uploads/${view.id}/original`} download>
          original file
        </a>
      </p>
      <Mds2Viewer document={view.document} issues={view.issues} completeness={view.completeness} unmapped={view.unmapped} />
    </section>
  )
}
