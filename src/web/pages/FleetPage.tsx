import { useMemo, useState } from 'react'
import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'

interface Device {
  id: string
  asset_tag: string
  serial_number: string | null
  manufacturer: string | null
  model: string | null
  software_version: string | null
  modality: string | null
  location: string | null
  ip_address: string | null
  criticality: string | null
}

/** A hospital's imaging devices, searchable. */
export function FleetPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<Device[]>(`/api/orgs/${org.id}/devices`)
  const [query, setQuery] = useState('')
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    return (data ?? []).filter((d) => !q || Object.values(d).some((v) => typeof v === 'string' && v.toLowerCase().includes(q)))
  }, [data, query])
  return (
    <section>
      <h1>Fleet</h1>
      {error && <p className="error">{error}</p>}
      {data && data.length === 0 && <p className="card muted">No devices in this organization's inventory.</p>}
      {data && data.length > 0 && (
        <>
          <label className="search">
            Search <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="model, location, serial…" />
          </label>
          <p className="muted">
            {shown.length} of {data.length} devices
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Asset tag</th>
                <th scope="col">Modality</th>
                <th scope="col">Manufacturer</th>
                <th scope="col">Model</th>
                <th scope="col">Software</th>
                <th scope="col">Serial</th>
                <th scope="col">Location</th>
                <th scope="col">IP</th>
                <th scope="col">Criticality</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={d.id}>
                  <td>{d.asset_tag}</td>
                  <td>{d.modality}</td>
                  <td>{d.manufacturer}</td>
                  <td>{d.model}</td>
                  <td>{d.software_version}</td>
                  <td>{d.serial_number}</td>
                  <td>{d.location}</td>
                  <td>{d.ip_address}</td>
                  <td>{d.criticality}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
