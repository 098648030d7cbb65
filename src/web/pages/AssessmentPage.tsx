import { useState, type FormEvent } from 'react'
import { rubricMetricRules, rubricQuestions } from '../../domain/cvss/index.js'
import {
  determineFdaRisk, exploitabilityFromCvss, exploitabilityLevels, patientHarmLevels, patientHarmMeaning,
  type ExploitabilitySource, type FdaDetermination, type PatientHarm,
} from '../../domain/risk/index.js'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { RiskBadge, ScoreSummary } from '../components/SeverityBadge.js'
import { eventLabels, stateLabels, today, type Assessment } from '../scoring.js'

const questionText = new Map(rubricQuestions.map((q) => [q.id, q.text]))
const metricName = new Map(rubricMetricRules.map((r) => [r.metric, r.name]))
const ACTION_LABELS: Readonly<Record<string, string>> = { start_remediation: 'Start remediation', close: 'Close the case', reopen: 'Reopen' }

/** One assessment: CVSS and rubric rationale, the FDA determination with obligations, the case actions and history. */
export function AssessmentPage({ org, id }: { org: MyOrganization; id: string }) {
  const { data, error, reload } = useApi<Assessment>(`/api/orgs/${org.id}/assessments/${encodeURIComponent(id)}`)
  if (error) return <p className="error">{error}</p>
  if (!data) return <p className="muted">Loading…</p>
  const a = data
  return (
    <div className="assessment">
      <p>
        <a href="/risk/assessments" onClick={(e) => (e.preventDefault(), navigate('/risk/assessments'))}>
          ← All assessments
        </a>
      </p>
      <h1>{a.vulnerabilityId}</h1>
      {a.title && <p className="lead">{a.title}</p>}
      <p className="muted">
        {a.product ? `${a.product.name}${a.version ? ` ${a.version.version}` : ''} · ` : ''}recorded by {a.createdBy} on {new Date(a.createdAt).toLocaleString()}
      </p>

      <div className="assessment-grid">
        <section className="card" aria-label="CVSS">
          <h2>CVSS</h2>
          {a.cvss ? (
            <>
              <p>
                <code className="vector">{a.cvss.vector}</code>
              </p>
              <ScoreSummary score={a.cvss} />
              <button type="button" className="secondary" onClick={() => navigate(`/risk?vector=${encodeURIComponent(a.cvss!.vector)}`)}>
                Open in the calculator
              </button>
            </>
          ) : (
            <p className="muted">No CVSS vector recorded.</p>
          )}
        </section>
        <CaseCard assessment={a} org={org} onChanged={reload} />
      </div>

      {a.case.determination && <DeterminationCard determination={a.case.determination} />}

      {a.rubric && (
        <section className="card" aria-label="Rubric rationale">
          <h2>Medical-device rubric</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Value</th>
                <th scope="col">Answers and reasons</th>
              </tr>
            </thead>
            <tbody>
              {a.rubric.rationale.map((r) => (
                <tr key={r.metric}>
                  <td>
                    {metricName.get(r.metric)} ({r.metric})
                  </td>
                  <td>{r.value ?? '—'}</td>
                  <td>
                    <ul className="steps">
                      {r.steps.map((s) => (
                        <li key={s.question}>
                          <span className="muted">{questionText.get(s.question) ?? s.question}</span> <strong>{s.answer}</strong>: {s.rationale}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="card" aria-label="History">
        <h2>History</h2>
        {a.case.history.length === 0 ? (
          <p className="muted">No transitions yet: the case is a draft until the first determination.</p>
        ) : (
          <ol className="history">
            {a.case.history.map((e, i) => (
              <li key={i}>
                <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> <strong>{eventLabels[e.kind]}</strong> ({stateLabels[e.from]} → {stateLabels[e.to]})
                {e.determination && (
                  <>
                    {' '}
                    <RiskBadge risk={e.determination.risk} /> {e.determination.exploitability} exploitability, {e.determination.harm} harm
                  </>
                )}
                {e.actor && <span className="muted"> by {e.actor}</span>}
                {e.note && <div className="note">“{e.note}”</div>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

function CaseCard({ assessment: a, org, onChanged }: { assessment: Assessment; org: MyOrganization; onChanged: () => void }) {
  const [form, setForm] = useState<'determine' | 'reopen' | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const canWrite = org.role !== 'viewer'
  // The domain refuses to close an uncontrolled case before remediation; say so instead of offering the button.
  const closeBlocked = a.case.state === 'determined' && a.case.determination?.risk !== 'controlled'

  const send = async (body: object) => {
    setBusy(true)
    setError('')
    try {
      await api('POST', `/api/orgs/${org.id}/assessments/${a.id}/transitions`, body)
      setForm(null)
      setNote('')
      onChanged()
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-label="FDA postmarket case">
      <h2>FDA postmarket case</h2>
      <p>
        State: <strong className={`state state-${a.case.state}`}>{stateLabels[a.case.state]}</strong>
        {a.risk && (
          <>
            {' '}
            · <RiskBadge risk={a.risk} />
          </>
        )}
        {a.nextDueDate && <> · first required due date {a.nextDueDate}</>}
      </p>
      {canWrite && (
        <div className="inline-form case-actions">
          {a.allowedTransitions.map((kind) =>
            kind === 'determine' ? (
              <button key={kind} type="button" onClick={() => setForm(form === 'determine' ? null : 'determine')} aria-expanded={form === 'determine'}>
                {a.case.determination ? 'Re-determine' : 'Determine'}
              </button>
            ) : kind === 'reopen' ? (
              <button key={kind} type="button" className="secondary" onClick={() => setForm(form === 'reopen' ? null : 'reopen')} aria-expanded={form === 'reopen'}>
                Reopen
              </button>
            ) : kind === 'close' && closeBlocked ? null : (
              <button key={kind} type="button" className="secondary" disabled={busy} onClick={() => send({ kind, ...(note.trim() ? { note } : {}) })}>
                {ACTION_LABELS[kind] ?? kind}
              </button>
            ),
          )}
        </div>
      )}
      {canWrite && closeBlocked && <p className="muted">An uncontrolled risk is remediated before the case is closed.</p>}
      {canWrite && form === null && a.allowedTransitions.some((k) => k === 'start_remediation' || k === 'close') && (
        <label>
          Note for the next action (optional)
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
        </label>
      )}
      {form === 'determine' && <DeterminationForm assessment={a} busy={busy} onSubmit={(determination, n) => send({ kind: 'determine', determination, ...(n ? { note: n } : {}) })} />}
      {form === 'reopen' && (
        <form className="inline-form" onSubmit={(e) => (e.preventDefault(), send({ kind: 'reopen', note }))}>
          <label>
            Why reopen?
            <input required value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </label>
          <button type="submit" disabled={busy || !note.trim()}>
            Reopen the case
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}

interface DeterminationRequest {
  exploitability?: string
  exploitabilitySource?: ExploitabilitySource
  harm: PatientHarm
  essentialPerformanceImpact: boolean
  seriousAdverseEvents: boolean
  pmaDevice: boolean
  date: string
}

function DeterminationForm({ assessment: a, busy, onSubmit }: { assessment: Assessment; busy: boolean; onSubmit: (d: DeterminationRequest, note: string) => void }) {
  const previous = a.case.determination
  const fromScore = a.cvss ? exploitabilityFromCvss(a.cvss.score) : undefined
  const [exploitability, setExploitability] = useState<string>(fromScore ? 'from-score' : (previous?.exploitability ?? 'medium'))
  const [source, setSource] = useState<ExploitabilitySource>('analyst')
  const [harm, setHarm] = useState<PatientHarm>(previous?.harm ?? 'serious')
  const [essential, setEssential] = useState(previous?.essentialPerformanceImpact ?? false)
  const [adverse, setAdverse] = useState(false)
  const [pma, setPma] = useState(false)
  const [date, setDate] = useState(today())
  const [note, setNote] = useState('')
  const derived = exploitability === 'from-score'
  const request: DeterminationRequest = {
    ...(derived ? {} : { exploitability, exploitabilitySource: source }),
    harm, essentialPerformanceImpact: essential, seriousAdverseEvents: adverse, pmaDevice: pma, date,
  }
  // The same domain function as the server, to show the outcome before it is recorded.
  const preview = determineFdaRisk({
    exploitability: derived ? fromScore! : (exploitability as 'low' | 'medium' | 'high'),
    exploitabilitySource: derived ? (a.rubric ? 'rubric' : 'cvss') : source,
    harm, essentialPerformanceImpact: essential, seriousAdverseEvents: adverse, pmaDevice: pma, date,
  })
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit(request, note.trim())
  }
  return (
    <form className="form-grid determination-form" onSubmit={submit} aria-label="FDA determination">
      <label>
        Exploitability
        <select value={exploitability} onChange={(e) => setExploitability(e.target.value)}>
          {fromScore && <option value="from-score">From the CVSS score ({a.cvss!.score.toFixed(1)} → {fromScore})</option>}
          {exploitabilityLevels.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      </label>
      {!derived && (
        <label>
          Source
          <select value={source} onChange={(e) => setSource(e.target.value as ExploitabilitySource)}>
            <option value="analyst">analyst judgement</option>
            <option value="epss">EPSS</option>
            <option value="kev">CISA KEV</option>
            <option value="cvss">CVSS</option>
            <option value="rubric">rubric</option>
          </select>
        </label>
      )}
      <label>
        Severity of patient harm
        <select value={harm} onChange={(e) => setHarm(e.target.value as PatientHarm)}>
          {patientHarmLevels.map((level) => (
            <option key={level} value={level}>
              {level}: {patientHarmMeaning[level]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Determination date
        <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={essential} onChange={(e) => setEssential(e.target.checked)} /> Can degrade essential performance
      </label>
      <label className="check">
        <input type="checkbox" checked={adverse} onChange={(e) => setAdverse(e.target.checked)} /> Serious adverse events or deaths are known
      </label>
      <label className="check">
        <input type="checkbox" checked={pma} onChange={(e) => setPma(e.target.checked)} /> PMA device (annual report)
      </label>
      <label className="wide">
        Note
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </label>
      <p className="wide">
        {preview.ok ? (
          <>
            Outcome: <RiskBadge risk={preview.value.risk} /> {preview.value.rationale}
          </>
        ) : (
          <span className="error">{preview.error.message}</span>
        )}
      </p>
      <div>
        <button type="submit" disabled={busy || !preview.ok}>
          Record the determination
        </button>
      </div>
    </form>
  )
}

function DeterminationCard({ determination: d }: { determination: FdaDetermination }) {
  return (
    <section className="card" aria-label="FDA determination">
      <h2>
        FDA determination: <RiskBadge risk={d.risk} />
      </h2>
      <p>{d.rationale}</p>
      <p className="muted">
        Determined {d.date} · exploitability {d.exploitability} (from {d.exploitabilitySource}) · harm {d.harm}
        {d.effectiveHarm !== d.harm ? ` (weighed as ${d.effectiveHarm})` : ''}
        {d.essentialPerformanceImpact ? ' · essential performance affected' : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Obligation</th>
            <th scope="col">Kind</th>
            <th scope="col">Due</th>
            <th scope="col">Reference</th>
          </tr>
        </thead>
        <tbody>
          {d.obligations.map((o) => (
            <tr key={o.id}>
              <td>
                <strong>{o.title}</strong>
                <div className="muted">{o.detail}</div>
              </td>
              <td>{o.required ? 'required' : 'recommended'}</td>
              <td className="nowrap">{o.dueDate ?? '—'}</td>
              <td className="muted">{o.reference}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Report under 21 CFR 806</h3>
      {d.report806.kind === 'required-unless' ? (
        <>
          <p>Required unless all of these hold:</p>
          <ul>
            {d.report806.conditions.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          {d.report806.kind === 'required' ? 'Required. ' : 'Not required. '}
          {d.report806.reason}
        </p>
      )}
    </section>
  )
}
