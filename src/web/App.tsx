import { useCallback, useEffect, useState } from 'react'
import { api, ApiError, setCsrfToken, type MyOrganization, type Session } from './api.js'
import { navigate, usePath } from './router.js'
import { LoginPage } from './pages/LoginPage.js'
import { DashboardPage } from './pages/DashboardPage.js'
import { ProductsPage } from './pages/ProductsPage.js'
import { ProductVersionPage } from './pages/ProductVersionPage.js'
import { FindingsPage } from './pages/FindingsPage.js'
import { FleetPage } from './pages/FleetPage.js'
import { FleetImportPage } from './pages/FleetImportPage.js'
import { FleetDiscoveryPage } from './pages/FleetDiscoveryPage.js'
import { DevicePage } from './pages/DevicePage.js'
import { AffectedDevicesPage } from './pages/AffectedDevicesPage.js'
import { FleetDashboardPage } from './pages/FleetDashboardPage.js'
import { FleetLifecyclePage } from './pages/FleetLifecyclePage.js'
import { FleetRiskRegisterPage } from './pages/FleetRiskRegisterPage.js'
import { UsersPage } from './pages/UsersPage.js'
import { TokensPage } from './pages/TokensPage.js'
import { AuditPage } from './pages/AuditPage.js'
import { ComingPage } from './pages/ComingPage.js'
import { DisclosureSection } from './pages/disclosure/DisclosureSection.js'
import { ReportPage } from './pages/disclosure/ReportPage.js'
import { ReporterPortalPage } from './pages/disclosure/ReporterPortalPage.js'
import { SharingPage } from './pages/SharingPage.js'
import { SharedProductsPage } from './pages/SharedProductsPage.js'
import { AccessLogPage } from './pages/AccessLogPage.js'
import { NotificationsPage } from './pages/NotificationsPage.js'
import { RegulatorPage } from './pages/RegulatorPage.js'
import { Mds2Page } from './pages/Mds2Page.js'
import { RiskPage } from './pages/RiskPage.js'
import { AdvisoriesPage } from './pages/AdvisoriesPage.js'
import { VulnerabilitiesPage } from './pages/VulnerabilitiesPage.js'

const ORG_KEY = 'medsec.org'

interface NavItem {
  readonly path: string
  readonly label: string
}

const SECTIONS: readonly NavItem[] = [
  { path: '/', label: 'Dashboard' },
  { path: '/products', label: 'Products' },
  { path: '/vulnerabilities', label: 'Vulnerabilities' },
  { path: '/risk', label: 'CVSS & risk' },
  { path: '/advisories', label: 'Advisories' },
  { path: '/fleet', label: 'Fleet' },
  { path: '/mds2', label: 'MDS2' },
  { path: '/disclosure', label: 'Disclosure' },
  { path: '/sharing', label: 'Sharing' },
  { path: '/shared', label: 'Shared with us' },
  { path: '/notifications', label: 'Notifications' },
  { path: '/regulator', label: 'Platform overview' },
]
const ADMIN: readonly NavItem[] = [
  { path: '/admin/users', label: 'Users & roles' },
  { path: '/admin/tokens', label: 'API tokens' },
  { path: '/admin/audit', label: 'Audit log' },
]

/** The application: the login page, or the shell with navigation around the current page. */
export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined)
  const [orgId, setOrgId] = useState<string>(() => localStorage.getItem(ORG_KEY) ?? '')
  const path = usePath()

  const adopt = useCallback((s: Session | null) => {
    if (s) setCsrfToken(s.csrfToken)
    setSession(s)
  }, [])

  // The public disclosure pages need no account, so they do not ask for a session (its 401 is a console error).
  const reportSlug = /^\/report\/([^/]+)$/.exec(path)
  const publicPage = reportSlug !== null || path === '/reporter-portal'

  useEffect(() => {
    if (publicPage) return
    api<Session>('GET', '/api/auth/session')
      .then(adopt)
      .catch((e: unknown) => (e instanceof ApiError && e.status === 401 ? adopt(null) : adopt(null)))
  }, [adopt, publicPage])

  if (reportSlug) return <ReportPage slug={decodeURIComponent(reportSlug[1]!)} />
  if (path === '/reporter-portal') return <ReporterPortalPage />
  if (session === undefined) return <p className="loading">Loading…</p>
  if (session === null) return <LoginPage onLoggedIn={adopt} />

  const org: MyOrganization | undefined = session.organizations.find((o) => o.id === orgId) ?? session.organizations[0]
  const chooseOrg = (id: string) => {
    localStorage.setItem(ORG_KEY, id)
    setOrgId(id)
  }
  const logout = async () => {
    await api('POST', '/api/auth/logout').catch(() => undefined)
    navigate('/')
    adopt(null)
  }

  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href="/" onClick={(e) => (e.preventDefault(), navigate('/'))}>
          medsec
        </a>
        {org && (
          <label className="org-switcher">
            <span className="visually-hidden">Organization</span>
            <select aria-label="Organization" value={org.id} onChange={(e) => chooseOrg(e.target.value)}>
              {session.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} ({kindLabel(o.kind)}, {o.role})
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="spacer" />
        <span className="user">{session.user.name}</span>
        <button type="button" className="secondary" onClick={logout}>
          Log out
        </button>
      </header>
      <nav className="sidebar" aria-label="Sections">
        <ul>
          {SECTIONS.filter((item) => item.path !== '/regulator' || org?.kind === 'regulator').map((item) => (
            <NavLink key={item.path} item={item} current={path} />
          ))}
        </ul>
        {org?.role === 'admin' && (
          <>
            <h2 className="nav-heading">Admin</h2>
            <ul>
              {ADMIN.map((item) => (
                <NavLink key={item.path} item={item} current={path} />
              ))}
            </ul>
          </>
        )}
      </nav>
      <main className="content">{org ? <Page path={path} org={org} /> : <p>You do not belong to any organization yet. Ask an admin to add you.</p>}</main>
    </div>
  )
}

function NavLink({ item, current }: { item: NavItem; current: string }) {
  const active = item.path === '/' ? current === '/' : current.startsWith(item.path)
  return (
    <li>
      <a href={item.path} aria-current={active ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(item.path))}>
        {item.label}
      </a>
    </li>
  )
}

function Page({ path, org }: { path: string; org: MyOrganization }) {
  if (path === '/disclosure' || path.startsWith('/disclosure/')) return <DisclosureSection path={path} org={org} />
  const findings = /^\/products\/[^/]+\/versions\/([^/]+)\/findings$/.exec(path)
  if (findings) return <FindingsPage org={org} versionId={decodeURIComponent(findings[1]!)} />
  const productVersion = /^\/products\/[^/]+\/versions\/([^/]+)$/.exec(path)
  if (productVersion) return <ProductVersionPage org={org} versionId={decodeURIComponent(productVersion[1]!)} />
  if (path === '/risk' || path.startsWith('/risk/')) return <RiskPage path={path} org={org} />
  if (path.startsWith('/fleet/devices/')) return <DevicePage org={org} deviceId={decodeURIComponent(path.slice('/fleet/devices/'.length))} />
  if (path === '/fleet/affected' || path.startsWith('/fleet/affected/')) return <AffectedDevicesPage org={org} path={path} />
  if (path === '/mds2' || path.startsWith('/mds2/')) return <Mds2Page path={path} org={org} />
  if (path === '/advisories' || path.startsWith('/advisories/')) return <AdvisoriesPage path={path} org={org} />
  if (path === '/vulnerabilities' || path.startsWith('/vulnerabilities/')) return <VulnerabilitiesPage path={path} org={org} />
  switch (path) {
    case '/':
      return <DashboardPage org={org} />
    case '/products':
      return <ProductsPage org={org} />
    case '/fleet':
      return <FleetPage org={org} />
    case '/fleet/import':
      return <FleetImportPage org={org} />
    case '/fleet/discovery':
      return <FleetDiscoveryPage org={org} />
    case '/fleet/dashboard':
      return <FleetDashboardPage org={org} />
    case '/fleet/lifecycle':
      return <FleetLifecyclePage org={org} />
    case '/fleet/risk-register':
      return <FleetRiskRegisterPage org={org} />
    case '/sharing':
      return <SharingPage org={org} />
    case '/sharing/access-log':
      return <AccessLogPage org={org} />
    case '/shared':
      return <SharedProductsPage org={org} />
    case '/notifications':
      return <NotificationsPage org={org} />
    case '/regulator':
      return <RegulatorPage org={org} />
    case '/admin/users':
      return <UsersPage org={org} />
    case '/admin/tokens':
      return <TokensPage org={org} />
    case '/admin/audit':
      return <AuditPage org={org} />
    default:
      return <ComingPage title="Not found" text={`There is no page at ${path}.`} />
  }
}

/** A readable name for an organization kind. */
export function kindLabel(kind: MyOrganization['kind']): string {
  return { manufacturer: 'manufacturer', hdo: 'hospital', researcher: 'researcher', regulator: 'regulator' }[kind]
}
