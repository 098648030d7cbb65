import { useState } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { fileToBase64 } from '../components/fleet.js'
import { DEVICE_FIELDS, type DeviceFieldKey } from '../../domain/inventory/fields.js'
import type { MappingSuggestion, RejectedRow } from '../../domain/inventory/index.js'

interface Preview {
  format: 'csv' | 'xlsx' | 'fhir'
  sha256: string
  headers: string[]
  suggestions: MappingSuggestion[]
  mapping: Record<string, DeviceFieldKey | null> | null
  mappingSource: string
  mappingHasKey: boolean
  totalRows: number
  sample: Record<string, string>[]
  created: number
  updated: number
  unchanged: number
  rejectedCount: number
  rejected: RejectedRow[]
}

interface Report {
  importId: string
  sha256: string
  created: number
  updated: number
  unchanged: number
  rejected: RejectedRow[]
  linksReused: number
}

type Step = { kind: 'upload' } | { kind: 'mapping'; file: { name: string; base64: string }; preview: Preview } | { kind: 'done'; report: Report; filename: string }

/** The import wizard: upload a file, check the column mapping against a preview, import, and read the result. */
export function FleetImportPage({ org }: { org: MyOrganization }) {
  const [step, setStep] = useState<Step>({ kind: 'upload' })
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [savedName, setSavedName] = useState('')
  const mappings = useApi<{ name: string }[]>(`/api/orgs/${org.id}/fleet/mappings`)

  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true)
    setError('')
    try {
      return await work()
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}${(e.details as { code?: string } | undefined)?.code ? ` (${(e.details as { code: string }).code})` : ''}` : String(e))
      return undefined
    } finally {
      setBusy(false)
    }
  }

  const previewWith = async (file: { name: string; base64: string }, options: { mapping?: Record<string, DeviceFieldKey | null>; mappingName?: string }) => {
    const preview = await run(() => api<Preview>('POST', `/api/orgs/${org.id}/fleet/imports/preview`, { filename: file.name, contentBase64: file.base64, ...options }))
    if (preview) setStep({ kind: 'mapping', file, preview })
  }

  const onFile = async (chosen: File | undefined) => {
    if (!chosen) return
    const base64 = await fileToBase64(chosen)
    await previewWith({ name: chosen.name, base64 }, {})
  }

  if (step.kind === 'done') {
    const { report } = step
    return (
      <section>
        <h1>Import result</h1>
        <p role="status" className="card">
          <strong>{step.filename}</strong>: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, {report.rejected.length} rejected
          {report.linksReused > 0 ? `, ${report.linksReused} linked through confirmed links` : ''}.
          <br />
          <span className="muted">
            SHA-256 of the file as received: <code>{report.sha256}</code>
          </span>
        </p>
        {report.rejected.length > 0 && <RejectedTable rows={report.rejected} />}
        <div className="inline-form">
          <button type="button" onClick={() => navigate('/fleet')}>
            Show the fleet
          </button>
          <button type="button" className="secondary" onClick={() => setStep({ kind: 'upload' })}>
            Import another file
          </button>
        </div>
      </section>
    )
  }

  if (step.kind === 'mapping') {
    const { preview, file } = step
    const mapping = preview.mapping
    const setField = (header: string, field: string) => {
      if (!mapping) return
      const next: Record<string, DeviceFieldKey | null> = { ...mapping }
      // A field goes to one column: choosing it here takes it from any other column.
      for (const h of Object.keys(next)) if (field && next[h] === field) next[h] = null
      next[header] = (field || null) as DeviceFieldKey | null
      void previewWith(file, { mapping: next })
    }
    const commit = async () => {
      const report = await run(() =>
        api<Report>('POST', `/api/orgs/${org.id}/fleet/imports`, { filename: file.name, contentBase64: file.base64, ...(mapping ? { mapping } : {}), ...(savedName.trim() ? { saveMappingAs: savedName.trim() } : {}) }),
      )
      if (report) setStep({ kind: 'done', report, filename: file.name })
    }
    return (
      <section>
        <h1>Import devices: check the mapping</h1>
        <p className="muted">
          {file.name} ({preview.format.toUpperCase()}, {preview.totalRows} rows). {preview.format === 'fhir' ? 'FHIR Device resources map by their elements.' : `Mapping: ${preview.mappingSource}.`}
        </p>
        {error && <p className="error" role="alert">{error}</p>}
        {mapping && (
          <>
            {(mappings.data?.length ?? 0) > 0 && (
              <label className="search">
                Saved mapping
                <select defaultValue="" onChange={(e) => e.target.value && void previewWith(file, { mappingName: e.target.value })}>
                  <option value="">choose…</option>
                  {mappings.data!.map((m) => (
                    <option key={m.name}>{m.name}</option>
                  ))}
                </select>
              </label>
            )}
            <div style={{ overflowX: 'auto' }}>
              <table aria-label="Column mapping and preview">
                <thead>
                  <tr>
                    <th scope="col">Column in the file</th>
                    <th scope="col">Inventory field</th>
                    {preview.sample.slice(0, 3).map((_, i) => (
                      <th key={i} scope="col">
                        Row {i + 2}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.headers.map((header) => {
                    const suggestion = preview.suggestions.find((s) => s.header === header)
                    return (
                      <tr key={header}>
                        <th scope="row">{header}</th>
                        <td>
                          <select aria-label={`Field for column ${header}`} value={mapping[header] ?? ''} onChange={(e) => setField(header, e.target.value)} disabled={busy}>
                            <option value="">(ignore)</option>
                            {DEVICE_FIELDS.map((f) => (
                              <option key={f.key} value={f.key}>
                                {f.label}
                              </option>
                            ))}
                          </select>
                          {suggestion?.field && suggestion.field === mapping[header] && <span className="muted"> suggested</span>}
                        </td>
                        {preview.sample.slice(0, 3).map((row, i) => (
                          <td key={i} style={{ maxWidth: '16rem', overflowWrap: 'anywhere' }}>
                            {row[header]}
                          </td>
                        ))}
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          </>
        )}
        {!preview.mappingHasKey && <p className="error">Map a column to the asset tag or the serial number, so that devices can be found again.</p>}
        <p className="card" role="status">
          Importing will create <strong>{preview.created}</strong>, update <strong>{preview.updated}</strong>, leave <strong>{preview.unchanged}</strong> unchanged and reject <strong>{preview.rejectedCount}</strong> rows.
        </p>
        {preview.rejected.length > 0 && <RejectedTable rows={preview.rejected} />}
        <div className="inline-form">
          {mapping && (
            <label>
              Save this mapping as (optional)
              <input value={savedName} onChange={(e) => setSavedName(e.target.value)} maxLength={100} placeholder="e.g. CMMS export" />
            </label>
          )}
          <button type="button" onClick={commit} disabled={busy || !preview.mappingHasKey}>
            Import {preview.created + preview.updated} devices
          </button>
          <button type="button" className="secondary" onClick={() => setStep({ kind: 'upload' })}>
            Back
          </button>
        </div>
      </section>
    )
  }

  return (
    <section>
      <h1>Import devices</h1>
      <div className="card">
        <p>
          Upload a CSV or XLSX export of your CMMS or asset list, or a FHIR R4 Bundle of Device resources. Columns are matched to inventory fields from their names; you check the mapping and see the
          result before anything is written. Devices are matched by asset tag, else serial number, so importing the same file twice changes nothing.
        </p>
        <label>
          Inventory file (CSV, XLSX or FHIR JSON)
          <input type="file" accept=".csv,.tsv,.txt,.xlsx,.json" onChange={(e) => void onFile(e.target.files?.[0])} disabled={busy} />
        </label>
        {busy && <p className="muted">Reading…</p>}
        {error && <p className="error" role="alert">{error}</p>}
      </div>
    </section>
  )
}

function RejectedTable({ rows }: { rows: RejectedRow[] }) {
  return (
    <table aria-label="Rejected rows">
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Column</th>
          <th scope="col">Code</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {rows.flatMap((r) =>
          r.problems.map((p, i) => (
            <tr key={`${r.row}-${i}`}>
              <td>{r.row}</td>
              <td>{p.column ?? '—'}</td>
              <td>
                <code>{p.code}</code>
              </td>
              <td>{p.message}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  )
}
