import { useEffect, useMemo, useState } from 'react'
import { answerValues, headerFieldById, questionsBySection, sectionByCode } from '../../../domain/mds2/catalogue.js'
import type { AnswerValue } from '../../../domain/mds2/catalogue.js'
import { completeness } from '../../../domain/mds2/completeness.js'
import { withAnswer } from '../../../domain/mds2/document.js'
import type { Mds2Document } from '../../../domain/mds2/document.js'
import { applyCascade, validate } from '../../../domain/mds2/rules.js'
import { TLP_LABELS, type TlpLabel } from '../../../domain/tlp/tlp.js'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import { messageOf } from './download.js'
import { IssueList, ProgressBar, SectionNav, when } from './parts.js'
import { ExportLinks } from './ExportLinks.js'
import type { DocumentView } from './types.js'

/**
 * The manufacturer's MDS2 editor for one product version: section navigation with progress, Yes/No/N/A/See Notes
 * with a note per question, the N/A cascade applied as answers change, live consistency issues, and save as a new
 * revision.
 */
export function Mds2Editor({ org, versionId }: { org: MyOrganization; versionId: string }) {
  const { data, error } = useApi<DocumentView>(`/api/orgs/${org.id}/mds2/versions/${versionId}`)
  const [doc, setDoc] = useState<Mds2Document | null>(null)
  const [saved, setSaved] = useState<DocumentView | null>(null)
  const [section, setSection] = useState('DOC')
  const [cascadeNotice, setCascadeNotice] = useState('')
  const [note, setNote] = useState('')
  const [tlp, setTlp] = useState<TlpLabel>('AMBER')
  const [dirty, setDirty] = useState(false)
  const [saving, setSaving] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | null>(null)

  useEffect(() => {
    if (!data) return
    setDoc(data.document)
    setSaved(data)
    setTlp(data.tlp)
    setDirty(false)
  }, [data])

  const issues = useMemo(() => (doc ? validate(doc) : []), [doc])
  const progress = useMemo(() => (doc ? completeness(doc) : undefined), [doc])

  if (error) return <p className="error">{error}</p>
  if (!doc || !saved || !progress) return <p>Loading…</p>

  const change = (next: Mds2Document) => {
    setDoc(next)
    setDirty(true)
    setMessage(null)
  }
  const answer = (id: string, value: AnswerValue | null) => {
    const outcome = applyCascade(withAnswer(doc, id, { answer: value, note: doc.answers[id]?.note ?? '' }))
    change(outcome.document)
    const ids = [...new Set(outcome.changed.map((c) => c.questionId))]
    setCascadeNotice(ids.length === 0 ? '' : `${id} is ${value}: ${ids.length} dependent answer${ids.length === 1 ? '' : 's'} set to N/A (${ids.join(', ')}).`)
  }
  const setNoteOf = (id: string, text: string) => change(withAnswer(doc, id, { answer: doc.answers[id]?.answer ?? null, note: text }))
  const setHeader = (key: keyof Mds2Document['header'], value: string) => change({ ...doc, header: { ...doc.header, [key]: value } })

  const save = async () => {
    setSaving(true)
    setMessage(null)
    try {
      const view = await api<DocumentView>('PUT', `/api/orgs/${org.id}/mds2/versions/${versionId}`, {
        document: doc,
        tlp,
        baseRevision: saved.revision ?? 0,
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      setSaved(view)
      setDoc(view.document)
      setDirty(false)
      setNote('')
      const errors = view.issues.filter((i) => i.severity === 'error').length
      setMessage({ kind: 'notice', text: `Saved as revision ${view.revision}${errors ? ` (${errors} consistency error${errors === 1 ? '' : 's'} remain)` : ''}.` })
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof ApiError && e.code === 'conflict' ? `${e.message}` : messageOf(e) })
    } finally {
      setSaving(false)
    }
  }

  const { productName, version } = saved.productVersion
  const entries = questionsBySection.get(section) ?? []
  const sectionInfo = sectionByCode.get(section)
  const issuesById = new Map<string, typeof issues>()
  for (const issue of issues) if (issue.questionId) issuesById.set(issue.questionId, [...(issuesById.get(issue.questionId) ?? []), issue])

  return (
    <section>
      <h1>
        MDS2 of {productName} {version}
      </h1>
      <p className="muted">
        {saved.revision === null ? 'Not saved yet.' : `Revision ${saved.revision}, saved ${when(saved.savedAt)} by ${saved.savedBy ?? '—'}.`} {progress.percent}% complete
        {dirty ? ' · unsaved changes' : ''}
      </p>
      <ProgressBar value={progress.percent} max={100} label="Completeness" wide />
      <div className="card mds2-toolbar">
        <label>
          Revision note
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="what changed" />
        </label>
        <label>
          TLP
          <select value={tlp} onChange={(e) => (setTlp(e.target.value as TlpLabel), setDirty(true))}>
            {TLP_LABELS.map((label) => (
              <option key={label}>{label}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={save} disabled={saving || org.role === 'viewer'}>
          {saving ? 'Saving…' : 'Save revision'}
        </button>
        <span className="spacer" />
        {saved.revision !== null && (
          <>
            <button type="button" className="secondary" onClick={() => navigate(`/mds2/history/${versionId}`)}>
              Revisions &amp; diff
            </button>
            <ExportLinks base={`/api/orgs/${org.id}/mds2/versions/${versionId}/export`} />
          </>
        )}
      </div>
      {message && (
        <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div className="mds2-editor">
        <SectionNav completeness={progress} issues={issues} current={section} onChoose={setSection} />
        <div>
          <div className="card">
            <h2>
              {section} · {sectionInfo?.title}
            </h2>
            {sectionInfo?.description && <p className="muted">{sectionInfo.description}</p>}
            {cascadeNotice && (
              <p className="notice" role="status">
                {cascadeNotice}
              </p>
            )}
            {entries.map((q) => {
              const field = headerFieldById.get(q.id)
              const own = issuesById.get(q.id) ?? []
              if (field) {
                return (
                  <div key={q.id} className="mds2-question" data-level={q.level}>
                    <span className="qid">{q.id}</span>
                    <label>
                      <span className="qtext">{q.text}</span>
                      <input type={q.answerType === 'date' ? 'date' : 'text'} value={doc.header[field]} onChange={(e) => setHeader(field, e.target.value)} />
                    </label>
                    {own.map((i) => (
                      <span key={i.code} className={`issue ${i.severity}`}>
                        {i.message}
                      </span>
                    ))}
                  </div>
                )
              }
              const current = doc.answers[q.id]
              return (
                <div key={q.id} className="mds2-question" data-level={q.level}>
                  <span className="qid" id={`q-${q.id}`}>
                    {q.id}
                  </span>
                  <div>
                    <p className="qtext">{q.text}</p>
                    <fieldset className="answers" aria-labelledby={`q-${q.id}`}>
                      {answerValues.map((value) => (
                        <label key={value}>
                          <input type="radio" name={`answer-${q.id}`} value={value} checked={current?.answer === value} onChange={() => answer(q.id, value)} />
                          {value}
                        </label>
                      ))}
                      {current?.answer != null && (
                        <button type="button" className="linkish" onClick={() => answer(q.id, null)} aria-label={`Clear the answer to ${q.id}`}>
                          clear
                        </button>
                      )}
                    </fieldset>
                    <textarea aria-label={`Note for ${q.id}`} value={current?.note ?? ''} onChange={(e) => setNoteOf(q.id, e.target.value)} placeholder="Note" rows={1} />
                  </div>
                  {own.map((i) => (
                    <span key={i.code} className={`issue ${i.severity}`}>
                      {i.message}
                    </span>
                  ))}
                </div>
              )
            })}
          </div>
          <div className="card">
            <h2>Consistency</h2>
            <IssueList issues={issues} onJump={setSection} />
          </div>
        </div>
      </div>
    </section>
  )
}
