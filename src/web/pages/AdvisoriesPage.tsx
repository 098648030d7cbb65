import { useEffect, useState } from 'react'
import type { AdvisoryCatalogueEntry, AdvisoryContent, AdvisoryMeta } from '../../domain/csaf/advisory-content.js'
import type { AdvisoryVulnerability } from '../../domain/csaf/builder.js'
import type { CsafReport } from '../../domain/csaf/index.js'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import { GenerateFromFindings } from '../components/advisory/GenerateFromFindings.js'
import { VulnerabilityFieldset } from '../components/advisory/VulnerabilityFieldset.js'
import { CsafValidationPanel } from '../components/CsafValidationPanel.js'
import { useLiveCsafValidation } from '../components/useLiveCsafValidation.js'

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
  meta: AdvisoryMeta
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
  const [generating, setGenerating] = useState(false)
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
          <div>
            <button type="button" className="secondary" onClick={() => setGenerating(true)} aria-expanded={generating}>
              Generate from findings
            </button>{' '}
            <button type="button" onClick={create}>
              New advisory
            </button>
          </div>
        )}
      </div>
      {canWrite && generating && <GenerateFromFindings orgId={org.id} onGenerated={(advisoryId) => navigate(`/advisories/${advisoryId}`)} onCancel={() => setGenerating(false)} />}
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

  // Live validation runs in the browser as the author types; the server validates again on save.
  const live = useLiveCsafValidation(content, data?.catalogue, data?.meta)

  if (error) return <p className="error">{error}</p>
  if (!data || !content) return <p className="loading">Loading…</p>

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
            <VulnerabilityFieldset
              key={index}
              index={index}
              vulnerability={v}
              products={selected}
              disabled={!canWrite}
              onChange={(changed) => setVulnerability(index, changed)}
              onRemove={() => update({ vulnerabilities: content.vulnerabilities.filter((_, i) => i !== index) })}
            />
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
          <CsafValidationPanel report={live} saved={data.validation} />
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
                <button type="button" onClick={publish} disabled={!live?.valid}>
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
