import { useMemo, useState } from 'react'
import { applyRubric, rubricMetricRules, rubricQuestions, type RubricAnswer } from '../../domain/cvss/index.js'
import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { ScoreSummary } from '../components/SeverityBadge.js'
import { NewAssessmentForm } from '../components/NewAssessmentForm.js'

const questionById = new Map(rubricQuestions.map((q) => [q.id, q]))
const metricName = new Map(rubricMetricRules.map((r) => [r.metric, r.name]))

/**
 * The MITRE "Rubric for Applying CVSS to Medical Devices" as a wizard: one question at a time (only those that can
 * still change the result), the v3.1 vector with a rationale per metric, and saving it as an assessment.
 */
export function RubricWizardPage({ org }: { org: MyOrganization }) {
  const [order, setOrder] = useState<readonly { id: string; answer: RubricAnswer }[]>([])
  const answers = useMemo(() => Object.fromEntries(order.map((a) => [a.id, a.answer])), [order])
  const evaluated = useMemo(() => applyRubric(answers), [answers])
  if (!evaluated.ok) return <p className="error">{evaluated.error.message}</p>
  const result = evaluated.value
  const current = result.missing[0] === undefined ? undefined : questionById.get(result.missing[0])

  const answer = (id: string, value: RubricAnswer) => setOrder([...order, { id, answer: value }])
  // Changing an earlier answer drops it and everything after it, since later questions may no longer apply.
  const changeFrom = (id: string) => setOrder(order.slice(0, order.findIndex((a) => a.id === id)))

  return (
    <div className="rubric">
      <h1>Medical-device rubric</h1>
      <p className="muted">
        The MITRE rubric for applying CVSS v3.1 to medical devices, question by question. “Unknown” follows the more severe branch, as the rubric advises.
      </p>
      <div className="rubric-layout">
        <div>
          {current ? (
            <section className="card question" aria-labelledby="rubric-question">
              <p className="muted">
                Question {order.length + 1} · {metricName.get(current.metric)} ({current.metric}) · <code>{current.id}</code>
              </p>
              <h2 id="rubric-question">{current.text}</h2>
              <div className="inline-form">
                <button type="button" onClick={() => answer(current.id, 'yes')}>
                  Yes
                </button>
                <button type="button" onClick={() => answer(current.id, 'no')}>
                  No
                </button>
                <button type="button" className="secondary" onClick={() => answer(current.id, 'unknown')}>
                  Unknown
                </button>
                {order.length > 0 && (
                  <button type="button" className="secondary" onClick={() => setOrder(order.slice(0, -1))}>
                    Back
                  </button>
                )}
              </div>
            </section>
          ) : (
            <section className="card" aria-label="Result">
              <h2>Result</h2>
              <p>
                <code className="vector">{result.vector}</code>
              </p>
              {result.score && <ScoreSummary score={result.score} />}
              <div className="inline-form">
                <button type="button" className="secondary" onClick={() => navigate(`/risk?vector=${encodeURIComponent(result.vector ?? '')}`)}>
                  Open in the calculator
                </button>
                <button type="button" className="secondary" onClick={() => setOrder([])}>
                  Start over
                </button>
              </div>
            </section>
          )}
          {!current && org.role !== 'viewer' && (
            <section className="card">
              <h2>Save as an assessment</h2>
              <NewAssessmentForm org={org} rubricAnswers={answers} rubricVector={result.vector} />
            </section>
          )}
          {order.length > 0 && (
            <section className="card">
              <h2>Answers</h2>
              <ol className="answers">
                {order.map((a) => (
                  <li key={a.id}>
                    <span>{questionById.get(a.id)?.text}</span> <strong>{a.answer}</strong>{' '}
                    <button type="button" className="link" onClick={() => changeFrom(a.id)} aria-label={`Change the answer to ${a.id}`}>
                      change
                    </button>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
        <section className="card" aria-label="Rationale per metric">
          <h2>Rationale per metric</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Value</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.rationale.map((r) => (
                <tr key={r.metric}>
                  <td>
                    {metricName.get(r.metric)} ({r.metric})
                  </td>
                  <td>{r.value ?? '—'}</td>
                  <td>
                    {r.steps.length === 0 ? (
                      <span className="muted">not answered yet</span>
                    ) : (
                      <ul className="steps">
                        {r.steps.map((s) => (
                          <li key={s.question}>{s.rationale}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  )
}
