import { useEffect, useRef, useState } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { ComponentTable } from './sbom/ComponentTable.js'
import { DiffPanel } from './sbom/DiffPanel.js'
import { QualityPanel } from './sbom/QualityPanel.js'
import type { Revision, VersionSboms } from './sbom/types.js'

type Tab = 'components' | 'quality' | 'diff' | 'export'
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'components', label: 'Components' },
  { id: 'quality', label: 'Quality report' },
  { id: 'diff', label: 'Diff' },
  { id: 'export', label: 'Export' },
]

const EXPORTS: readonly { format: string; label: string }[] = [
  { format: 'cyclonedx-json', label: 'CycloneDX 1.6 JSON' },
  { format: 'cyclonedx-xml', label: 'CycloneDX 1.6 XML' },
  { format: 'spdx-json', label: 'SPDX 2.3 JSON' },
  { format: 'fda-csv', label: 'FDA SBOM table (CSV)' },
  { format: 'fda-xlsx', label: 'FDA SBOM table (XLSX)' },
]

/** A product version: upload its SBOM, browse the components, edit FDA fields, read the quality report, diff and export. */
export function ProductVersionPage({ org, versionId }: { org: MyOrganization; versionId: string }) {
  const { data, error, reload } = useApi<VersionSboms>(`/api/orgs/${org.id}/product-versions/${versionId}/sboms`)
  const [selected, setSelected] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('components')
  const [edits, setEdits] = useState(0)
  const canWrite = org.role !== 'viewer'
  if (error) return <p className="error">{error}</p>
  if (!data) return <p className="muted">Loading…</p>
  const current: Revision | undefined = data.revisions.find((r) => r.id === selected) ?? data.revisions[0]

  return (
    <section>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href="/products" onClick={(e) => (e.preventDefault(), navigate('/products'))}>
          Products
        </a>{' '}
        › {data.product.name} › {data.version.version}
      </nav>
      <h1>
        {data.product.name} {data.version.version}
      </h1>
      <p className="muted">
        Model {data.product.modelNumber ?? '—'} · UDI-DI {data.product.udiDi ?? '—'}
      </p>
      {canWrite && (
        <UploadForm
          orgId={org.id}
          versionId={versionId}
          onUploaded={(revision) => {
            setSelected(revision.id)
            setTab('components')
            reload()
          }}
        />
      )}
      {data.revisions.length === 0 ? (
        <p className="card muted">No SBOM yet for this version.{canWrite ? ' Upload a CycloneDX or SPDX file above.' : ''}</p>
      ) : (
        current && (
          <>
            <RevisionList revisions={data.revisions} current={current} orgId={org.id} onSelect={setSelected} />
            <div role="tablist" aria-label="SBOM views" className="tabs">
              {TABS.map((t) => (
                <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`panel-${t.id}`} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => setTab(t.id)}>
                  {t.label}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="card">
              {tab === 'components' && <ComponentTable orgId={org.id} revisionId={current.id} canEdit={canWrite} onEdited={() => setEdits((n) => n + 1)} />}
              {tab === 'quality' && <QualityPanel orgId={org.id} revisionId={current.id} version={edits} />}
              {tab === 'diff' && <DiffPanel orgId={org.id} page={data} current={current} />}
              {tab === 'export' && (
                <div>
                  <p>Revision {current.revision} as stored, with any edits of the FDA fields.</p>
                  <ul className="exports">
                    {EXPORTS.map((e) => (
                      <li key={e.format}>
                        <a className="button-link" href={`/api/orgs/${org.id}/sboms/${current.id}/export?format=${e.format}`} download>
                          {e.label}
                        </a>
                      </li>
                    ))}
                    <li>
                      <a className="button-link secondary" href={`/api/orgs/${org.id}/sboms/${current.id}/original`} download>
                        Original file ({current.filename})
                      </a>
                    </li>
                  </ul>
                </div>
              )}
            </div>
          </>
        )
      )}
    </section>
  )
}

function RevisionList({ revisions, current, orgId, onSelect }: { revisions: readonly Revision[]; current: Revision; orgId: string; onSelect: (id: string) => void }) {
  return (
    <table className="revisions">
      <caption>SBOM revisions</caption>
      <thead>
        <tr>
          <th scope="col">Revision</th>
          <th scope="col">File</th>
          <th scope="col">Format</th>
          <th scope="col">Components</th>
          <th scope="col">Uploaded</th>
          <th scope="col">SHA-256</th>
          <th scope="col">
            <span className="visually-hidden">Show</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {revisions.map((r) => (
          <tr key={r.id} aria-current={r.id === current.id ? 'true' : undefined} className={r.id === current.id ? 'current' : undefined}>
            <td>{r.revision}</td>
            <td>
              <a href={`/api/orgs/${orgId}/sboms/${r.id}/original`} download>
                {r.filename}
              </a>
            </td>
            <td>
              {r.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} {r.specVersion} ({r.encoding})
            </td>
            <td>
              {r.components}
              {r.warnings > 0 && <span className="muted"> · {r.warnings} {r.warnings === 1 ? 'warning' : 'warnings'}</span>}
            </td>
            <td>
              {new Date(r.uploadedAt).toLocaleString()} by {r.uploadedBy}
            </td>
            <td>
              <code title={r.sha256}>{r.sha256.slice(0, 12)}…</code>
            </td>
            <td>
              {r.id === current.id ? (
                <span className="muted">shown</span>
              ) : (
                <button type="button" className="secondary small" onClick={() => onSelect(r.id)}>
                  Show
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

interface UploadProblem {
  readonly code: string
  readonly message: string
  readonly problems: readonly string[]
}

function UploadForm({ orgId, versionId, onUploaded }: { orgId: string; versionId: string; onUploaded: (revision: Revision) => void }) {
  const input = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<UploadProblem | null>(null)
  const [notice, setNotice] = useState('')
  useEffect(() => setNotice(''), [versionId])

  const upload = async (event: React.FormEvent) => {
    event.preventDefault()
    const file = input.current?.files?.[0]
    setProblem(null)
    setNotice('')
    if (!file) return setProblem({ code: 'no_file', message: 'Choose a CycloneDX or SPDX file first.', problems: [] })
    if (file.size > 50 * 1024 * 1024) return setProblem({ code: 'sbom_too_large', message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 50 MB.`, problems: [] })
    setBusy(true)
    try {
      const contentBase64 = await readAsDataUrl(file)
      const result = await api<{ revision: Revision; warnings: number }>('POST', `/api/orgs/${orgId}/product-versions/${versionId}/sboms`, { filename: file.name, contentBase64 })
      setNotice(`Stored ${file.name} as revision ${result.revision.revision}: ${result.revision.components} components${result.warnings === 0 ? '' : result.warnings === 1 ? ', 1 warning' : `, ${result.warnings} warnings`}.`)
      if (input.current) input.current.value = ''
      onUploaded(result.revision)
    } catch (e) {
      if (e instanceof ApiError) {
        const details = e.details as { problems?: { message: string }[] } | undefined
        setProblem({ code: e.code, message: e.message, problems: (details?.problems ?? []).map((p) => p.message) })
      } else setProblem({ code: 'upload_failed', message: String(e), problems: [] })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card inline-form" onSubmit={upload} aria-label="Upload an SBOM">
      <label>
        SBOM file (CycloneDX 1.2–1.6 JSON/XML, SPDX 2.2/2.3 JSON or tag-value, SPDX 3.0; up to 50 MB)
        <input ref={input} type="file" accept=".json,.xml,.spdx,.cdx,.txt,.jsonld" />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? 'Uploading…' : 'Upload SBOM'}
      </button>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {problem && (
        <div className="error upload-error" role="alert">
          <p>
            <strong>The file was not stored.</strong> {problem.message} <code>{problem.code}</code>
          </p>
          {problem.problems.length > 0 && (
            <ul>
              {problem.problems.slice(0, 10).map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  )
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error('the file cannot be read'))
    reader.readAsDataURL(file)
  })
}
