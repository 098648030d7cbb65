import { useEffect, useState } from 'react'
import { answerableIds, answerValues, questionById } from '../../../domain/mds2/catalogue.js'
import type { AnswerValue } from '../../../domain/mds2/catalogue.js'
import type { Requirement, RequirementProfile } from '../../../domain/mds2/index.js'
import { api, type MyOrganization } from '../../api.js'
import { useApi } from '../../useApi.js'
import { messageOf } from './download.js'
import { when } from './parts.js'
import type { ProfileView } from './types.js'

/** The organization's requirement profile: per requirement the question, acceptable answers, weight and mandatory flag. */
export function ProfileEditor({ org }: { org: MyOrganization }) {
  const { data, error } = useApi<ProfileView>(`/api/orgs/${org.id}/mds2/profile`)
  const [profile, setProfile] = useState<RequirementProfile | null>(null)
  const [view, setView] = useState<ProfileView | null>(null)
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | null>(null)
  const [dirty, setDirty] = useState(false)
  const canWrite = org.role !== 'viewer'

  useEffect(() => {
    if (!data) return
    setView(data)
    setProfile(data.profile)
  }, [data])

  if (error) return <p className="error">{error}</p>
  if (!profile || !view) return <p>Loading…</p>

  const edit = (next: RequirementProfile) => {
    setProfile(next)
    setDirty(true)
    setMessage(null)
  }
  const editRequirement = (index: number, change: Partial<Requirement>) =>
    edit({ ...profile, requirements: profile.requirements.map((r, i) => (i === index ? { ...r, ...change } : r)) })
  const toggleAcceptable = (index: number, value: AnswerValue) => {
    const current = profile.requirements[index]?.acceptable ?? []
    editRequirement(index, { acceptable: current.includes(value) ? current.filter((a) => a !== value) : answerValues.filter((a) => a === value || current.includes(a)) })
  }
  const add = () => {
    const used = new Set(profile.requirements.map((r) => r.id))
    let n = profile.requirements.length + 1
    while (used.has(`requirement-${n}`)) n++
    edit({ ...profile, requirements: [...profile.requirements, { id: `requirement-${n}`, title: 'New requirement', questionId: 'ALOF-1', acceptable: ['Yes'], weight: 1, mandatory: false, rationale: '' }] })
  }
  const save = async () => {
    const unknown = profile.requirements.filter((r) => !answerableIds.has(r.questionId)).map((r) => r.questionId)
    if (unknown.length > 0) return setMessage({ kind: 'error', text: `Not MDS2 questions: ${unknown.join(', ')}` })
    try {
      const saved = await api<ProfileView>('PUT', `/api/orgs/${org.id}/mds2/profile`, profile)
      setView(saved)
      setProfile(saved.profile)
      setDirty(false)
      setMessage({ kind: 'notice', text: 'Profile saved; comparisons now use it.' })
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) })
    }
  }
  const restoreDefault = async () => {
    try {
      edit(await api<RequirementProfile>('GET', `/api/orgs/${org.id}/mds2/profile/default`))
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) })
    }
  }

  const totalWeight = profile.requirements.reduce((sum, r) => sum + r.weight, 0)
  return (
    <section>
      <p className="muted">
        {view.source === 'default' ? 'The shipped default profile; saving makes it your own copy.' : `Saved ${when(view.updatedAt)} by ${view.updatedBy ?? '—'}.`}{' '}
        {profile.requirements.length} requirements, {profile.requirements.filter((r) => r.mandatory).length} mandatory, total weight {totalWeight}.
        {dirty ? ' Unsaved changes.' : ''}
      </p>
      <div className="card form-grid">
        <label>
          Profile name <input value={profile.name} onChange={(e) => edit({ ...profile, name: e.target.value })} disabled={!canWrite} />
        </label>
        <label>
          Description <input value={profile.description} onChange={(e) => edit({ ...profile, description: e.target.value })} disabled={!canWrite} />
        </label>
      </div>
      <table className="profile-table" aria-label="Requirements">
        <thead>
          <tr>
            <th scope="col">Requirement</th>
            <th scope="col">Question</th>
            <th scope="col">Acceptable answers</th>
            <th scope="col">Weight</th>
            <th scope="col">Mandatory</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {profile.requirements.map((r, index) => (
            <tr key={index}>
              <td>
                <input type="text" aria-label={`Title of ${r.id}`} value={r.title} onChange={(e) => editRequirement(index, { title: e.target.value })} disabled={!canWrite} />
                {r.rationale && <span className="muted details">{r.rationale}</span>}
              </td>
              <td>
                <input
                  type="text"
                  aria-label={`Question of ${r.id}`}
                  value={r.questionId}
                  onChange={(e) => editRequirement(index, { questionId: e.target.value.trim().toUpperCase() })}
                  disabled={!canWrite}
                  size={9}
                  aria-invalid={!answerableIds.has(r.questionId)}
                />
                <span className="muted details">{questionById.get(r.questionId)?.text ?? 'not an MDS2 question'}</span>
                {r.alternatives && r.alternatives.length > 0 && <span className="muted details">or {r.alternatives.map((a) => a.questionId).join(', ')}</span>}
              </td>
              <td>
                <span className="acceptable">
                  {answerValues.map((value) => (
                    <label key={value}>
                      <input type="checkbox" checked={r.acceptable.includes(value)} onChange={() => toggleAcceptable(index, value)} disabled={!canWrite || (r.acceptable.length === 1 && r.acceptable[0] === value)} aria-label={`${r.id} accepts ${value}`} />
                      {value}
                    </label>
                  ))}
                </span>
              </td>
              <td>
                <input type="number" min={0} max={1000} step={1} aria-label={`Weight of ${r.id}`} value={r.weight} onChange={(e) => editRequirement(index, { weight: Math.max(0, Number(e.target.value) || 0) })} disabled={!canWrite} />
              </td>
              <td>
                <input type="checkbox" aria-label={`${r.id} is mandatory`} checked={r.mandatory} onChange={(e) => editRequirement(index, { mandatory: e.target.checked })} disabled={!canWrite} />
              </td>
              <td>
                {canWrite && profile.requirements.length > 1 && (
                  <button type="button" className="danger" aria-label={`Remove ${r.id}`} onClick={() => edit({ ...profile, requirements: profile.requirements.filter((_, i) => i !== index) })}>
                    ✕
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p className={message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {canWrite && (
        <p className="mds2-toolbar">
          <button type="button" className="secondary" onClick={add}>
            Add requirement
          </button>
          <button type="button" className="secondary" onClick={restoreDefault}>
            Start from the default
          </button>
          <span className="spacer" />
          <button type="button" onClick={save} disabled={!dirty}>
            Save profile
          </button>
        </p>
      )}
    </section>
  )
}
