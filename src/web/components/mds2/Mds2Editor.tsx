import { useEffect, useMemo, useState } from 'react'
import { answerValues, headerFieldById, questionsBySection, sectionByCode } from '../../../domain/mds2/catalogue.js'
import type { AnswerValue } from '../../../domain/mds2/catalogue.js'
import { completeness } from '../../../domain/mds2/completeness.js'
import { withAnswer } from '../../../domain/mds2/document.js'
import type { Mds2Document } from '../../../domain/mds2/document.js'
import { validate } from '../../../domain/mds2/rules.js'
import { applyCascadeRemembering, forgetCascade, restorableGates, restoreCascade, type CascadeMemory } from '../../../domain/mds2/cascade-memory.js'
import { acceptSuggestion, suggestionCarried, type Mds2Suggestion } from '../../../domain/mds2/sbom-suggestions.js'
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
  const suggested = useApi<{ source: { revision: number; format: string; specVersion: string; components: number } | null; suggestions: Mds2Suggestion[] }>(
    `/api/orgs/${org.id}/mds2/versions/${versionId}/suggestions`,
  )
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const [doc, setDoc] = useState<Mds2Document | null>(null)
  const [saved, setSaved] = useState<DocumentView | null>(null)
  const [section, setSection] = useState('DOC')
  const [cascadeNotice, setCascadeNotice] = useState('')
  // Answers the cascade overwrote, per gate, kept in the draft so that they can be restored (until the editor closes).
  const [cascadeMemory, setCascadeMemory] = useState<CascadeMemory>({})
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
  const restorable = useMemo(() => (doc ? restorableGates(doc, cascadeMemory) : []), [doc, cascadeMemory])
  // Suggestions stay beside their question until accepted or dismissed; one the draft already carries is not shown.
  const openSuggestions = useMemo(() => {
    const open = new Map<string, Mds2Suggestion[]>()
    for (const s of suggested.data?.suggestions ?? []) {
      if (!doc || dismissed.has(`${s.questionId}:${s.note}`) || suggestionCarried(s, doc)) continue
      open.set(s.questionId, [...(open.get(s.questionId) ?? []), s])
    }
    return open
  }, [suggested.data, dismissed, doc])

  if (error) return <p className="error">{error}</p>
  if (!doc || !saved || !progress) return <p>Loading…</p>

  const change = (next: Mds2Document) => {
    setDoc(next)
    setDirty(true)
    setMessage(null)
  }
  const answer = (id: string, value: AnswerValue | null) => {
    const outcome = applyCascadeRemembering(withAnswer(doc, id, { answer: value, note: doc.answers[id]?.note ?? '' }), cascadeMemory)
    change(outcome.document)
    setCascadeMemory(outcome.memory)
    const ids = [...new Set(outcome.changed.map((c) => c.questionId))]
    setCascadeNotice(ids.length === 0 ? '' : `${id} is ${value}: ${ids.length} dependent answer${ids.length === 1 ? '' : 's'} set to N/A (${ids.join(', ')}).`)
  }
  const accept = (s: Mds2Suggestion) => {
    const outcome = applyCascadeRemembering(acceptSuggestion(doc, s), cascadeMemory)
    change(outcome.document)
    setCascadeMemory(outcome.memory)
  }
  const dismiss = (s: Mds2Suggestion) => setDismissed(new Set([...dismissed, `${s.questionId}:${s.note}`]))
  const restore = (gate: string) => {
    const outcome = restoreCascade(doc, cascadeMemory, gate)
    change(outcome.document)
    setCascadeMemory(outcome.memory)
    setCascadeNotice(`Restored ${outcome.restored.length} previous answer${outcome.restored.length === 1 ? '' : 's'} under ${gate} (${outcome.restored.join(', ')}).`)
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
            {suggested.data?.source && openSuggestions.size > 0 && (
              <p className="muted">
                The SBOM (revision {suggested.data.source.revision}, {suggested.data.source.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX'} {suggested.data.source.specVersion}, {suggested.data.source.components} components) suggests answers
                for {[...openSuggestions.keys()].join(', ')}; nothing is applied until you accept it.
              </p>
            )}
            {cascadeNotice && (
              <p className="notice" role="status">
                {cascadeNotice}
              </p>
            )}
            {restorable.map((r) => (
              <div key={r.gate} className="notice mds2-restore" role="region" aria-label={`Previous answers under ${r.gate}`}>
                {r.gate} no longer makes its dependents N/A. {r.questionIds.length} earlier answer{r.questionIds.length === 1 ? '' : 's'} ({r.questionIds.join(', ')}) can be put back.{' '}
                <button type="button" onClick={() => restore(r.gate)}>
                  Restore previous answers
                </button>{' '}
                <button type="button" className="secondary" onClick={() => setCascadeMemory(forgetCascade(cascadeMemory, r.gate))}>
                  Keep N/A
                </button>
              </div>
            ))}
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
                    {(openSuggestions.get(q.id) ?? []).map((s) => (
                      <div key={s.note} className="mds2-suggestion" role="group" aria-label={`Suggestion from the SBOM for ${q.id}`}>
                        <strong>From the SBOM:</strong> {s.answer ? <>answer <em>{s.answer}</em>, note </> : <>note </>}“{s.note}”
                        <span className="muted"> — {s.reason}</span>{' '}
                        <button type="button" onClick={() => accept(s)} disabled={org.role === 'viewer'}>
                          Accept
                        </button>{' '}
                        <button type="button" className="secondary" onClick={() => dismiss(s)}>
                          Dismiss
                        </button>
                      </div>
                    ))}
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
