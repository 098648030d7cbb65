import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { ApiError } from '../../api.js'
import { Steps, Thread, Timeline, formatBytes, type Attachment, type CaseEvent, type Message } from './common.js'
import { downloadWithToken, encryptText, MAX_FILE_BYTES, publicApi, readFiles } from './public-api.js'
import { PublicShell } from './ReportPage.js'

interface PortalView {
  readonly reference: string
  readonly title: string
  readonly manufacturer: { readonly name: string; readonly pgpPublicKey: string | null }
  readonly state: string
  readonly stateLabel: string
  readonly triageOutcome: string | null
  readonly credit: { readonly wanted: boolean; readonly name: string | null }
  readonly emailUpdates: { readonly address: string | null; readonly enabled: boolean }
  readonly cvss: { readonly vector: string; readonly score: number; readonly severity: string } | null
  readonly cves: readonly { id: string; status: string }[]
  readonly advisoryRefs: readonly string[]
  readonly versions: readonly { id: string; productName: string; version: string }[]
  readonly events: readonly CaseEvent[]
  readonly messages: readonly Message[]
  readonly attachments: readonly Attachment[]
}

/** The secret from the link's fragment (never sent to the server as part of a URL). */
function tokenFromHash(): string {
  return window.location.hash.replace(/^#/, '')
}

/** The reporter's portal: status, steps, messages both ways and attachments, opened with the secret link. */
export function ReporterPortalPage() {
  const [token] = useState(tokenFromHash)
  const [view, setView] = useState<PortalView | null>(null)
  const [error, setError] = useState('')
  const [body, setBody] = useState('')
  const [files, setFiles] = useState<File[]>([])
  const [encrypt, setEncrypt] = useState(false)
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState('')

  const load = useCallback(() => {
    publicApi<PortalView>('GET', '/api/public/disclosure/portal', undefined, token)
      .then(setView)
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)))
  }, [token])
  useEffect(load, [load])

  const send = async (event: FormEvent) => {
    event.preventDefault()
    if (!view) return
    setError('')
    setNotice('')
    if (files.some((f) => f.size > MAX_FILE_BYTES)) return setError('files must be at most 2 MiB')
    setBusy(true)
    try {
      const key = encrypt ? view.manufacturer.pgpPublicKey : null
      await publicApi('POST', '/api/public/disclosure/portal/messages', { body: key ? await encryptText(body, key) : body, encrypted: key !== null, attachments: await readFiles(files) }, token)
      setBody('')
      setFiles([])
      setNotice('Message sent.')
      load()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const setEmailUpdates = async (enabled: boolean) => {
    setError('')
    setNotice('')
    try {
      await publicApi('PUT', '/api/public/disclosure/portal/email-updates', { enabled }, token)
      setNotice(enabled ? 'E-mail updates are on.' : 'E-mail updates are off: you will get no more e-mails about this case.')
      load()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }

  const download = (a: Attachment) => (
    <button type="button" className="secondary" onClick={() => downloadWithToken(`/api/public/disclosure/portal/attachments/${a.id}`, a.filename, token).catch((e: unknown) => setError(String(e)))}>
      Download {a.filename} ({formatBytes(a.sizeBytes)})
    </button>
  )

  if (!token) return <PublicShell title="Reporter portal"><p className="error">Open the secret link you received when you sent the report.</p></PublicShell>
  if (!view) return <PublicShell title="Reporter portal">{error ? <p className="error" role="alert">{error}</p> : <p>Loading…</p>}</PublicShell>
  return (
    <PublicShell title={`${view.reference}: ${view.title}`}>
      <p>
        Reported to <strong>{view.manufacturer.name}</strong>. Status: <strong data-testid="portal-status">{view.stateLabel}</strong>
        {view.triageOutcome && <span> ({view.triageOutcome.replace('_', ' ')})</span>}
      </p>
      <Steps state={view.state} />
      <div className="cvd-grid">
        <section className="card" aria-labelledby="portal-details">
          <h2 id="portal-details">Details</h2>
          <dl>
            <dt>Affected versions</dt>
            <dd>{view.versions.length ? view.versions.map((v) => `${v.productName} ${v.version}`).join(', ') : 'not identified yet'}</dd>
            <dt>Severity</dt>
            <dd>{view.cvss ? `CVSS ${view.cvss.score} (${view.cvss.severity}) ${view.cvss.vector}` : 'not assessed yet'}</dd>
            <dt>CVE</dt>
            <dd>{view.cves.length ? view.cves.map((c) => `${c.id} (${c.status})`).join(', ') : '—'}</dd>
            <dt>Advisory</dt>
            <dd>{view.advisoryRefs.length ? view.advisoryRefs.join(', ') : '—'}</dd>
            <dt>Credit</dt>
            <dd>{view.credit.wanted ? (view.credit.name ?? 'credited without a name') : 'anonymous'}</dd>
          </dl>
          {view.emailUpdates.address && (
            <label className="cvd-check">
              <input type="checkbox" checked={view.emailUpdates.enabled} onChange={(e) => void setEmailUpdates(e.target.checked)} />
              E-mail updates to {view.emailUpdates.address} (status changes and new messages; never the content)
            </label>
          )}
        </section>
        <section className="card" aria-labelledby="portal-timeline">
          <h2 id="portal-timeline">What happened</h2>
          <Timeline events={view.events} />
        </section>
      </div>
      <section className="card" aria-labelledby="portal-messages">
        <h2 id="portal-messages">Messages</h2>
        <Thread messages={view.messages} attachments={view.attachments} renderAttachment={download} />
        {view.attachments.filter((a) => a.messageId === null).length > 0 && (
          <>
            <h3>Files sent with the report</h3>
            {view.attachments.filter((a) => a.messageId === null).map((a) => (
              <div key={a.id}>{download(a)}</div>
            ))}
          </>
        )}
        <form className="cvd-reply cvd-form" onSubmit={send}>
          <label>
            Reply to {view.manufacturer.name}
            <textarea value={body} onChange={(e) => setBody(e.target.value)} maxLength={100_000} />
          </label>
          <label>
            Attach files
            <input type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          </label>
          {view.manufacturer.pgpPublicKey && (
            <label className="cvd-check">
              <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
              Encrypt the message to {view.manufacturer.name}'s OpenPGP key
            </label>
          )}
          {error && <p className="error" role="alert">{error}</p>}
          {notice && <p className="notice" role="status">{notice}</p>}
          <div>
            <button type="submit" disabled={busy || (body.trim() === '' && files.length === 0)}>
              Send message
            </button>
          </div>
        </form>
      </section>
    </PublicShell>
  )
}
