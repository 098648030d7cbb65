import { useState } from 'react'
import type { MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import { NextClock, When, type Clock } from './common.js'
import { ProgrammeSettings } from './ProgrammeSettings.js'

interface CaseSummary {
  readonly id: string
  readonly reference: string
  readonly title: string
  readonly stateLabel: string
  readonly receivedAt: string
  readonly cvss: { readonly score: number; readonly severity: string } | null
  readonly fdaRisk: string | null
  readonly clocks: readonly Clock[]
}

interface Stats {
  readonly count: number
  readonly median: number | null
  readonly mean: number | null
  readonly max: number | null
}

interface Dashboard {
  readonly today: string
  readonly metrics: {
    readonly cases: number
    readonly open: number
    readonly timeToAcknowledgeBusinessDays: Stats
    readonly timeToFixDays: Stats
    readonly timeToDiscloseDays: Stats
    readonly breachedNow: number
    readonly missed: number
    readonly dueSoon: number
  }
  readonly attention: readonly { caseId: string; reference: string; title: string; clock: Clock }[]
}

interface SharedCase {
  readonly id: string
  readonly reference: string
  readonly title: string
  readonly manufacturerName: string
  readonly role: string
  readonly stateLabel: string
  readonly receivedAt: string
}

const median = (s: Stats, unit: string) => (s.median === null ? '—' : `${s.median} ${unit}`)

/** The programme dashboard, the cases and (for admins) the programme settings; shared cases for everyone. */
export function DisclosureHome({ org }: { org: MyOrganization }) {
  const manufacturer = org.kind === 'manufacturer'
  const [tab, setTab] = useState<'cases' | 'programme'>('cases')
  const dashboard = useApi<Dashboard>(manufacturer ? `/api/orgs/${org.id}/disclosure/dashboard` : null)
  const cases = useApi<CaseSummary[]>(manufacturer ? `/api/orgs/${org.id}/disclosure/cases` : null)
  const shared = useApi<SharedCase[]>(`/api/orgs/${org.id}/disclosure/shared`)
  const open = (path: string) => (e: React.MouseEvent) => (e.preventDefault(), navigate(path))

  return (
    <section>
      <h1>Disclosure</h1>
      {manufacturer && (
        <>
          <p className="muted">
            Coordinated vulnerability disclosure (ISO/IEC 29147 and 30111). Public report form:{' '}
            <a href={`/report/${org.slug}`}>{`${window.location.origin}/report/${org.slug}`}</a>; security.txt:{' '}
            <a href={`/orgs/${org.slug}/security.txt`}>{`/orgs/${org.slug}/security.txt`}</a>
          </p>
          <div className="cvd-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'cases'} onClick={() => setTab('cases')}>
              Cases
            </button>
            <button type="button" role="tab" aria-selected={tab === 'programme'} onClick={() => setTab('programme')}>
              Programme & security.txt
            </button>
          </div>
        </>
      )}
      {manufacturer && tab === 'programme' && <ProgrammeSettings org={org} />}
      {manufacturer && tab === 'cases' && (
        <>
          {dashboard.error && <p className="error">{dashboard.error}</p>}
          {dashboard.data && (
            <div className="stats" aria-label="Programme metrics">
              <Stat value={`${dashboard.data.metrics.open} / ${dashboard.data.metrics.cases}`} label="open / all cases" />
              <Stat value={median(dashboard.data.metrics.timeToAcknowledgeBusinessDays, 'bd')} label="median time to acknowledge" />
              <Stat value={median(dashboard.data.metrics.timeToFixDays, 'd')} label="median time to fix" />
              <Stat value={median(dashboard.data.metrics.timeToDiscloseDays, 'd')} label="median time to disclose" />
              <Stat value={String(dashboard.data.metrics.breachedNow + dashboard.data.metrics.missed)} label="clock breaches (open + missed)" />
              <Stat value={String(dashboard.data.metrics.dueSoon)} label="due soon" />
            </div>
          )}
          {dashboard.data && dashboard.data.attention.length > 0 && (
            <div className="card" role="region" aria-label="Needs attention">
              <h2>Needs attention</h2>
              <ul>
                {dashboard.data.attention.map((a) => (
                  <li key={`${a.caseId}-${a.clock.id}`}>
                    <a href={`/disclosure/cases/${a.caseId}`} onClick={open(`/disclosure/cases/${a.caseId}`)}>
                      {a.reference}
                    </a>{' '}
                    {a.clock.label}: <span className={`clock clock-${a.clock.status}`}>{a.clock.status === 'breached' ? 'breached' : 'due soon'}</span> (due {a.clock.dueOn})
                  </li>
                ))}
              </ul>
            </div>
          )}
          {cases.error && <p className="error">{cases.error}</p>}
          {cases.data && cases.data.length === 0 && <p className="card muted">No reports yet. Share your report form link with researchers.</p>}
          {cases.data && cases.data.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Severity</th>
                  <th scope="col">FDA</th>
                  <th scope="col">Next clock</th>
                  <th scope="col">Received</th>
                </tr>
              </thead>
              <tbody>
                {cases.data.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <a href={`/disclosure/cases/${c.id}`} onClick={open(`/disclosure/cases/${c.id}`)}>
                        {c.reference}
                      </a>
                    </td>
                    <td>{c.title}</td>
                    <td>{c.stateLabel}</td>
                    <td>{c.cvss ? `${c.cvss.score} ${c.cvss.severity}` : '—'}</td>
                    <td>{c.fdaRisk ?? '—'}</td>
                    <td>
                      <NextClock clocks={c.clocks} />
                    </td>
                    <td>
                      <When at={c.receivedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      <h2>Cases shared with {org.name}</h2>
      {shared.data && shared.data.length === 0 && <p className="muted">No organization has invited you to a case.</p>}
      {shared.data && shared.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Title</th>
              <th scope="col">Manufacturer</th>
              <th scope="col">Your role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {shared.data.map((c) => (
              <tr key={c.id}>
                <td>
                  <a href={`/disclosure/shared/${c.id}`} onClick={open(`/disclosure/shared/${c.id}`)}>
                    {c.reference}
                  </a>
                </td>
                <td>{c.title}</td>
                <td>{c.manufacturerName}</td>
                <td>{c.role.replace('_', ' ')}</td>
                <td>{c.stateLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <div className="card stat">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  )
}
