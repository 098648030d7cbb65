import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import { TlpBadge } from '../components/TlpBadge.js'
import { ExportLinks } from '../components/mds2/ExportLinks.js'
import { Mds2Comparison } from '../components/mds2/Mds2Comparison.js'
import { Mds2Documents } from '../components/mds2/Mds2Documents.js'
import { Mds2Editor } from '../components/mds2/Mds2Editor.js'
import { Mds2History } from '../components/mds2/Mds2History.js'
import { Mds2UploadViewer, Mds2Uploads } from '../components/mds2/Mds2Uploads.js'
import { Mds2Viewer } from '../components/mds2/Mds2Viewer.js'
import { ProfileEditor } from '../components/mds2/ProfileEditor.js'
import { when } from '../components/mds2/parts.js'
import type { DocumentView } from '../components/mds2/types.js'
import '../components/mds2/mds2.css'

interface Tab {
  readonly path: string
  readonly label: string
}

/**
 * MDS2 (ANSI/NEMA HN 1-2019). Manufacturers author a document per product version (editor, viewer, revisions and
 * diff); every organization can upload vendors' files, keep a requirement profile and compare vendors against it.
 */
export function Mds2Page({ org, path }: { org: MyOrganization; path: string }) {
  const [head = '', id = ''] = path.replace(/^\/mds2\/?/, '').split('/')
  const tabs: Tab[] = [
    ...(org.kind === 'manufacturer' ? [{ path: '/mds2/documents', label: 'Our MDS2' }] : []),
    { path: '/mds2/uploads', label: 'Vendor MDS2 files' },
    { path: '/mds2/compare', label: 'Procurement comparison' },
    { path: '/mds2/profile', label: 'Requirement profile' },
  ]
  const active = head === '' ? (tabs[0]?.path ?? '') : ['edit', 'view', 'history'].includes(head) ? '/mds2/documents' : `/mds2/${head}`
  return (
    <section key={org.id}>
      {!['edit', 'view', 'history'].includes(head) && !(head === 'uploads' && id) && <h1>MDS2</h1>}
      <ul className="mds2-tabs" role="list" aria-label="MDS2 views">
        {tabs.map((tab) => (
          <li key={tab.path}>
            <a href={tab.path} aria-current={tab.path === active ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(tab.path))}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
      <Mds2View org={org} view={head === '' ? active.replace('/mds2/', '') : head} id={id} />
    </section>
  )
}

function Mds2View({ org, view, id }: { org: MyOrganization; view: string; id: string }) {
  switch (view) {
    case 'documents':
      return <Mds2Documents org={org} />
    case 'edit':
      return <Mds2Editor key={id} org={org} versionId={id} />
    case 'view':
      return <DocumentViewer key={id} org={org} versionId={id} />
    case 'history':
      return <Mds2History key={id} org={org} versionId={id} />
    case 'uploads':
      return id ? <Mds2UploadViewer key={id} org={org} uploadId={id} /> : <Mds2Uploads org={org} />
    case 'compare':
      return <Mds2Comparison org={org} />
    case 'profile':
      return <ProfileEditor org={org} />
    default:
      return <p className="card muted">There is no MDS2 view named {view}.</p>
  }
}

function DocumentViewer({ org, versionId }: { org: MyOrganization; versionId: string }) {
  const base = `/api/orgs/${org.id}/mds2/versions/${versionId}`
  const { data, error } = useApi<DocumentView>(base)
  if (error) return <p className="error">{error}</p>
  if (!data) return <p>Loading…</p>
  return (
    <section>
      <h1>
        MDS2 of {data.productVersion.productName} {data.productVersion.version}
      </h1>
      <p className="muted mds2-toolbar">
        <span>
          {data.revision === null ? 'Not saved yet.' : `Revision ${data.revision}, saved ${when(data.savedAt)} by ${data.savedBy ?? '—'}.`} {data.completeness.percent}% complete ·{' '}
          <TlpBadge label={data.tlp} />
        </span>
        <button type="button" onClick={() => navigate(`/mds2/edit/${versionId}`)}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={() => navigate(`/mds2/history/${versionId}`)}>
          Revisions &amp; diff
        </button>
        {data.revision !== null && <ExportLinks base={`${base}/export`} />}
      </p>
      <Mds2Viewer document={data.document} issues={data.issues} completeness={data.completeness} />
    </section>
  )
}
