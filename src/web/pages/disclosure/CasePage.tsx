import { useEffect, useRef, useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import { TlpBadge } from '../../components/TlpBadge.js'
import type { TlpLabel } from '../../../domain/tlp/tlp.js'
import { ClockTable, Steps, Thread, Timeline, formatBytes, type Attachment, type CaseEvent, type Clock, type Message } from './common.js'
import { readFiles } from './public-api.js'
import type { LinkedAdvisory, LinkedFinding } from '../../../domain/disclosure/links.js'
import { CaseLinks } from './CaseLinks.js'

interface CatalogueVersion {
  readonly id: string
  readonly productName: string
  readonly version: string
}

interface CaseDetail {
  readonly id: string
  readonly reference: string
  readonly title: string
  readonly state: string
  readonly stateLabel: string
  readonly triageOutcome: string | null
  readonly tlp: TlpLabel
  readonly body: string
  readonly bodyEncrypted: boolean
  readonly reporter: { readonly name: string | null; readonly email: string | null; readonly emailUpdates: boolean; readonly creditWanted: boolean; readonly creditName: string | null }
  readonly reportedProduct: string | null
  readonly reportedVersion: string | null
  readonly duplicateOf: string | null
  readonly cvss: { readonly vector: string; readonly score: number; readonly severity: string } | null
  readonly fdaDetermination: { readonly risk: string; readonly rationale: string; readonly date: string; readonly obligations: readonly { id: string; title: string; dueDate?: string; required: boolean }[] } | null
  readonly cves: readonly { id: string; status: 'reserved' | 'published' }[]
  readonly findings: readonly LinkedFinding[]
  readonly advisories: readonly LinkedAdvisory[]
  readonly unlinkedRefs: { readonly findings: readonly string[]; readonly advisories: readonly string[] }
  readonly fixReleasedOn: string | null
  readonly customersNotifiedOn: string | null
  readonly versions: readonly CatalogueVersion[]
  readonly clocks: readonly Clock[]
  readonly events: readonly CaseEvent[]
  readonly messages: readonly Message[]
  readonly attachments: readonly Attachment[]
  readonly availableCommands: readonly string[]
}

interface Product {
  readonly name: string
  readonly versions: readonly { id: string; version: string }[]
}

interface Party {
  readonly partyName: string
  readonly partySlug: string
  readonly role: string
  readonly tlp: TlpLabel
}

const COMMAND_LABELS: Record<string, string> = {
  acknowledge: 'Acknowledge',
  triage: 'Record triage',
  start_remediation: 'Start remediation',
  publish: 'Publish advisory',
  close: 'Close case',
  reopen: 'Reopen',
}
const THREADS = [
  ['reporter', 'With the reporter'],
  ['coordination', 'Coordination (invited parties)'],
  ['internal', 'Internal notes'],
] as const

const list = (text: string) => text.split(',').map((t) => t.trim()).filter((t) => t !== '')

/** One case: workflow actions, clocks, the report, assessment (CVSS, FDA), links, threads, parties and export. */
export function CasePage({ org, caseId }: { org: MyOrganization; caseId: string }) {
  const base = `/api/orgs/${org.id}/disclosure/cases/${caseId}`
  const { data, error, reload } = useApi<CaseDetail>(base)
  const products = useApi<Product[]>(`/api/orgs/${org.id}/products`)
  const parties = useApi<Party[]>(`${base}/parties`)
  const advisoryCatalogue = useApi<{ id: string; trackingId: string; title: string }[]>(org.role === 'viewer' ? null : `/api/orgs/${org.id}/advisories`)
  const [note, setNote] = useState('')
  const [outcome, setOutcome] = useState('valid')
  const [duplicateOf, setDuplicateOf] = useState('')
  const [advisoryId, setAdvisoryId] = useState('')
  const [thread, setThread] = useState<(typeof THREADS)[number][0]>('reporter')
  const [message, setMessage] = useState('')
  const [files, setFiles] = useState<File[]>([])
  const [versionId, setVersionId] = useState('')
  const [partySlug, setPartySlug] = useState('')
  const [partyRole, setPartyRole] = useState('component_manufacturer')
  const [assessment, setAssessment] = useState<Record<string, string>>({})
  const [fda, setFda] = useState({ harm: 'serious', essential: false, exploitability: '' })
  const [problem, setProblem] = useState('')
  const [notice, setNotice] = useState('')
  const canAct = org.role !== 'viewer'
  // Problems show above the page; most actions sit far below, so bring a new one into view or the click seems to do nothing.
  const problemRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (problem) problemRef.current?.scrollIntoView({ block: 'nearest' })
  }, [problem])

  const run = async (action: () => Promise<unknown>, done: string) => {
    setProblem('')
    setNotice('')
    try {
      await action()
      setNotice(done)
      reload()
      parties.reload()
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e))
    }
  }

  if (error) return <p className="error">{error}</p>
  if (!data) return <p>Loading…</p>
  const field = (name: string, fallback: string) => assessment[name] ?? fallback
  const setField = (name: string) => (e: React.ChangeEvent<HTMLInputElement>) => setAssessment({ ...assessment, [name]: e.target.value })

  const transition = (command: string) =>
    run(
      () =>
        api('POST', `${base}/transitions`, {
          command,
          ...(note.trim() ? { note } : {}),
          ...(command === 'triage' ? { outcome, ...(outcome === 'duplicate' && duplicateOf ? { duplicateOf } : {}) } : {}),
          ...(command === 'publish' && advisoryId ? { advisoryId } : {}),
        }).then(() => setNote('')),
      `${COMMAND_LABELS[command]}: done.`,
    )

  const saveAssessment = (event: FormEvent) => {
    event.preventDefault()
    const cveText = field('cves', data.cves.map((c) => `${c.id}:${c.status}`).join(', '))
    void run(
      () =>
        api('PATCH', base, {
          cvssVector: field('cvssVector', data.cvss?.vector ?? '') || null,
          cves: list(cveText).map((c) => {
            const [id, status] = c.split(':')
            return { id: id!.trim(), status: status?.trim() === 'published' ? 'published' : 'reserved' }
          }),
          fixReleasedOn: field('fixReleasedOn', data.fixReleasedOn ?? '') || null,
          customersNotifiedOn: field('customersNotifiedOn', data.customersNotifiedOn ?? '') || null,
          creditName: field('creditName', data.reporter.creditName ?? '') || null,
        }),
      'Assessment saved.',
    )
  }

  const sendMessage = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      await api('POST', `${base}/messages`, { thread, body: message, attachments: await readFiles(files) })
      setMessage('')
      setFiles([])
    }, 'Message sent.')
  }

  const download = (a: Attachment) => (
    <a href={`${base}/attachments/${a.id}`} download={a.filename}>
      {a.filename} ({formatBytes(a.sizeBytes)}, SHA-256 {a.sha256.slice(0, 12)}…)
    </a>
  )
  const linked = new Set(data.versions.map((v) => v.id))

  return (
    <section>
      <p>
        <a href="/disclosure" onClick={(e) => (e.preventDefault(), navigate('/disclosure'))}>
          ← All cases
        </a>
      </p>
      <h1>
        {data.reference}: {data.title} <TlpBadge label={data.tlp} />
      </h1>
      <p>
        Status: <strong data-testid="case-status">{data.stateLabel}</strong>
        {data.triageOutcome && ` (${data.triageOutcome.replace('_', ' ')})`}
        {data.duplicateOf && ` of ${data.duplicateOf}`} · <a href={`${base}/export`} download={`${data.reference}.json`}>Export JSON</a>
      </p>
      <Steps state={data.state} />
      {problem && (
        <p className="error" role="alert" ref={problemRef}>
          {problem}
        </p>
      )}
      {notice && <p className="notice" role="status">{notice}</p>}

      {canAct && data.availableCommands.length > 0 && (
        <div className="card" role="region" aria-label="Workflow">
          <h2>Next step</h2>
          <div className="cvd-actions">
            <label>
              Note to the reporter (optional)
              <input value={note} onChange={(e) => setNote(e.target.value)} size={40} />
            </label>
            {data.availableCommands.includes('triage') && (
              <label>
                Triage outcome
                <select aria-label="Triage outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
                  <option value="valid">Valid vulnerability</option>
                  <option value="duplicate">Duplicate</option>
                  <option value="not_vulnerability">Not a vulnerability</option>
                </select>
              </label>
            )}
            {data.availableCommands.includes('triage') && outcome === 'duplicate' && (
              <label>
                Duplicate of
                <input value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} placeholder="CVD-2026-0001" />
              </label>
            )}
            {data.availableCommands.includes('publish') && (
              <label>
                Advisory published for the case
                <select aria-label="Advisory published for the case" value={advisoryId} onChange={(e) => setAdvisoryId(e.target.value)}>
                  <option value="">none yet</option>
                  {(advisoryCatalogue.data ?? []).map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.trackingId}: {a.title}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {data.availableCommands.map((command) => (
              <button key={command} type="button" onClick={() => void transition(command)}>
                {COMMAND_LABELS[command] ?? command}
              </button>
            ))}
          </div>
        </div>
      )}

      <div className="card">
        <h2>Clocks</h2>
        <ClockTable clocks={data.clocks} />
      </div>

      <div className="cvd-grid">
        <div className="card">
          <h2>Report</h2>
          <p className="muted">
            From {data.reporter.name ?? 'an anonymous reporter'}
            {data.reporter.email && ` <${data.reporter.email}>${data.reporter.emailUpdates ? '' : ' (e-mail updates turned off)'}`}; credit: {data.reporter.creditWanted ? (data.reporter.creditName ?? 'unnamed') : 'none'}
            {data.reportedProduct && `; reported for ${data.reportedProduct} ${data.reportedVersion ?? ''}`}
          </p>
          {data.bodyEncrypted && <p className="muted">Encrypted to your OpenPGP key: decrypt it with your private key outside the platform.</p>}
          <pre className="cvd-body">{data.body}</pre>
          {data.attachments.filter((a) => a.messageId === null).map((a) => (
            <div key={a.id}>{download(a)}</div>
          ))}
        </div>
        <form className="card cvd-form" onSubmit={saveAssessment} aria-label="Assessment">
          <h2>Assessment and records</h2>
          <label>
            CVSS vector
            <input value={field('cvssVector', data.cvss?.vector ?? '')} onChange={setField('cvssVector')} placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" />
          </label>
          {data.cvss && <p>Score {data.cvss.score} ({data.cvss.severity})</p>}
          <label>
            CVE ids (id:reserved or id:published, comma-separated)
            <input value={field('cves', data.cves.map((c) => `${c.id}:${c.status}`).join(', '))} onChange={setField('cves')} />
          </label>
          <label>
            Fix released on
            <input type="date" value={field('fixReleasedOn', data.fixReleasedOn ?? '')} onChange={setField('fixReleasedOn')} />
          </label>
          <label>
            Customers notified on
            <input type="date" value={field('customersNotifiedOn', data.customersNotifiedOn ?? '')} onChange={setField('customersNotifiedOn')} />
          </label>
          <label>
            Credit name
            <input value={field('creditName', data.reporter.creditName ?? '')} onChange={setField('creditName')} />
          </label>
          {canAct && <button type="submit">Save assessment</button>}
        </form>
      </div>

      <div className="cvd-grid">
        <div className="card cvd-form" role="region" aria-label="FDA postmarket determination">
          <h2>FDA postmarket determination</h2>
          {data.fdaDetermination ? (
            <>
              <p>
                <strong>{data.fdaDetermination.risk}</strong> risk ({data.fdaDetermination.date}). {data.fdaDetermination.rationale}
              </p>
              <ul>
                {data.fdaDetermination.obligations.filter((o) => o.required).map((o) => (
                  <li key={o.id}>
                    {o.title}
                    {o.dueDate && ` by ${o.dueDate}`}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">Not determined yet.</p>
          )}
          {canAct && (
            <div className="cvd-actions">
              <label>
                Severity of harm
                <select aria-label="Severity of harm" value={fda.harm} onChange={(e) => setFda({ ...fda, harm: e.target.value })}>
                  {['negligible', 'minor', 'serious', 'critical', 'catastrophic'].map((h) => (
                    <option key={h}>{h}</option>
                  ))}
                </select>
              </label>
              <label>
                Exploitability
                <select aria-label="Exploitability" value={fda.exploitability} onChange={(e) => setFda({ ...fda, exploitability: e.target.value })}>
                  <option value="">from CVSS</option>
                  <option>low</option>
                  <option>medium</option>
                  <option>high</option>
                </select>
              </label>
              <label className="cvd-check">
                <input type="checkbox" checked={fda.essential} onChange={(e) => setFda({ ...fda, essential: e.target.checked })} /> Affects essential performance
              </label>
              <button
                type="button"
                onClick={() =>
                  void run(
                    () => api('PATCH', base, { fda: { harm: fda.harm, essentialPerformanceImpact: fda.essential, ...(fda.exploitability ? { exploitability: fda.exploitability } : {}) } }),
                    'Determination recorded.',
                  )
                }
              >
                Determine
              </button>
            </div>
          )}
        </div>
        <div className="card" role="region" aria-label="Affected versions">
          <h2>Affected product versions</h2>
          <ul>
            {data.versions.map((v) => (
              <li key={v.id}>
                {v.productName} {v.version}{' '}
                {canAct && (
                  <button type="button" className="secondary" onClick={() => void run(() => api('DELETE', `${base}/versions/${v.id}`), 'Version unlinked.')}>
                    Unlink
                  </button>
                )}
              </li>
            ))}
          </ul>
          {canAct && (
            <div className="cvd-actions">
              <label>
                Product version
                <select aria-label="Product version" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
                  <option value="">Choose…</option>
                  {(products.data ?? []).flatMap((p) =>
                    p.versions.filter((v) => !linked.has(v.id)).map((v) => (
                      <option key={v.id} value={v.id}>
                        {p.name} {v.version}
                      </option>
                    )),
                  )}
                </select>
              </label>
              <button type="button" disabled={!versionId} onClick={() => void run(() => api('PUT', `${base}/versions/${versionId}`).then(() => setVersionId('')), 'Version linked.')}>
                Link version
              </button>
            </div>
          )}
        </div>
      </div>

      <CaseLinks
        org={org}
        base={base}
        versions={data.versions}
        findings={data.findings}
        advisories={data.advisories}
        unlinked={data.unlinkedRefs}
        canAct={canAct}
        onChanged={(done) => (setProblem(''), setNotice(done), reload())}
        onProblem={(message) => (setNotice(''), setProblem(message))}
      />

      <div className="card" role="region" aria-label="Messages">
        <h2>Messages</h2>
        <div className="cvd-tabs" role="tablist">
          {THREADS.map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={thread === id} onClick={() => setThread(id)}>
              {label} ({data.messages.filter((m) => m.thread === id).length})
            </button>
          ))}
        </div>
        <Thread messages={data.messages.filter((m) => m.thread === thread)} attachments={data.attachments} renderAttachment={download} />
        {canAct && (
          <form className="cvd-form" onSubmit={sendMessage}>
            <label>
              {thread === 'reporter' ? 'Message to the reporter' : thread === 'coordination' ? 'Message to the invited parties' : 'Internal note'}
              <textarea value={message} onChange={(e) => setMessage(e.target.value)} />
            </label>
            <label>
              Attach files
              <input type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
            </label>
            <div>
              <button type="submit" disabled={message.trim() === '' && files.length === 0}>
                Send
              </button>
            </div>
          </form>
        )}
      </div>

      <div className="cvd-grid">
        <div className="card" role="region" aria-label="Parties">
          <h2>Invited parties (TLP:AMBER+STRICT)</h2>
          <ul>
            {(parties.data ?? []).map((p) => (
              <li key={p.partySlug}>
                {p.partyName} ({p.role.replace('_', ' ')}) <TlpBadge label={p.tlp} />
              </li>
            ))}
          </ul>
          {canAct && (
            <div className="cvd-actions">
              <label>
                Organization slug
                <input value={partySlug} onChange={(e) => setPartySlug(e.target.value)} placeholder="component-maker" />
              </label>
              <label>
                Role
                <select aria-label="Role" value={partyRole} onChange={(e) => setPartyRole(e.target.value)}>
                  <option value="component_manufacturer">Component manufacturer</option>
                  <option value="coordinator">Coordinator</option>
                  <option value="other">Other</option>
                </select>
              </label>
              <button type="button" disabled={!partySlug} onClick={() => void run(() => api('POST', `${base}/parties`, { partySlug, role: partyRole }).then(() => setPartySlug('')), 'Party invited.')}>
                Invite
              </button>
            </div>
          )}
        </div>
        <div className="card">
          <h2>Timeline</h2>
          <Timeline events={data.events} />
        </div>
      </div>
    </section>
  )
}
