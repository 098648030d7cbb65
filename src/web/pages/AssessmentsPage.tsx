import { useState } from 'react'
import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { NewAssessmentForm } from '../components/NewAssessmentForm.js'
import { RiskBadge, SeverityBadge } from '../components/SeverityBadge.js'
import { stateLabels, type Assessment } from '../scoring.js'

/** The organization's vulnerability assessments with their FDA postmarket state, and a form for a new one. */
export function AssessmentsPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Assessment[]>(`/api/orgs/${org.id}/assessments`)
  const [vector] = useState(() => new URLSearchParams(window.location.search).get('vector') ?? '')
  const [adding, setAdding] = useState(vector !== '')
  const canWrite = org.role !== 'viewer'
  return (
    <div>
      <div className="page-head">
        <h1>Assessments</h1>
        {canWrite && !adding && (
          <button type="button" onClick={() => setAdding(true)}>
            New assessment
          </button>
        )}
      </div>
      {adding && (
        <section className="card">
          <h2>New assessment</h2>
          <NewAssessmentForm org={org} initialVector={vector} />
        </section>
      )}
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="card muted">No assessments yet. Score a vector in the calculator or answer the rubric, then save it here.</p>}
      {data && data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Vulnerability</th>
              <th scope="col">Product</th>
              <th scope="col">CVSS</th>
              <th scope="col">Case</th>
              <th scope="col">FDA risk</th>
              <th scope="col">First required due date</th>
            </tr>
          </thead>
          <tbody>
            {data.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`/risk/assessments/${a.id}`} onClick={(e) => (e.preventDefault(), navigate(`/risk/assessments/${a.id}`))}>
                    {a.vulnerabilityId}
                  </a>
                  {a.title && <div className="muted">{a.title}</div>}
                </td>
                <td>{a.product ? `${a.product.name}${a.version ? ` ${a.version.version}` : ''}` : '—'}</td>
                <td>
                  {a.cvss ? (
                    <>
                      {a.cvss.score.toFixed(1)} <SeverityBadge severity={a.cvss.severity} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{stateLabels[a.case.state]}</td>
                <td>{a.risk ? <RiskBadge risk={a.risk} /> : <span className="muted">not determined</span>}</td>
                <td className="nowrap">{a.nextDueDate ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

