import { useState } from 'react'
import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import { Mds2Viewer } from '../components/mds2/Mds2Viewer.js'
import type { DocumentView } from '../components/mds2/types.js'
import '../components/mds2/mds2.css'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { TLP_RULES } from '../../domain/sharing/marking.js'

interface SharedProduct {
  id: string
  manufacturer: { id: string; name: string }
  name: string
  modelNumber: string | null
  udiDi: string | null
  tlp: TlpLabel
  versions: { id: string; version: string; tlp: TlpLabel }[]
}

interface Shared {
  manufacturer: { id: string; name: string }
  product: { id: string; name: string }
  version: { id: string; version: string }
  tlp: TlpLabel
}

interface SharedSbom extends Shared {
  revision: { revision: number; filename: string; format: string; specVersion: string; components: number; sha256: string; uploadedAt: string }
  quality: { score: number; components: number; ntia: { componentsComplete: number }; fda: { supportLevel: number; endOfSupport: number }; documentGaps: string[] }
}

interface ComponentPage {
  total: number
  components: { id: string; name: string; group: string | null; version: string | null; type: string; supplier: string | null; purl: string | null; supportLevel: string | null; endOfSupport: string | null }[]
}

interface SharedVex extends Shared {
  counts: { present: number; resolved: number; untriaged: number }
  statements: {
    vulnerability: { id: string; aliases: string[] }
    component: { name: string; version: string | null }
    status: string
    severity: { score: number; severity: string } | null
    decision: { state: string; justification: string | null; detail: string | null } | null
  }[]
}

type Tab = 'sbom' | 'mds2' | 'vex'
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'sbom', label: 'SBOM' },
  { id: 'mds2', label: 'MDS2' },
  { id: 'vex', label: 'VEX' },
]

/** "Not shared" for a 404 (the label or the relationship's scope does not let this organization see it). */
function Unavailable({ error, what }: { error: string; what: string }) {
  return <p className="card muted">{/not found|no such/i.test(error) ? `The manufacturer does not share the ${what} of this version with you.` : error}</p>
}

function SbomView({ base }: { base: string }) {
  const [query, setQuery] = useState('')
  const { data, error } = useApi<SharedSbom>(`${base}/sbom`)
  const { data: page } = useApi<ComponentPage>(data ? `${base}/sbom/components?limit=500${query ? `&q=${encodeURIComponent(query)}` : ''}` : null)
  if (error) return <Unavailable error={error} what="SBOM" />
  if (!data) return <p>Loading…</p>
  return (
    <div>
      <p className="mds2-toolbar">
        <span>
          {data.revision.filename} ({data.revision.format} {data.revision.specVersion}), revision {data.revision.revision}, {data.revision.components} components · quality score {data.quality.score}/100 ·{' '}
          {data.quality.ntia.componentsComplete}/{data.quality.components} with the NTIA minimum elements · <TlpBadge label={data.tlp} />
        </span>
        <a className="button" href={`${base}/sbom/original`} download>
          Download original
        </a>
      </p>
      {data.quality.documentGaps.length > 0 && <p className="muted">Document gaps: {data.quality.documentGaps.join(', ')}</p>}
      <label>
        Search components <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, version, purl…" />
      </label>
      <table aria-label="Components">
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">Version</th>
            <th scope="col">Type</th>
            <th scope="col">Supplier</th>
            <th scope="col">Support</th>
            <th scope="col">End of support</th>
          </tr>
        </thead>
        <tbody>
          {(page?.components ?? []).map((c) => (
            <tr key={c.id}>
              <td title={c.purl ?? undefined}>{c.group ? `${c.group}/${c.name}` : c.name}</td>
              <td>{c.version ?? '—'}</td>
              <td>{c.type}</td>
              <td>{c.supplier ?? '—'}</td>
              <td>{c.supportLevel?.replaceAll('_', ' ') ?? '—'}</td>
              <td>{c.endOfSupport ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page && page.total > page.components.length && <p className="muted">Showing {page.components.length} of {page.total}; search to narrow.</p>}
    </div>
  )
}

function Mds2View({ base }: { base: string }) {
  const { data, error } = useApi<Shared & { document: DocumentView }>(`${base}/mds2`)
  if (error) return <Unavailable error={error} what="MDS2" />
  if (!data) return <p>Loading…</p>
  return (
    <div>
      <p className="mds2-toolbar">
        <span>
          Revision {data.document.revision}, {data.document.completeness.percent}% complete · <TlpBadge label={data.tlp} />
        </span>
        <a className="button" href={`${base}/mds2/export`} download>
          Download JSON
        </a>
      </p>
      <Mds2Viewer document={data.document.document} issues={data.document.issues} completeness={data.document.completeness} />
    </div>
  )
}

function VexView({ base }: { base: string }) {
  const { data, error } = useApi<SharedVex>(`${base}/vex`)
  if (error) return <Unavailable error={error} what="VEX" />
  if (!data) return <p>Loading…</p>
  return (
    <div>
      <p className="mds2-toolbar">
        <span>
          {data.counts.present} present, {data.counts.untriaged} under investigation, {data.counts.resolved} resolved · <TlpBadge label={data.tlp} />
        </span>
        {(['openvex', 'cyclonedx', 'csaf'] as const).map((format) => (
          <a key={format} className="button secondary" href={`${base}/vex/export?format=${format}`} download>
            {format === 'openvex' ? 'OpenVEX' : format === 'cyclonedx' ? 'CycloneDX VEX' : 'CSAF VEX'}
          </a>
        ))}
      </p>
      {data.statements.length === 0 ? (
        <p className="card muted">No known vulnerability in this version.</p>
      ) : (
        <table aria-label="VEX statements">
          <thead>
            <tr>
              <th scope="col">Vulnerability</th>
              <th scope="col">Component</th>
              <th scope="col">Severity</th>
              <th scope="col">Manufacturer's status</th>
              <th scope="col">Justification / detail</th>
            </tr>
          </thead>
          <tbody>
            {data.statements.map((s) => (
              <tr key={`${s.vulnerability.id}/${s.component.name}/${s.component.version ?? ''}`}>
                <td>{s.vulnerability.id}</td>
                <td>
                  {s.component.name} {s.component.version ?? ''}
                </td>
                <td>{s.severity ? `${s.severity.score} ${s.severity.severity}` : '—'}</td>
                <td>{s.status === 'resolved' ? 'resolved' : (s.decision?.state.replaceAll('_', ' ') ?? 'under investigation')}</td>
                <td>{[s.decision?.justification?.replaceAll('_', ' '), s.decision?.detail].filter(Boolean).join(' — ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

function VersionArtifacts({ org, product, versionId }: { org: MyOrganization; product: SharedProduct; versionId: string }) {
  const [tab, setTab] = useState<Tab>('sbom')
  const version = product.versions.find((v) => v.id === versionId)
  const base = `/api/orgs/${org.id}/shared/products/${product.id}/versions/${versionId}`
  return (
    <section className="card" aria-label={`${product.name} ${version?.version ?? ''}`}>
      <h2>
        {product.manufacturer.name} {product.name} {version?.version}
      </h2>
      <ul className="mds2-tabs" role="tablist" aria-label="Shared artifacts">
        {TABS.map((t) => (
          <li key={t.id}>
            <button type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? '' : 'secondary'} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          </li>
        ))}
      </ul>
      <div role="tabpanel">
        {tab === 'sbom' && <SbomView key={base} base={base} />}
        {tab === 'mds2' && <Mds2View key={base} base={base} />}
        {tab === 'vex' && <VexView key={base} base={base} />}
      </div>
    </section>
  )
}

/**
 * The products of other organizations this one may see, with their labels and an export that carries the label;
 * for each version, the manufacturer's SBOM (components, quality, download), MDS2 and VEX, as far as it shares them.
 */
export function SharedProductsPage({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<SharedProduct[]>(`/api/orgs/${org.id}/shared/products`)
  const [open, setOpen] = useState<{ productId: string; versionId: string } | null>(null)
  const others = (data ?? []).filter((p) => p.manufacturer.id !== org.id)
  const opened = open ? others.find((p) => p.id === open.productId) : undefined
  return (
    <section>
      <h1>Shared with us</h1>
      <p className="muted">Products that manufacturers share with {org.name}: TLP:CLEAR and TLP:GREEN with everyone on the platform, AMBER and above through an approved relationship. Choose a version to see its SBOM, MDS2 and VEX.</p>
      {error && <p className="error">{error}</p>}
      {data && others.length === 0 && <p className="card muted">Nothing is shared with you yet. Ask a manufacturer for access on the Sharing page.</p>}
      {others.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Manufacturer</th>
              <th scope="col">Product</th>
              <th scope="col">Model</th>
              <th scope="col">Versions</th>
              <th scope="col">TLP</th>
              <th scope="col">Export</th>
            </tr>
          </thead>
          <tbody>
            {others.map((p) => (
              <tr key={p.id}>
                <td>{p.manufacturer.name}</td>
                <td>{p.name}</td>
                <td>{p.modelNumber ?? '—'}</td>
                <td>
                  {p.versions.length === 0 ? (
                    '—'
                  ) : (
                    <span className="button-row">
                      {p.versions.map((v) => (
                        <button
                          key={v.id}
                          type="button"
                          className={open?.versionId === v.id ? '' : 'secondary'}
                          aria-pressed={open?.versionId === v.id}
                          aria-label={`Artifacts of ${p.name} ${v.version}`}
                          onClick={() => setOpen({ productId: p.id, versionId: v.id })}
                        >
                          {v.version}
                        </button>
                      ))}
                    </span>
                  )}
                </td>
                <td title={TLP_RULES[p.tlp]}>
                  <TlpBadge label={p.tlp} />
                </td>
                <td>
                  <a href={`/api/orgs/${org.id}/shared/products/${p.id}/export`} download>
                    JSON
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {opened && open && <VersionArtifacts key={open.versionId} org={org} product={opened} versionId={open.versionId} />}
    </section>
  )
}
