import { useEffect, useState } from 'react'
import { questionById } from '../../../domain/mds2/catalogue.js'
import { api, type MyOrganization } from '../../api.js'
import { useApi } from '../../useApi.js'
import { TlpBadge } from '../TlpBadge.js'
import { downloadFromPost, messageOf } from './download.js'
import { AnswerBadge, StatusBadge } from './parts.js'
import type { ComparisonView, UploadMeta, VersionListing } from './types.js'

const MAX_COMPARED = 20

interface Candidate {
  readonly id: string
  readonly label: string
  readonly kind: 'upload' | 'document' | 'shared'
}

/**
 * The procurement comparison: pick vendors' MDS2 (uploads, documents manufacturers share with the organization, and a
 * manufacturer's own documents), hold them against the organization's requirement profile, and see per requirement
 * met / unmet / unknown, scores and the ranking side by side; export as XLSX or PDF.
 */
export function Mds2Comparison({ org }: { org: MyOrganization }) {
  const { data: uploads, error } = useApi<UploadMeta[]>(`/api/orgs/${org.id}/mds2/uploads`)
  const { data: documents } = useApi<VersionListing[]>(org.kind === 'manufacturer' ? `/api/orgs/${org.id}/mds2/documents` : null)
  const { data: shared } = useApi<{ documentId: string; label: string }[]>(`/api/orgs/${org.id}/shared/mds2`)
  const [chosen, setChosen] = useState<ReadonlySet<string> | null>(null)
  const [result, setResult] = useState<ComparisonView | null>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  const candidates: Candidate[] = [
    ...(uploads ?? []).map((u) => ({ id: u.id, label: `${u.vendorName} ${u.modelName} (${u.filename})`, kind: 'upload' as const })),
    ...(documents ?? []).filter((d) => d.documentId).map((d) => ({ id: d.documentId!, label: `${org.name} ${d.productName} ${d.version} (our MDS2)`, kind: 'document' as const })),
    ...(shared ?? []).map((d) => ({ id: d.documentId, label: `${d.label} (shared by the manufacturer)`, kind: 'shared' as const })),
  ]

  // The first time the candidates arrive: those named in ?ids=, else every upload (up to the limit).
  useEffect(() => {
    if (chosen !== null || !uploads) return
    const asked = new URLSearchParams(window.location.search).get('ids')?.split(',').filter(Boolean)
    setChosen(new Set(asked && asked.length > 0 ? asked : uploads.slice(0, MAX_COMPARED).map((u) => u.id)))
  }, [uploads, chosen])

  const ids = [...(chosen ?? [])].filter((id) => candidates.some((c) => c.id === id))
  const compare = async () => {
    setBusy(true)
    setMessage('')
    try {
      setResult(await api<ComparisonView>('POST', `/api/orgs/${org.id}/mds2/comparisons`, { ids }))
    } catch (e) {
      setMessage(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const exportAs = async (format: 'xlsx' | 'pdf') => {
    setMessage('')
    try {
      await downloadFromPost(`/api/orgs/${org.id}/mds2/comparisons/export?format=${format}`, { ids: result?.items.map((i) => i.id) ?? ids })
    } catch (e) {
      setMessage(messageOf(e))
    }
  }
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current ?? [])
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  if (error) return <p className="error">{error}</p>
  return (
    <section>
      {candidates.length === 0 && uploads && <p className="card muted">Upload vendors' MDS2 files first; then compare them here.</p>}
      {candidates.length > 0 && (
        <fieldset className="card">
          <legend>MDS2 to compare (up to {MAX_COMPARED})</legend>
          <div className="mds2-toolbar">
            {candidates.map((c) => (
              <label key={c.id} className="checkbox">
                <input type="checkbox" checked={chosen?.has(c.id) ?? false} onChange={() => toggle(c.id)} />
                {c.label}
              </label>
            ))}
          </div>
          <p className="mds2-toolbar">
            <button type="button" onClick={compare} disabled={busy || ids.length === 0 || ids.length > MAX_COMPARED}>
              {busy ? 'Comparing…' : `Compare ${ids.length}`}
            </button>
          </p>
        </fieldset>
      )}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {result && <ComparisonTable view={result} onExport={exportAs} />}
    </section>
  )
}

function ComparisonTable({ view, onExport }: { view: ComparisonView; onExport: (format: 'xlsx' | 'pdf') => void }) {
  const { comparison } = view
  return (
    <div>
      <div className="mds2-toolbar">
        <h2>
          Against “{comparison.profile.name}”: {comparison.rows.length} requirements
        </h2>
        <span className="spacer" />
        <button type="button" className="secondary" onClick={() => onExport('xlsx')}>
          Export XLSX
        </button>
        <button type="button" className="secondary" onClick={() => onExport('pdf')}>
          Export PDF
        </button>
      </div>
      <p>
        Ranking: <strong>{comparison.ranking.join(' › ')}</strong>
      </p>
      <table className="comparison" aria-label="Procurement comparison">
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            {comparison.vendors.map((v, i) => (
              <th scope="col" key={v.label} className="vendor">
                {v.label} {view.items[i] && <TlpBadge label={view.items[i].tlp} />}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="row">Score (weighted)</th>
            {comparison.vendors.map((v) => (
              <td key={v.label}>
                <span className="score">{v.score}</span> / 100
                <br />
                <span className="muted">
                  {v.met} met · {v.unmet} unmet · {v.unknown} unknown
                </span>
                <br />
                {v.passes ? (
                  <span className="status status-met">meets every mandatory requirement</span>
                ) : (
                  <span className="status status-unmet" title={v.mandatoryUnmet.join(', ')}>
                    {v.mandatoryUnmet.length} mandatory unmet
                  </span>
                )}
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row) => (
            <tr key={row.requirement.id}>
              <th scope="row">
                {row.requirement.title} {row.requirement.mandatory && <span className="pill mandatory">mandatory</span>}{' '}
                <span className="pill">weight {row.requirement.weight}</span>
                <br />
                <span className="muted" title={questionById.get(row.requirement.questionId)?.text}>
                  <code>{[row.requirement.questionId, ...(row.requirement.alternatives ?? []).map((a) => a.questionId)].join(' or ')}</code> accepts{' '}
                  {row.requirement.acceptable.join(', ')}
                </span>
              </th>
              {row.cells.map((cell, i) => (
                <td key={`${row.requirement.id}-${i}`}>
                  <StatusBadge status={cell.status} />{' '}
                  {cell.evidence.map((e) => (
                    <span key={e.questionId} title={e.note || undefined}>
                      <AnswerBadge answer={e.answer} />
                    </span>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
