import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { useApi } from '../../useApi.js'
import { TlpBadge } from '../../components/TlpBadge.js'
import type { TlpLabel } from '../../../domain/tlp/tlp.js'
import { Thread, formatBytes, type Attachment, type Message } from './common.js'
import { readFiles } from './public-api.js'

interface SharedCase {
  readonly reference: string
  readonly title: string
  readonly manufacturerName: string
  readonly role: string
  readonly tlp: TlpLabel
  readonly stateLabel: string
  readonly body: string
  readonly bodyEncrypted: boolean
  readonly cvss: { readonly score: number; readonly severity: string; readonly vector: string } | null
  readonly versions: readonly { id: string; productName: string; version: string }[]
  readonly messages: readonly Message[]
  readonly attachments: readonly Attachment[]
}

/** A case another organization invited this one to: the report, the affected versions and the coordination thread. */
export function SharedCasePage({ org, caseId }: { org: MyOrganization; caseId: string }) {
  const { data, error, reload } = useApi<SharedCase>(`/api/orgs/${org.id}/disclosure/shared/${caseId}`)
  const [body, setBody] = useState('')
  const [files, setFiles] = useState<File[]>([])
  const [sendError, setSendError] = useState('')
  const send = async (event: FormEvent) => {
    event.preventDefault()
    setSendError('')
    try {
      await api('POST', `/api/orgs/${org.id}/disclosure/shared/${caseId}/messages`, { body, attachments: await readFiles(files) })
      setBody('')
      setFiles([])
      reload()
    } catch (e) {
      setSendError(e instanceof ApiError ? e.message : String(e))
    }
  }
  if (error) return <p className="error">{error}</p>
  if (!data) return <p>Loading…</p>
  const link = (a: Attachment) => <a href={`/api/orgs/${org.id}/disclosure/shared/${caseId}/attachments/${a.id}`}>{a.filename} ({formatBytes(a.sizeBytes)})</a>
  return (
    <section>
      <h1>
        {data.reference}: {data.title} <TlpBadge label={data.tlp} />
      </h1>
      <p>
        Shared by <strong>{data.manufacturerName}</strong> with {org.name} as {data.role.replace('_', ' ')}. Status: {data.stateLabel}. Do not share further (TLP:AMBER+STRICT).
      </p>
      <div className="card">
        <h2>Report</h2>
        <pre className="cvd-body">{data.body}</pre>
        <p>Affected: {data.versions.map((v) => `${v.productName} ${v.version}`).join(', ') || 'not identified yet'}</p>
        <p>Severity: {data.cvss ? `CVSS ${data.cvss.score} (${data.cvss.severity})` : 'not assessed yet'}</p>
      </div>
      <div className="card">
        <h2>Coordination</h2>
        <Thread messages={data.messages} attachments={data.attachments} renderAttachment={link} />
        <form className="cvd-form" onSubmit={send}>
          <label>
            Message to {data.manufacturerName} and the other parties
            <textarea value={body} onChange={(e) => setBody(e.target.value)} />
          </label>
          <label>
            Attach files
            <input type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          </label>
          {sendError && <p className="error" role="alert">{sendError}</p>}
          <div>
            <button type="submit" disabled={body.trim() === '' && files.length === 0}>
              Send
            </button>
          </div>
        </form>
      </div>
    </section>
  )
}
