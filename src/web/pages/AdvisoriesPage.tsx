import { useEffect, useState } from 'react'
import type { AdvisoryCatalogueEntry, AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import type { AdvisoryProductStatus, AdvisoryRemediation, AdvisoryVulnerability } from '../../domain/csaf/builder.js'
import type { CsafReport } from '../../domain/csaf/index.js'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'

interface Published {
  path: string
  url: string
  version: string
  sha256: string
  publishedAt: string
}

interface Summary {
  id: string
  trackingId: string
  title: string
  tlp: AdvisoryContent['tlp']
  status: string
  version: string
  valid: boolean
  changedSincePublish: boolean
  updatedAt: string
  published: Published | null
}

interface Editor extends Summary {
  content: AdvisoryContent
  validation: CsafReport
  catalogue: AdvisoryCatalogueEntry[]
  revisions: { number: string; date: string; summary: string }[]
}

/** Advisories: the list at /advisories, the editor at /advisories/<id>. */
export function AdvisoriesPage({ path, org }: { path: string; org: MyOrganization }) {
  const id = path.split('/')[2]
  return id ? <AdvisoryEditor key={id} id={id} org={org} /> : <AdvisoryList org={org} />
}

function AdvisoryList({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Summary[]>(`/api/orgs/${org.id}/advisories`)
  const [problem, setProblem] = useState('')
  const canWrite = org.kind === 'manufacturer' && org.role !== 'viewer'
  const create = async () => {
    try {
      const content: AdvisoryContent = { category: 'csaf_security_advisory', title: 'New advisory', tlp: 'CLEAR', notes: [{ category: 'summary', title: 'Summary', text: '' }], references: [], productIds: [], vulnerabilities: [] }
      const created = await api<Summary>('POST', `/api/orgs/${org.id}/advisories`, { content })
      navigate(`/advisories/${created.id}`)
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <section>
      <div className="page-head">
        <h1>Advisories</h1>
        {canWrite && (
          <button type="button" onClick={create}>
            New advisory
          </button>
        )}
      </div>
      <p className="muted">
        CSAF 2.0 security advisories, published through your CSAF provider at{' '}
        <a href={`/orgs/${org.slug}/.well-known/csaf/provider-metadata.json`}>/orgs/{org.slug}/.well-known/csaf/provider-metadata.json</a>.
      </p>
      {(error || problem) && <p className="error">{error || problem}</p>}
      {data && data.length === 0 && <p className="card muted">No advisories yet.</p>}
      {data && data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Tracking id</th>
              <th scope="col">Title</th>
              <th scope="col">Status</th>
              <th scope="col">Version</th>
              <th scope="col">TLP</th>
              <th scope="col">Valid</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`/advisories/${a.id}`} onClick={(e) => (e.preventDefault(), navigate(`/advisories/${a.id}`))}>
                    {a.trackingId}
                  </a>
                </td>
                <td>{a.title}</td>
                <td>
                  {a.status}
                  {a.published && a.changedSincePublish ? ' (unpublished changes)' : ''}
                </td>
                <td>{a.version}</td>
                <td>
                  <TlpBadge label={a.tlp} />
                </td>
                <td>{a.valid ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

const STATUS_CHOICES: readonly { value: keyof AdvisoryProductStatus | ''; label: string }[] = [
  { value: '', label: 'not listed' },
  { value: 'known_affected', label: 'affected' },
  { value: 'fixed', label: 'fixed' },
  { value: 'known_not_affected', label: 'not affected' },
  { value: 'under_investigation', label: 'under investigation' },
  { value: 'recommended', label: 'recommended' },
]

const REMEDIATIONS: readonly AdvisoryRemediation['category'][] = ['vendor_fix', 'mitigation', 'workaround', 'no_fix_planned', 'none_available']

function statusOf(v: AdvisoryVulnerability, productId: string): string {
  return STATUS_CHOICES.find((c) => c.value && (v.productStatus[c.value] ?? []).includes(productId))?.value ?? ''
}

// Derived lists follow the statuses: the CVSS score and remediations apply to the affected products.
function withStatus(v: AdvisoryVulnerability, productId: string, status: string): AdvisoryVulnerability {
  const productStatus: Record<string, string[]> = {}
  for (const choice of STATUS_CHOICES) {
    if (!choice.value) continue
    const list = (v.productStatus[choice.value] ?? []).filter((id) => id !== productId)
    if (choice.value === status) list.push(productId)
    if (list.length > 0) productStatus[choice.value] = list
  }
  return retarget({ ...v, productStatus })
}

function retarget(v: AdvisoryVulnerability): AdvisoryVulnerability {
  const affected = v.productStatus.known_affected ?? []
  return {
    ...v,
    scores: (v.scores ?? []).map((s) => ({ ...s, productIds: affected })),
    remediations: (v.remediations ?? []).map((r) => ({ ...r, productIds: affected })),
  }
}

function AdvisoryEditor({ id, org }: { id: string; org: MyOrganization }) {
  const { data, error, reload } = useApi<Editor>(`/api/orgs/${org.id}/advisories/${id}`)
  const [content, setContent] = useState<AdvisoryContent | null>(null)
  const [message, setMessage] = useState('')
  const [publishStatus, setPublishStatus] = useState<'final' | 'interim'>('final')
  const [summary, setSummary] = useState('')
  const canWrite = org.kind === 'manufacturer' && org.role !== 'viewer'
  useEffect(() => {
    if (data) setContent(data.content)
  }, [data])

  // Live validation: every edit is built and validated by the server (nothing is stored), 300 ms after typing stops.
  const [live, setLive] = useState<CsafReport | undefined>(undefined)
  useEffect(() => {
    if (!content) return
    let current = true
    const timer = setTimeout(() => {
      api<{ report: CsafReport }>('POST', `/api/orgs/${org.id}/advisories/${id}/validate`, { content })
        .then((result) => current && setLive(result.report))
        .catch((e: unknown) => current && setLive({ valid: false, errors: [{ test: 'request', path: '/', message: e instanceof ApiError ? e.message : String(e) }], warnings: [], infos: [] }))
    }, 300)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [content, org.id, id])

  if (error) return <p className="error">{error}</p>
  if (!data || !content || !live) return <p className="loading">Loading…</p>

  const update = (change: Partial<AdvisoryContent>) => setContent({ ...content, ...change })
  const summaryNote = content.notes.find((n) => n.category === 'summary')?.text ?? ''
  const setSummaryNote = (text: string) => update({ notes: [{ category: 'summary', title: 'Summary', text }, ...content.notes.filter((n) => n.category !== 'summary')] })
  const setVulnerability = (index: number, v: AdvisoryVulnerability) => update({ vulnerabilities: content.vulnerabilities.map((old, i) => (i === index ? v : old)) })
  const selected = data.catalogue.filter((e) => content.productIds.includes(e.csafProductId))

  const run = async (action: () => Promise<unknown>, done: string) => {
    setMessage('')
    try {
      await action()
      setMessage(done)
      reload()
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e))
    }
  }
  const save = () => run(() => api('PUT', `/api/orgs/${org.id}/advisories/${id}`, { content }), 'Saved.')
  const publish = () =>
    run(async () => {
      await api('PUT', `/api/orgs/${org.id}/advisories/${id}`, { content })
      await api('POST', `/api/orgs/${org.id}/advisories/${id}/publish`, { status: publishStatus, ...(summary ? { summary } : {}) })
    }, 'Published.')
  const remove = () => run(async () => {
    await api('DELETE', `/api/orgs/${org.id}/advisories/${id}`)
    navigate('/advisories')
  }, 'Deleted.')

  return (
    <section>
      <p className="breadcrumb">
        <a href="/advisories" onClick={(e) => (e.preventDefault(), navigate('/advisories'))}>
          Advisories
        </a>{' '}
        / {data.trackingId}
      </p>
      <div className="page-head">
        <h1>{content.title || data.trackingId}</h1>
        <TlpBadge label={content.tlp} />
      </div>
      <p className="muted">
        {data.trackingId}, {data.status}, version {data.version}
        {data.published && (
          <>
            {' '}
            · published version {data.published.version}:{' '}
            <a href={data.published.url} target="_blank" rel="noreferrer">
              CSAF JSON
            </a>{' '}
            ·{' '}
            <a href={`/orgs/${org.slug}/advisories/${data.published.path.replace(/\.json$/, '.html')}`} target="_blank" rel="noreferrer">
              customer page
            </a>
          </>
        )}{' '}
        · <a href={`/api/orgs/${org.id}/advisories/${id}/advisory.html`} target="_blank" rel="noreferrer">HTML preview</a> ·{' '}
        <a href={`/api/orgs/${org.id}/advisories/${id}/advisory.pdf`} target="_blank" rel="noreferrer">PDF</a>
      </p>

      <div className="assessment-grid">
        <div>
          <fieldset className="card form-grid" disabled={!canWrite}>
            <h2>Document</h2>
            <label className="wide">
              Title
              <input value={content.title} onChange={(e) => update({ title: e.target.value })} />
            </label>
            <label>
              Category
              <select value={content.category} onChange={(e) => update({ category: e.target.value as AdvisoryContent['category'] })}>
                <option value="csaf_security_advisory">Security advisory</option>
                <option value="csaf_vex">VEX</option>
              </select>
            </label>
            <label>
              TLP
              <select value={content.tlp} onChange={(e) => update({ tlp: e.target.value as AdvisoryContent['tlp'] })}>
                {(['CLEAR', 'GREEN', 'AMBER', 'RED'] as const).map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <label className="wide">
              Summary
              <textarea rows={3} value={summaryNote} onChange={(e) => setSummaryNote(e.target.value)} />
            </label>
          </fieldset>

          <fieldset className="card" disabled={!canWrite}>
            <legend>Products</legend>
            {data.catalogue.length === 0 && <p className="muted">Add products and versions first.</p>}
            {data.catalogue.map((entry) => (
              <label key={entry.csafProductId} className="check">
                <input
                  type="checkbox"
                  checked={content.productIds.includes(entry.csafProductId)}
                  onChange={(e) => update({ productIds: e.target.checked ? [...content.productIds, entry.csafProductId] : content.productIds.filter((p) => p !== entry.csafProductId) })}
                />{' '}
                {entry.productName} {entry.version} <span className="muted">({entry.csafProductId})</span>
              </label>
            ))}
          </fieldset>

          {content.vulnerabilities.map((v, index) => (
            <fieldset key={index} className="card form-grid" disabled={!canWrite}>
              <h2>Vulnerability {index + 1}</h2>
              <label>
                CVE
                <input value={v.cve ?? ''} placeholder="CVE-2024-12345" onChange={(e) => setVulnerability(index, { ...v, cve: e.target.value || undefined })} />
              </label>
              <label>
                Title
                <input value={v.title ?? ''} onChange={(e) => setVulnerability(index, { ...v, title: e.target.value || undefined })} />
              </label>
              <label className="wide">
                CVSS vector
                <input
                  value={v.scores?.[0]?.vector ?? ''}
                  placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
                  onChange={(e) => setVulnerability(index, retarget({ ...v, scores: e.target.value ? [{ vector: e.target.value, productIds: [] }] : [] }))}
                />
              </label>
              <label className="wide">
                Description
                <textarea rows={3} value={v.notes[0]?.text ?? ''} onChange={(e) => setVulnerability(index, { ...v, notes: [{ category: 'description', title: 'Description', text: e.target.value }] })} />
              </label>
              {selected.map((entry) => (
                <label key={entry.csafProductId}>
                  {entry.productName} {entry.version}
                  <select value={statusOf(v, entry.csafProductId)} onChange={(e) => setVulnerability(index, withStatus(v, entry.csafProductId, e.target.value))}>
                    {STATUS_CHOICES.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              <label>
                Remediation
                <select
                  value={v.remediations?.[0]?.category ?? ''}
                  onChange={(e) =>
                    setVulnerability(index, retarget({ ...v, remediations: e.target.value ? [{ category: e.target.value as AdvisoryRemediation['category'], details: v.remediations?.[0]?.details ?? '', productIds: [] }] : [] }))
                  }
                >
                  <option value="">none</option>
                  {REMEDIATIONS.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </label>
              <label className="wide">
                Remediation details
                <input
                  value={v.remediations?.[0]?.details ?? ''}
                  disabled={!v.remediations?.[0]}
                  onChange={(e) => setVulnerability(index, { ...v, remediations: (v.remediations ?? []).map((r, i) => (i === 0 ? { ...r, details: e.target.value } : r)) })}
                />
              </label>
              <div className="wide">
                <button type="button" className="secondary" onClick={() => update({ vulnerabilities: content.vulnerabilities.filter((_, i) => i !== index) })}>
                  Remove vulnerability
                </button>
              </div>
            </fieldset>
          ))}
          {canWrite && (
            <p>
              <button type="button" className="secondary" onClick={() => update({ vulnerabilities: [...content.vulnerabilities, { notes: [{ category: 'description', title: 'Description', text: '' }], productStatus: {} }] })}>
                Add vulnerability
              </button>
            </p>
          )}
        </div>

        <aside>
          <section className="card" aria-labelledby="validation-heading">
            <h2 id="validation-heading">Validation</h2>
            <p role="status" aria-live="polite" className={live.valid ? 'score-good' : 'error'}>
              {live.valid ? 'Valid CSAF 2.0' : `${live.errors.length} error${live.errors.length === 1 ? '' : 's'}`}
              {live.warnings.length > 0 ? `, ${live.warnings.length} warning${live.warnings.length === 1 ? '' : 's'}` : ''}
            </p>
            <ul className="plain-list" aria-label="Validation findings">
              {[...live.errors.map((f) => ({ ...f, level: 'error' })), ...live.warnings.map((f) => ({ ...f, level: 'warning' }))].map((f, i) => (
                <li key={i}>
                  <strong>{f.level}</strong> <code>{f.path}</code>: {f.message} <span className="muted">({f.test})</span>
                </li>
              ))}
            </ul>
          </section>
          {canWrite && (
            <section className="card form-grid">
              <h2>Save and publish</h2>
              <div className="wide">
                <button type="button" onClick={save}>
                  Save
                </button>
              </div>
              <label>
                Release status
                <select value={publishStatus} onChange={(e) => setPublishStatus(e.target.value as 'final' | 'interim')}>
                  <option value="final">final</option>
                  <option value="interim">interim</option>
                </select>
              </label>
              <label>
                Revision summary
                <input value={summary} placeholder={data.published ? 'What changed' : 'Initial version.'} onChange={(e) => setSummary(e.target.value)} />
              </label>
              <div className="wide">
                <button type="button" onClick={publish} disabled={!live.valid}>
                  Publish
                </button>{' '}
                {!data.published && (
                  <button type="button" className="secondary" onClick={remove}>
                    Delete draft
                  </button>
                )}
              </div>
              {message && (
                <p className="wide" role="alert">
                  {message}
                </p>
              )}
            </section>
          )}
          {data.revisions.length > 0 && (
            <section className="card">
              <h2>Revision history</h2>
              <ol className="history">
                {data.revisions.map((r) => (
                  <li key={r.number}>
                    {r.number} ({r.date.slice(0, 10)}): {r.summary}
                  </li>
                ))}
              </ol>
            </section>
          )}
        </aside>
      </div>
    </section>
  )
}
