import type { MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { AssessmentPage } from './AssessmentPage.js'
import { AssessmentsPage } from './AssessmentsPage.js'
import { CvssCalculatorPage } from './CvssCalculatorPage.js'
import { RubricWizardPage } from './RubricWizardPage.js'

const TABS = [
  { path: '/risk', label: 'CVSS calculator' },
  { path: '/risk/rubric', label: 'Medical-device rubric' },
  { path: '/risk/assessments', label: 'Assessments' },
] as const

/** The CVSS & risk area: the calculator, the MITRE rubric wizard, and the organization's assessments. */
export function RiskPage({ path, org }: { path: string; org: MyOrganization }) {
  const detail = /^\/risk\/assessments\/([^/]+)$/.exec(path)
  const current = detail ? '/risk/assessments' : path
  return (
    <section>
      <nav className="tabs" aria-label="CVSS and risk">
        {TABS.map((tab) => (
          <a key={tab.path} href={tab.path} aria-current={current === tab.path ? 'page' : undefined} onClick={(e) => (e.preventDefault(), navigate(tab.path))}>
            {tab.label}
          </a>
        ))}
      </nav>
      {detail ? (
        <AssessmentPage org={org} id={decodeURIComponent(detail[1]!)} />
      ) : path === '/risk/rubric' ? (
        <RubricWizardPage org={org} />
      ) : path === '/risk/assessments' ? (
        <AssessmentsPage org={org} />
      ) : path === '/risk' ? (
        <CvssCalculatorPage />
      ) : (
        <p className="card muted">There is no page at {path}.</p>
      )}
    </section>
  )
}
