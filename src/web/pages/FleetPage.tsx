import { useMemo, useState, type CSSProperties } from 'react'
import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { supportLabel, type Device, type LifecycleSummary } from '../components/fleet.js'

const ROW_HEIGHT = 37
const VIEW_ROWS = 18
const OVERSCAN = 8

type SortKey = 'asset_tag' | 'modality' | 'manufacturer' | 'model' | 'software_version' | 'serial_number' | 'location' | 'ip_address' | 'criticality' | 'clinical_end_of_life'

// Fixed widths keep the columns still while rows scroll in and out of the rendered window.
const COLUMNS: readonly { key: SortKey; label: string; width: string }[] = [
  { key: 'asset_tag', label: 'Asset tag', width: '9rem' },
  { key: 'modality', label: 'Modality', width: '6rem' },
  { key: 'manufacturer', label: 'Manufacturer', width: '10rem' },
  { key: 'model', label: 'Model', width: '10rem' },
  { key: 'software_version', label: 'Software', width: '6rem' },
  { key: 'serial_number', label: 'Serial', width: '7.5rem' },
  { key: 'location', label: 'Location', width: '10rem' },
  { key: 'ip_address', label: 'IP', width: '8rem' },
  { key: 'criticality', label: 'Criticality', width: '6.5rem' },
  { key: 'clinical_end_of_life', label: 'Clinical EoL', width: '7.5rem' },
]

const cell: CSSProperties = { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', height: ROW_HEIGHT, paddingTop: 0, paddingBottom: 0, verticalAlign: 'middle' }

/** A hospital's imaging devices: support-life summary, filters, a sortable table that stays smooth with thousands of rows, import and export. */
export function FleetPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Device[]>(`/api/orgs/${org.id}/devices`)
  const lifecycle = useApi<LifecycleSummary>(`/api/orgs/${org.id}/fleet/lifecycle`)
  const [query, setQuery] = useState('')
  const [modality, setModality] = useState('')
  const [status, setStatus] = useState('')
  const [criticality, setCriticality] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'asset_tag', descending: false })
  const [scrollTop, setScrollTop] = useState(0)

  const modalities = useMemo(() => [...new Set((data ?? []).map((d) => d.modality).filter((m): m is string => Boolean(m)))].sort(), [data])
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    const rows = (data ?? []).filter(
      (d) =>
        (!modality || d.modality === modality) &&
        (!status || d.status === status) &&
        (!criticality || d.criticality === criticality) &&
        (!q || Object.values(d).some((v) => (typeof v === 'string' || typeof v === 'number') && String(v).toLowerCase().includes(q))),
    )
    const direction = sort.descending ? -1 : 1
    return rows.sort((a, b) => direction * String(a[sort.key] ?? '\uffff').localeCompare(String(b[sort.key] ?? '\uffff'), undefined, { numeric: true }))
  }, [data, query, modality, status, criticality, sort])

  // Only the rows in view (plus a margin) are rendered, so scrolling stays smooth with thousands of devices.
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(shown.length, first + VIEW_ROWS + 2 * OVERSCAN)
  const visible = shown.slice(first, last)

  const summary = lifecycle.data
  return (
    <section>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', flexWrap: 'wrap' }}>
        <h1 style={{ marginRight: 'auto' }}>Fleet</h1>
        <button type="button" onClick={() => navigate('/fleet/import')}>
          Import devices
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/discovery')}>
          DICOM discovery
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/affected')}>
          Affected devices
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/dashboard')}>
          Dashboard
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/lifecycle')}>
          Lifecycle plan
        </button>
        <button type="button" className="secondary" onClick={() => navigate('/fleet/risk-register')}>
          Risk register
        </button>
        {/* one group, so the links never wrap apart from their label */}
        <span className="export-links" role="group" aria-label="Export">
          <span className="muted">Export:</span>
          {(['csv', 'xlsx', 'fhir'] as const).map((format) => (
            <a key={format} href={`/api/orgs/${org.id}/devices/export?format=${format}`} download>
              {format === 'fhir' ? 'FHIR' : format.toUpperCase()}
            </a>
          ))}
        </span>
      </div>
      {error && <p className="error">{error}</p>}
      {summary && summary.devices > 0 && (
        <div className="stats" aria-label="Security support">
          <Stat value={summary.devices} label="devices in use" />
          <Stat value={summary.linked} label="linked to a product" />
          <Stat value={summary.bySupport.ended} label="support ended" tone={summary.bySupport.ended > 0 ? 'danger' : undefined} />
          <Stat value={summary.bySupport.ending_soon} label={`support ends within ${Math.round(summary.horizonDays / 30)} months`} />
          <Stat value={summary.withGap} label={`support ends before clinical life (${summary.unsupportedDeviceYears} device-years)`} />
        </div>
      )}
      {summary && summary.attention.length > 0 && (
        <details className="card">
          <summary>
            {summary.attention.length} devices need a support-life decision
          </summary>
          <ul>
            {summary.attention.slice(0, 50).map((a) => (
              <li key={a.id}>
                <a href={`/fleet/devices/${a.id}`} onClick={(e) => (e.preventDefault(), navigate(`/fleet/devices/${a.id}`))}>
                  {a.assetTag}
                </a>{' '}
                — {supportLabel(a.support)}
                {a.securityEndOfSupport ? ` (${a.securityEndOfSupport})` : ''}
                {a.gap.kind === 'gap' ? `; ${a.gap.gapYears} years unsupported before clinical end of life ${a.clinicalEndOfLife}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
      {data && data.length === 0 && <p className="card muted">No devices in this organization's inventory. Import a CSV, XLSX or FHIR file to start.</p>}
      {data && data.length > 0 && (
        <>
          <div className="inline-form" style={{ marginBottom: '0.5rem' }}>
            <label className="search">
              Search <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="model, location, serial…" />
            </label>
            <label className="search">
              Modality
              <select value={modality} onChange={(e) => setModality(e.target.value)}>
                <option value="">all</option>
                {modalities.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
            <label className="search">
              Status
              <select value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value="">all</option>
                {['planned', 'in_service', 'in_repair', 'in_storage', 'retired'].map((s) => (
                  <option key={s} value={s}>
                    {s.replace('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
            <label className="search">
              Criticality
              <select value={criticality} onChange={(e) => setCriticality(e.target.value)}>
                <option value="">all</option>
                {['low', 'medium', 'high', 'critical'].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted" aria-live="polite">
            {shown.length} of {data.length} devices
          </p>
          <div style={{ maxHeight: ROW_HEIGHT * (VIEW_ROWS + 1), overflow: 'auto', border: '1px solid var(--line)', borderRadius: 10 }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
            <table style={{ margin: 0, border: 'none', tableLayout: 'fixed', minWidth: '80rem' }} aria-rowcount={shown.length + 1}>
              <colgroup>
                {COLUMNS.map((c) => (
                  <col key={c.key} style={{ width: c.width }} />
                ))}
              </colgroup>
              <thead style={{ position: 'sticky', top: 0, zIndex: 1 }}>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'} style={{ height: ROW_HEIGHT }}>
                      <button
                        type="button"
                        className="secondary"
                        style={{ border: 'none', padding: 0, fontWeight: 600, color: 'inherit' }}
                        onClick={() => setSort((s) => ({ key: c.key, descending: s.key === c.key ? !s.descending : false }))}
                      >
                        {c.label}
                        {sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {first > 0 && <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }} />}
                {visible.map((d, i) => (
                  <tr key={d.id} aria-rowindex={first + i + 2}>
                    <td style={cell}>
                      <a href={`/fleet/devices/${d.id}`} onClick={(e) => (e.preventDefault(), navigate(`/fleet/devices/${d.id}`))}>
                        {d.asset_tag}
                      </a>
                    </td>
                    <td style={cell}>{d.modality}</td>
                    <td style={cell}>{d.manufacturer}</td>
                    <td style={cell}>{d.model}</td>
                    <td style={cell}>{d.software_version}</td>
                    <td style={cell}>{d.serial_number}</td>
                    <td style={cell}>{d.location}</td>
                    <td style={cell}>{d.ip_address}</td>
                    <td style={cell}>{d.criticality}</td>
                    <td style={cell}>{d.clinical_end_of_life}</td>
                  </tr>
                ))}
                {last < shown.length && <tr aria-hidden="true" style={{ height: (shown.length - last) * ROW_HEIGHT }} />}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

function Stat({ value, label, tone }: { value: number; label: string; tone?: 'danger' }) {
  return (
    <div className="card stat">
      <div className="stat-value" style={tone === 'danger' ? { color: 'var(--danger)' } : undefined}>
        {value}
      </div>
      <div className="stat-label">{label}</div>
    </div>
  )
}
