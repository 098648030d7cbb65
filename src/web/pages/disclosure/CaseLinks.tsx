import { useEffect, useState } from 'react'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { navigate } from '../../router.js'
import { useApi } from '../../useApi.js'
import type { LinkedAdvisory, LinkedFinding } from '../../../domain/disclosure/links.js'

interface AdvisorySummary {
  readonly id: string
  readonly trackingId: string
  readonly title: string
}

interface VersionFindings {
  readonly findings: readonly { id: string; status: string; component: { name: string; version: string | null }; vulnerability: { id: string } }[]
}

const go = (path: string) => (e: React.MouseEvent) => (e.preventDefault(), navigate(path))

/**
 * The findings and advisories linked to a case, each a link to its page; analysts add them from pickers (the
 * findings of the case's affected versions, the organization's advisories) and remove them.
 */
export function CaseLinks(props: {
  org: MyOrganization
  base: string
  versions: readonly { id: string; productName: string; version: string }[]
  findings: readonly LinkedFinding[]
  advisories: readonly LinkedAdvisory[]
  unlinked: { readonly findings: readonly string[]; readonly advisories: readonly string[] }
  canAct: boolean
  onChanged: (message: string) => void
  onProblem: (message: string) => void
}) {
  const { org, base, versions, findings, advisories, unlinked, canAct } = props
  const catalogue = useApi<AdvisorySummary[]>(canAct ? `/api/orgs/${org.id}/advisories` : null)
  const [candidates, setCandidates] = useState<{ id: string; label: string }[]>([])
  const [findingId, setFindingId] = useState('')
  const [advisoryId, setAdvisoryId] = useState('')
  const versionKey = versions.map((v) => v.id).join(',')

  useEffect(() => {
    if (!canAct) return
    let live = true
    Promise.all(
      versions.map((v) =>
        api<VersionFindings>('GET', `/api/orgs/${org.id}/product-versions/${v.id}/findings`)
          .then((body) => body.findings.map((f) => ({ id: f.id, label: `${f.vulnerability.id} in ${f.component.name} ${f.component.version ?? ''} (${v.productName} ${v.version}${f.status === 'resolved' ? ', resolved' : ''})` })))
          .catch(() => []),
      ),
    ).then((lists) => live && setCandidates(lists.flat()))
    return () => {
      live = false
    }
    // The versions are compared by their ids (versionKey), not by the array's identity.
  }, [org.id, versionKey, canAct])

  const save = async (body: Record<string, unknown>, done: string) => {
    try {
      await api('PATCH', base, body)
      props.onChanged(done)
    } catch (e) {
      props.onProblem(e instanceof ApiError ? e.message : String(e))
    }
  }
  const findingIds = findings.map((f) => f.id)
  const advisoryIds = advisories.flatMap((a) => (a.id ? [a.id] : []))
  const linkedFinding = new Set(findingIds)
  const linkedAdvisory = new Set(advisoryIds)

  return (
    <div className="card" role="region" aria-label="Linked findings and advisories">
      <h2>Findings and advisories</h2>
      <h3>Findings</h3>
      {findings.length === 0 ? (
        <p className="muted">No finding linked.</p>
      ) : (
        <ul aria-label="Linked findings">
          {findings.map((f) => (
            <li key={f.id}>
              <a href={`/products/${f.productId}/versions/${f.productVersionId}/findings`} onClick={go(`/products/${f.productId}/versions/${f.productVersionId}/findings`)}>
                {f.vulnerabilityId} in {f.componentName} {f.componentVersion ?? ''}
              </a>{' '}
              <span className="muted">
                ({f.productName} {f.version}, {f.status})
              </span>
              {canAct && (
                <button type="button" className="secondary" aria-label={`Unlink ${f.vulnerabilityId} in ${f.componentName}`} onClick={() => void save({ findingIds: findingIds.filter((id) => id !== f.id) }, 'Finding unlinked.')}>
                  Unlink
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAct && (
        <div className="cvd-actions">
          <label>
            Link a finding of an affected version
            <select aria-label="Finding to link" value={findingId} onChange={(e) => setFindingId(e.target.value)}>
              <option value="">{candidates.length ? 'choose a finding' : 'no findings on the affected versions'}</option>
              {candidates.filter((c) => !linkedFinding.has(c.id)).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!findingId} onClick={() => void save({ findingIds: [...findingIds, findingId] }, 'Finding linked.').then(() => setFindingId(''))}>
            Link finding
          </button>
        </div>
      )}
      <h3>Advisories</h3>
      {advisories.length === 0 ? (
        <p className="muted">No advisory linked.</p>
      ) : (
        <ul aria-label="Linked advisories">
          {advisories.map((a) => (
            <li key={a.id ?? a.trackingId}>
              {a.id ? (
                <a href={`/advisories/${a.id}`} onClick={go(`/advisories/${a.id}`)}>
                  {a.trackingId}
                </a>
              ) : (
                <span>{a.trackingId}</span>
              )}{' '}
              <span className="muted">{a.id ? `${a.title ?? ''} (${a.published ? 'published' : 'draft'})` : '(the draft was deleted)'}</span>
              {canAct && a.id && (
                <button type="button" className="secondary" aria-label={`Unlink ${a.trackingId}`} onClick={() => void save({ advisoryIds: advisoryIds.filter((id) => id !== a.id) }, 'Advisory unlinked.')}>
                  Unlink
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAct && (
        <div className="cvd-actions">
          <label>
            Link an advisory
            <select aria-label="Advisory to link" value={advisoryId} onChange={(e) => setAdvisoryId(e.target.value)}>
              <option value="">choose an advisory</option>
              {(catalogue.data ?? []).filter((a) => !linkedAdvisory.has(a.id)).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.trackingId}: {a.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" disabled={!advisoryId} onClick={() => void save({ advisoryIds: [...advisoryIds, advisoryId] }, 'Advisory linked.').then(() => setAdvisoryId(''))}>
            Link advisory
          </button>
        </div>
      )}
      {(unlinked.findings.length > 0 || unlinked.advisories.length > 0) && (
        <p className="muted" role="note">
          Earlier text references that name no finding or advisory of {org.name}: {[...unlinked.findings, ...unlinked.advisories].join(', ')}.
        </p>
      )}
    </div>
  )
}
