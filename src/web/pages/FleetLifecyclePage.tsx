import { useMemo } from 'react'
import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { cliffOption, EChart } from '../components/fleet-risk/EChart.js'
import type { LifecyclePlan } from '../components/fleet-risk/types.js'

const money = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 2 })

/** The support-life plan: the end-of-support cliff chart, the unsupported-in-use window and the capital plan per year, with exports. */
export function FleetLifecyclePage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<LifecyclePlan>(`/api/orgs/${org.id}/fleet/lifecycle/plan`)
  const cliff = useMemo(() => data && cliffOption(data.cliff), [data])
  if (error) return <p className="error">{error}</p>
  if (!data || !cliff) return <p className="muted">Loading…</p>
  const { plan, window } = data
  const shown = plan.items.slice(0, 500)
  return (
    <section>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', flexWrap: 'wrap' }}>
        <h1 style={{ marginRight: 'auto' }}>Lifecycle plan</h1>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/dashboard')}>
          Fleet dashboard
        </button>
        <span className="muted">Export the plan:</span>
        {(['csv', 'xlsx', 'pdf'] as const).map((format) => (
          <a key={format} href={`/api/orgs/${org.id}/fleet/lifecycle/plan/export?format=${format}`} download>
            {format.toUpperCase()}
          </a>
        ))}
      </div>
      <div className="stats" aria-label="Support life">
        <div className="card stat">
          <div className="stat-value" style={window.unsupportedInUse > 0 ? { color: 'var(--danger)' } : undefined}>
            {window.unsupportedInUse}
          </div>
          <div className="stat-label">unsupported but in clinical use now</div>
        </div>
        <div className="card stat">
          <div className="stat-value">{window.withWindow}</div>
          <div className="stat-label">will run unsupported before clinical end of life</div>
        </div>
        <div className="card stat">
          <div className="stat-value">{window.endOfSupportDeclared}</div>
          <div className="stat-label">end of support declared</div>
        </div>
        <div className="card stat">
          <div className="stat-value">{window.endOfSupportDerived}</div>
          <div className="stat-label">end of support derived from the SBOM</div>
        </div>
        <div className="card stat">
          <div className="stat-value">{window.endOfSupportUnknown}</div>
          <div className="stat-label">end of support unknown</div>
        </div>
      </div>
      <div className="card">
        <h2>Security end-of-support cliff</h2>
        {data.cliff.years.length === 0 ? <p className="muted">No device has a known end of support yet.</p> : <EChart option={cliff} label="End-of-support cliff by year and modality" />}
      </div>
      <table aria-label="Capital plan by year">
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0.5rem' }}>Capital plan by year ({plan.unscheduled} devices without dates to plan by)</caption>
        <thead>
          <tr>
            <th>Year</th>
            <th>Upgrade</th>
            <th>Replace</th>
            <th>Known replacement cost</th>
            <th>Replacements without a cost</th>
          </tr>
        </thead>
        <tbody>
          {plan.years.map((y) => (
            <tr key={y.year}>
              <td>{y.year}</td>
              <td>{y.upgrade}</td>
              <td>{y.replace}</td>
              <td>{money(y.knownCost)}</td>
              <td>{y.replaceWithoutCost}</td>
            </tr>
          ))}
          <tr>
            <th>Total</th>
            <th>{plan.totals.upgrade}</th>
            <th>{plan.totals.replace}</th>
            <th>{money(plan.totals.knownCost)}</th>
            <th>{plan.totals.replaceWithoutCost}</th>
          </tr>
        </tbody>
      </table>
      <table aria-label="Planned devices">
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0.5rem' }}>
          Devices ({plan.items.length}
          {plan.items.length > shown.length ? `; the first ${shown.length} shown, the exports list all` : ''})
        </caption>
        <thead>
          <tr>
            <th>Year</th>
            <th>Action</th>
            <th>Due</th>
            <th>Asset tag</th>
            <th>Modality</th>
            <th>Device</th>
            <th>Reason</th>
            <th>Cost</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr key={i.deviceId}>
              <td>{i.year}</td>
              <td>{i.action}</td>
              <td className={i.overdue ? 'gap' : undefined}>
                {i.dueDate}
                {i.overdue ? ' (overdue)' : ''}
              </td>
              <td>
                <a href={`/fleet/devices/${i.deviceId}`} onClick={(e) => (e.preventDefault(), navigate(`/fleet/devices/${i.deviceId}`))}>
                  {i.assetTag}
                </a>
              </td>
              <td>{i.modality}</td>
              <td>{[i.manufacturer, i.model, i.softwareVersion].filter(Boolean).join(' ')}</td>
              <td style={{ fontSize: '0.85rem' }}>{i.reason}</td>
              <td>{i.cost === null ? '—' : money(i.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
