import type { Kysely } from 'kysely'
import { jobsRepository, type JobRow } from '../../store/repositories/jobs.js'
import type { Database } from '../../store/schema.js'
import { requireRole, type OrgContext, type ServiceResult } from '../context.js'
import { JOB_QUEUES, JOBS_SCHEMA } from './job-runner.js'

/** A background job as operators and organization admins see it. */
export interface JobView {
  readonly id: string
  readonly queue: string
  readonly state: string
  /** The product version a match job is about (jobs of the whole instance have none). */
  readonly productVersionId: string | null
  readonly reason: string | null
  readonly createdOn: string
  readonly startedOn: string | null
  readonly completedOn: string | null
  readonly retryCount: number
  /** What the job counted (added, resolved, components...), as far as the viewer may see it. */
  readonly counts: Readonly<Record<string, number | string | null>>
  readonly error: string | null
}

/** The job listing: whether the job system has ever run here, and the newest jobs. */
export interface JobListing {
  readonly available: boolean
  readonly jobs: readonly JobView[]
}

// Counts of an instance-wide KB re-match that say nothing about other organizations' products.
const PUBLIC_KB_COUNTS = new Set(['kind', 'statements', 'keys', 'affectedSetMs', 'rematchMs', 'through'])

function view(row: JobRow, tenantView: boolean): JobView {
  const data = (row.data ?? {}) as { productVersionId?: unknown; reason?: unknown; orgId?: unknown }
  const output = row.output !== null && typeof row.output === 'object' ? (row.output as Record<string, unknown>) : {}
  const failed = row.state === 'failed' || (row.state === 'retry' && typeof output.message === 'string')
  const instanceWide = typeof data.orgId !== 'string'
  const counts: Record<string, number | string | null> = {}
  if (!failed) {
    for (const [key, value] of Object.entries(output)) {
      if (tenantView && instanceWide && !PUBLIC_KB_COUNTS.has(key)) continue
      if (typeof value === 'number' || typeof value === 'string' || value === null) counts[key] = value
    }
  }
  return {
    id: row.id,
    queue: row.queue,
    state: row.state,
    productVersionId: typeof data.productVersionId === 'string' ? data.productVersionId : null,
    reason: typeof data.reason === 'string' ? data.reason : null,
    createdOn: row.createdOn.toISOString(),
    startedOn: row.startedOn?.toISOString() ?? null,
    completedOn: row.completedOn?.toISOString() ?? null,
    retryCount: row.retryCount,
    counts,
    error: failed ? String(output.message ?? 'failed') : null,
  }
}

/** The newest background jobs of the organization and of the whole instance (admins). */
export async function listJobs(ctx: OrgContext, limit = 50): Promise<ServiceResult<JobListing>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  if (!(await jobsRepository.available(ctx.db, JOBS_SCHEMA))) return { ok: true, value: { available: false, jobs: [] } }
  const rows = await jobsRepository.recent(ctx.db, JOBS_SCHEMA, { queues: Object.values(JOB_QUEUES), scope: ctx.scope, includeInstanceWide: true, limit })
  return { ok: true, value: { available: true, jobs: rows.map((r) => view(r, true)) } }
}

/** Every organization's jobs, with all counts and errors (the operator, from the command line). */
export async function listAllJobs(db: Kysely<Database>, limit = 50): Promise<JobListing> {
  if (!(await jobsRepository.available(db, JOBS_SCHEMA))) return { available: false, jobs: [] }
  const rows = await jobsRepository.recent(db, JOBS_SCHEMA, { queues: Object.values(JOB_QUEUES), scope: null, includeInstanceWide: true, limit })
  return { available: true, jobs: rows.map((r) => view(r, false)) }
}
