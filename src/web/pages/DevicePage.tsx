import { useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { gapLabel, supportLabel, type Device } from '../components/fleet.js'
import { DeviceRiskSection } from '../components/fleet-risk/DeviceRiskSection.js'
import { DeviceVulnerabilitiesSection } from '../components/affected/DeviceVulnerabilitiesSection.js'
import { DEVICE_FIELDS, type DeviceFieldKey } from '../../domain/inventory/fields.js'
import type { LinkCandidate } from '../../domain/inventory/linking.js'
import type { SupportGap, SupportStatus } from '../../domain/lifecycle/support-life.js'

interface DeviceDetail {
  device: Device
  linkedProduct: { productVersionId: string; manufacturer: string; productName: string; version: string; securityEndOfSupport: string | null } | null
  support: SupportStatus
  gap: SupportGap
}

function valueOf(device: Device, key: DeviceFieldKey): string {
  const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) as keyof Device
  const value = device[column]
  return value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)
}

/** One device: its fields (editable by analysts and admins), its product link with candidates to confirm, and its support position. */
export function DevicePage({ org, deviceId }: { org: MyOrganization; deviceId: string }) {
  const detail = useApi<DeviceDetail>(`/api/orgs/${org.id}/devices/${deviceId}`)
  const candidates = useApi<LinkCandidate[]>(`/api/orgs/${org.id}/devices/${deviceId}/link-candidates`)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')
  const canEdit = org.role !== 'viewer'

  const reload = () => {
    detail.reload()
    candidates.reload()
  }
  const act = async (work: () => Promise<string>) => {
    setError('')
    setNotice('')
    try {
      setNotice(await work())
      reload()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }

  if (detail.error) return <p className="error">{detail.error}</p>
  if (!detail.data) return <p className="muted">Loading…</p>
  const { device, linkedProduct, support, gap } = detail.data

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const changes: Record<string, string | null> = {}
    for (const field of DEVICE_FIELDS) {
      const next = String(form.get(field.key) ?? '').trim()
      if (next !== valueOf(device, field.key)) changes[field.key] = next === '' ? null : next
    }
    if (Object.keys(changes).length === 0) return setNotice('Nothing changed.')
    void act(async () => {
      await api('PATCH', `/api/orgs/${org.id}/devices/${device.id}`, changes)
      return `Saved ${Object.keys(changes).length} field(s).`
    })
  }

  return (
    <section>
      <p>
        <a href="/fleet" onClick={(e) => (e.preventDefault(), navigate('/fleet'))}>
          ← Fleet
        </a>
      </p>
      <h1>
        {device.asset_tag} <span className="muted">{[device.manufacturer, device.model, device.software_version].filter(Boolean).join(' · ')}</span>
      </h1>
      {error && <p className="error" role="alert">{error}</p>}
      {notice && <p className="notice" role="status">{notice}</p>}

      <div className="card">
        <h2>Manufacturer product and security support</h2>
        {linkedProduct ? (
          <p>
            Linked to <strong>{linkedProduct.manufacturer} {linkedProduct.productName} {linkedProduct.version}</strong> ({device.link_source === 'reused' ? 'reused from a confirmed identical device' : 'confirmed'}
            {device.link_confidence !== null ? `, confidence ${Math.round(device.link_confidence * 100)}%` : ''}).{' '}
            Security end of support: <strong>{linkedProduct.securityEndOfSupport ?? 'not declared'}</strong> — {supportLabel(support)}. Clinical end of life: <strong>{device.clinical_end_of_life ?? 'not set'}</strong> — {gapLabel(gap)}.
            {canEdit && (
              <>
                {' '}
                <button type="button" className="secondary" onClick={() => void act(async () => (await api('DELETE', `/api/orgs/${org.id}/devices/${device.id}/link`), 'Link removed.'))}>
                  Remove link
                </button>
              </>
            )}
          </p>
        ) : (
          <p className="muted">Not linked to a manufacturer's product version yet. Candidates (TLP:CLEAR and TLP:GREEN products of manufacturers):</p>
        )}
        {!linkedProduct && candidates.data && candidates.data.length === 0 && <p className="muted">No product version resembles this device.</p>}
        {!linkedProduct && candidates.data && candidates.data.length > 0 && (
          <table aria-label="Link candidates">
            <thead>
              <tr>
                <th scope="col">Product version</th>
                <th scope="col">Confidence</th>
                <th scope="col">Why</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {candidates.data.map((c) => (
                <tr key={c.productVersionId}>
                  <td>
                    {c.manufacturer} {c.productName} {c.version}
                  </td>
                  <td>
                    {Math.round(c.confidence * 100)}% ({c.level})
                  </td>
                  <td className="details">{c.reasons.map((r) => r.text).join('; ')}</td>
                  <td>
                    {canEdit && (
                      <button
                        type="button"
                        onClick={() =>
                          void act(async () => {
                            const result = await api<{ reusedFor: string[] }>('PUT', `/api/orgs/${org.id}/devices/${device.id}/link`, { productVersionId: c.productVersionId })
                            return `Linked${result.reusedFor.length > 0 ? `; also linked identical devices ${result.reusedFor.join(', ')}` : ''}.`
                          })
                        }
                      >
                        Confirm
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      <DeviceVulnerabilitiesSection org={org} deviceId={device.id} />

      <DeviceRiskSection org={org} deviceId={device.id} />

      <form className="card form-grid" onSubmit={save} key={JSON.stringify(device)}>
        <h2>Inventory fields</h2>
        {DEVICE_FIELDS.map((field) => (
          <label key={field.key}>
            {field.label}
            <input name={field.key} defaultValue={valueOf(device, field.key)} readOnly={!canEdit} placeholder={field.key.endsWith('Date') || field.key === 'clinicalEndOfLife' ? 'YYYY-MM-DD' : undefined} />
          </label>
        ))}
        {canEdit && (
          <div>
            <button type="submit">Save</button>
          </div>
        )}
      </form>
    </section>
  )
}
