import { useMemo } from 'react'
import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { cliffOption, EChart, RISK_COLOURS, type ChartOption } from '../components/fleet-risk/EChart.js'
import { LEVEL_LABELS, PATCH_LABELS, type FleetDashboard } from '../components/fleet-risk/types.js'
import { RISK_LEVELS_DESCENDING } from '../../domain/risk/device-risk.js'

/** The fleet at a glance: devices by modality, the risk distribution, the end-of-support cliff, patch status and the register. */
export function FleetDashboardPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<FleetDashboard>(`/api/orgs/${org.id}/fleet/dashboard`)
  const modalityOption = useMemo<ChartOption | null>(
    () =>
      data ? {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { bottom: 0 },
        grid: { left: 40, right: 16, top: 16, bottom: 48 },
        xAxis: { type: 'category', data: data.byModality.map((m) => m.modality) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: 'Devices', type: 'bar', data: data.byModality.map((m) => m.devices), itemStyle: { color: '#4263eb' } },
          { name: 'High or very high risk', type: 'bar', data: data.byModality.map((m) => m.highRisk), itemStyle: { color: RISK_COLOURS.high } },
        ],
      } : null,
    [data],
  )
  const riskOption = useMemo<ChartOption | null>(
    () =>
      data ? {
        tooltip: { trigger: 'item' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '70%'],
            top: -20,
            data: RISK_LEVELS_DESCENDING.filter((l) => data.riskDistribution[l] > 0).map((l) => ({ name: LEVEL_LABELS[l], value: data.riskDistribution[l], itemStyle: { color: RISK_COLOURS[l] } })),
          },
        ],
      } : null,
    [data],
  )
  const cliff = useMemo(() => data && cliffOption(data.cliff), [data])

  if (error) return <p className="error">{error}</p>
  if (!data || !modalityOption || !riskOption || !cliff) return <p className="muted">Loading…</p>
  return (
    <section>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', flexWrap: 'wrap' }}>
        <h1 style={{ marginRight: 'auto' }}>Fleet dashboard</h1>
        <button type="button" className="secondary" onClick={() => navigate('/fleet')}>
          Devices
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/risk-register')}>
          Risk register
        </button>
        <button type="button" onClick={() => navigate('/fleet/lifecycle')}>
          Lifecycle plan
        </button>
      </div>
      <div className="stats" aria-label="Fleet summary">
        <Stat value={data.devices} label="devices in use" />
        <Stat value={data.riskDistribution['very-high'] + data.riskDistribution.high} label="high or very high risk" danger />
        <Stat value={data.unsupportedInUse} label="unsupported but in clinical use" danger />
        <Stat value={data.register.open} label="open register entries" />
        <Stat value={data.register.expiring + data.register.expired} label="acceptances expiring or expired" danger />
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))', gap: '1rem' }}>
        <div className="card">
          <h2>Devices by modality</h2>
          <EChart option={modalityOption} label="Devices by modality" height={280} />
        </div>
        <div className="card">
          <h2>Risk distribution</h2>
          <EChart option={riskOption} label="Risk distribution" height={280} />
        </div>
      </div>
      <div className="card">
        <h2>Security end-of-support cliff</h2>
        <p className="muted">
          Devices in use per year their security support ends, by modality ({data.endOfSupportDerived} dates derived from SBOMs; {data.cliff.unknown} devices without a known date).
        </p>
        {data.cliff.years.length === 0 ? <p className="muted">No device has a known end of support yet: link devices to product versions.</p> : <EChart option={cliff} label="End-of-support cliff by year and modality" />}
      </div>
      <div className="card">
        <h2>Patch status</h2>
        <p>
          {Object.entries(data.patchStatus)
            .map(([k, n]) => `${PATCH_LABELS[k] ?? k}: ${n}`)
            .join(' · ')}
        </p>
      </div>
      {data.top.length > 0 && (
        <table aria-label="Highest risk devices">
          <caption style={{ textAlign: 'left', fontWeight: 600, padding: '0.5rem' }}>Highest risk devices</caption>
          <thead>
            <tr>
              <th>Asset tag</th>
              <th>Modality</th>
              <th>Device</th>
              <th>Score</th>
              <th>Level</th>
              <th>Driver</th>
            </tr>
          </thead>
          <tbody>
            {data.top.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`/fleet/devices/${d.id}`} onClick={(e) => (e.preventDefault(), navigate(`/fleet/devices/${d.id}`))}>
                    {d.assetTag}
                  </a>
                </td>
                <td>{d.modality ?? '—'}</td>
                <td>{[d.manufacturer, d.model, d.softwareVersion].filter(Boolean).join(' ')}</td>
                <td>{d.score}</td>
                <td style={{ color: RISK_COLOURS[d.level] }}>{LEVEL_LABELS[d.level]}</td>
                <td>{d.breakdown.technical.driver?.vulnerabilityId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Stat({ value, label, danger }: { value: number; label: string; danger?: boolean }) {
  return (
    <div className="card stat">
      <div className="stat-value" style={danger && value > 0 ? { color: 'var(--danger)' } : undefined}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  )
}
