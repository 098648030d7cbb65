import { useEffect, useState } from 'react'
import { questionById } from '../../../domain/mds2/catalogue.js'
import type { Mds2Change, Mds2Diff } from '../../../domain/mds2/index.js'
import { api, type MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import { ExportLinks } from './ExportLinks.js'
import { messageOf } from './download.js'
import { AnswerBadge, when } from './parts.js'
import type { DocumentView, Revision, RevisionDiff, VersionDiff, VersionListing } from './types.js'

/** The revisions of a product version's MDS2, and what changed between two revisions or against another version. */
export function Mds2History({ org, versionId }: { org: MyOrganization; versionId: string }) {
  const base = `/api/orgs/${org.id}/mds2/versions/${versionId}`
  const { data: current } = useApi<DocumentView>(base)
  const { data: revisions, error } = useApi<Revision[]>(`${base}/revisions`)
  const { data: versions } = useApi<VersionListing[]>(`/api/orgs/${org.id}/mds2/documents`)
  const [from, setFrom] = useState(0)
  const [to, setTo] = useState(0)
  const [other, setOther] = useState('')
  const [shown, setShown] = useState<{ title: string; diff: Mds2Diff } | null>(null)
  const [message, setMessage] = useState('')

  useEffect(() => {
    if (!revisions || revisions.length === 0) return
    const newest = revisions[0]?.revision ?? 1
    setTo(newest)
    setFrom(revisions[1]?.revision ?? newest)
  }, [revisions])

  const compareRevisions = async () => {
    setMessage('')
    try {
      const diff = await api<RevisionDiff>('GET', `${base}/diff?from=${from}&to=${to}`)
      setShown({ title: `Revision ${diff.from} → revision ${diff.to}`, diff })
    } catch (e) {
      setMessage(messageOf(e))
    }
  }
  const compareVersions = async () => {
    if (!other) return
    setMessage('')
    try {
      const diff = await api<VersionDiff>('GET', `/api/orgs/${org.id}/mds2/diff/${other}/${versionId}`)
      setShown({ title: `${diff.before.productName} ${diff.before.version} (r${diff.before.revision}) → ${diff.after.productName} ${diff.after.version} (r${diff.after.revision})`, diff })
    } catch (e) {
      setMessage(messageOf(e))
    }
  }

  if (error) return <p className="error">{error}</p>
  const title = current ? `${current.productVersion.productName} ${current.productVersion.version}` : ''
  const others = (versions ?? []).filter((v) => v.id !== versionId && v.documentId)
  return (
    <section>
      <h1>Revisions of the MDS2 of {title}</h1>
      <p className="mds2-toolbar">
        <button type="button" onClick={() => navigate(`/mds2/edit/${versionId}`)}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={() => navigate(`/mds2/view/${versionId}`)}>
          View
        </button>
      </p>
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {revisions && revisions.length === 0 && <p className="card muted">No revision saved yet.</p>}
      {revisions && revisions.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Note</th>
                <th scope="col">Complete</th>
                <th scope="col">Saved by</th>
                <th scope="col">Saved</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.revision}>
                  <td>{r.revision}</td>
                  <td>{r.note ?? '—'}</td>
                  <td>{r.completenessPercent}%</td>
                  <td>{r.createdByLabel}</td>
                  <td>{when(r.createdAt)}</td>
                  <td>
                    <ExportLinks base={`${base}/export`} revision={r.revision} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="card mds2-toolbar">
            <label>
              From revision
              <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                {revisions.map((r) => (
                  <option key={r.revision} value={r.revision}>
                    {r.revision}
                  </option>
                ))}
              </select>
            </label>
            <label>
              To revision
              <select value={to} onChange={(e) => setTo(Number(e.target.value))}>
                {revisions.map((r) => (
                  <option key={r.revision} value={r.revision}>
                    {r.revision}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={compareRevisions}>
              Compare revisions
            </button>
            <span className="spacer" />
            {others.length > 0 && (
              <>
                <label>
                  Another version
                  <select value={other} onChange={(e) => setOther(e.target.value)}>
                    <option value="">choose…</option>
                    {others.map((v) => (
                      <option key={v.id} value={v.id}>
                        {v.productName} {v.version}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="button" className="secondary" onClick={compareVersions} disabled={!other}>
                  Compare with this version
                </button>
              </>
            )}
          </div>
        </>
      )}
      {shown && <DiffTable title={shown.title} diff={shown.diff} />}
    </section>
  )
}

/** The changes between two MDS2, one row each, with the question text. */
export function DiffTable({ title, diff }: { title: string; diff: Mds2Diff }) {
  return (
    <div className="card">
      <h2>{title}</h2>
      {diff.identical ? (
        <p className="muted">No differences.</p>
      ) : (
        <>
          <p className="muted">
            {diff.counts.answer} answer{diff.counts.answer === 1 ? '' : 's'}, {diff.counts.note} note{diff.counts.note === 1 ? '' : 's'} and {diff.counts.header} header field
            {diff.counts.header === 1 ? '' : 's'} changed.
          </p>
          <table aria-label="Changes">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Question</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {diff.changes.map((c, i) => (
                <tr key={i}>
                  <td>
                    <code>{c.kind === 'header' ? c.field : c.questionId}</code>
                    {c.kind === 'note' ? ' (note)' : ''}
                  </td>
                  <td>{c.kind === 'header' ? 'Header' : questionById.get(c.questionId)?.text}</td>
                  <td>{before(c)}</td>
                  <td>{after(c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}

function before(c: Mds2Change) {
  return c.kind === 'answer' ? <AnswerBadge answer={c.before} /> : <span className="diff-before">{c.before || '—'}</span>
}

function after(c: Mds2Change) {
  return c.kind === 'answer' ? <AnswerBadge answer={c.after} /> : <span className="diff-after">{c.after || '—'}</span>
}
