import type { MyOrganization } from '../api.js'
import { useApi } from '../useApi.js'

interface JobView {
  id: string
  queue: string
  state: string
  productVersionId: string | null
  reason: string | null
  createdOn: string
  startedOn: string | null
  completedOn: string | null
  retryCount: number
  counts: Record<string, number | string | null>
  error: string | null
}

const queueNames: Record<string, string> = { 'findings.match-version': 'Match SBOM', 'findings.kb-rematch': 'Re-match KB changes' }
const reasonNames: Record<string, string> = { sbom_upload: 'upload', sweep: 'new revision', kb_change: 'KB import', backfill: 'first index' }
// The counts worth a column, in this order, with their labels.
const countLabels: readonly (readonly [string, string])[] = [
  ['statements', 'statements'],
  ['keys', 'keys'],
  ['components', 'components'],
  ['added', 'new'],
  ['reopened', 'reopened'],
  ['resolved', 'resolved'],
  ['affectedSetMs', 'ms to find'],
]

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '–')

function duration(job: JobView): string {
  if (!job.startedOn || !job.completedOn) return ''
  const ms = Date.parse(job.completedOn) - Date.parse(job.startedOn)
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}

/** Background matching jobs (SBOM uploads, KB re-matches) with their state, times and counts, for organization admins. */
export function JobsPanel({ org }: { org: MyOrganization }) {
  const { data, error, reload } = useApi<{ available: boolean; jobs: JobView[] }>(`/api/orgs/${org.id}/jobs?limit=10`)
  return (
    <section className="card" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Background matching</h2>
      <p className="muted">
        SBOM uploads are matched at once; a knowledge-base import re-matches only the components whose package or CPE it touches.{' '}
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </p>
      {error && <p className="error">{error}</p>}
      {data && !data.available && <p className="muted">The job system has not run on this instance yet (it starts with the server).</p>}
      {data && data.available && data.jobs.length === 0 && <p className="muted">No jobs yet.</p>}
      {data && data.jobs.length > 0 && (
        <table aria-label="Recent background jobs">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">State</th>
              <th scope="col">Created</th>
              <th scope="col">Took</th>
              <th scope="col">Counts</th>
            </tr>
          </thead>
          <tbody>
            {data.jobs.map((job) => (
              <tr key={job.id}>
                <td>
                  {queueNames[job.queue] ?? job.queue}
                  {job.reason && <span className="muted"> ({reasonNames[job.reason] ?? job.reason})</span>}
                </td>
                <td>
                  <span className={`severity ${job.state === 'failed' ? 'severity-critical' : job.state === 'completed' ? 'severity-low' : 'severity-medium'}`}>{job.state}</span>
                  {job.retryCount > 0 && <span className="muted"> · retry {job.retryCount}</span>}
                </td>
                <td>{time(job.createdOn)}</td>
                <td>{duration(job)}</td>
                <td>
                  {job.error ? (
                    <span className="error">{job.error}</span>
                  ) : (
                    countLabels
                      .filter(([key]) => typeof job.counts[key] === 'number')
                      .map(([key, label]) => `${job.counts[key]} ${label}`)
                      .join(' · ')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
