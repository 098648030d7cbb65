import type { MyOrganization } from '../../api.js'
import { CasePage } from './CasePage.js'
import { DisclosureHome } from './DisclosureHome.js'
import { SharedCasePage } from './SharedCasePage.js'
import './disclosure.css'

/** The Disclosure section: the programme dashboard and cases, one case, or a case shared with this organization. */
export function DisclosureSection({ path, org }: { path: string; org: MyOrganization }) {
  const caseMatch = /^\/disclosure\/cases\/([^/]+)$/.exec(path)
  if (caseMatch) return <CasePage org={org} caseId={decodeURIComponent(caseMatch[1]!)} />
  const sharedMatch = /^\/disclosure\/shared\/([^/]+)$/.exec(path)
  if (sharedMatch) return <SharedCasePage org={org} caseId={decodeURIComponent(sharedMatch[1]!)} />
  return <DisclosureHome org={org} />
}
