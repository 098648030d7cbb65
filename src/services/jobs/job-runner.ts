import type { Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import { findingKeysRepository } from '../../store/repositories/finding-keys.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { scopeFor } from '../../store/scope.js'
import { kyselyExecutor } from '../../store/sql-executor.js'
import { rematchVersion } from '../findings/match-product-version.js'
import { rematchKbChanges } from '../findings/rematch-affected.js'
import { SYSTEM_ACTOR } from '../system-admin.js'
import { registerJobSink } from './announce.js'

/** The pg-boss schema the queues live in. */
export const JOBS_SCHEMA = 'pgboss'

/** The queues of background work. */
export const JOB_QUEUES = {
  /** Match one product version in full (a new SBOM revision, or one never matched). */
  matchVersion: 'findings.match-version',
  /** Re-match the components that knowledge-base changes since the cursor touch. */
  kbRematch: 'findings.kb-rematch',
} as const

/** Why a product version is to be matched. */
export type MatchVersionReason = 'sbom_upload' | 'sweep'

/** The payload of a match-version job (the organization is named, so that its admins see the job). */
export interface MatchVersionJob {
  readonly orgId: string
  readonly productVersionId: string
  readonly reason: MatchVersionReason
}

/** A running job system: enqueue work, check for work now, stop. */
export interface JobRunner {
  enqueueVersionMatch(orgId: string, productVersionId: string, reason: MatchVersionReason): Promise<string | null>
  enqueueKbRematch(reason: string): Promise<string | null>
  /** Looks for new SBOM revisions and knowledge-base changes and enqueues their jobs. */
  check(): Promise<void>
  /** Waits until no job is queued or running (tests). */
  idle(timeoutMs: number): Promise<boolean>
  stop(): Promise<void>
}

/** Options of the runner. */
export interface JobRunnerOptions {
  /** How often to look for new SBOM revisions and KB changes that no hook announced (imports by the CLI); 0: never. */
  readonly checkIntervalMs?: number
  readonly pollingIntervalSeconds?: number
  readonly onError?: (error: unknown) => void
}

/** Whether background jobs run: MEDSEC_REMATCH=off disables them; under vitest they run only with MEDSEC_REMATCH=on. */
export function backgroundJobsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MEDSEC_REMATCH === 'off') return false
  if (env.VITEST) return env.MEDSEC_REMATCH === 'on'
  return true
}

/**
 * Starts pg-boss on the application database (its own schema, created on first start), the workers of the findings
 * queues and the periodic check. Jobs of this process run one at a time: a full and a targeted match of the same
 * product version must not interleave.
 */
export async function startJobRunner(db: Kysely<Database>, options: JobRunnerOptions = {}): Promise<JobRunner> {
  const onError = options.onError ?? (() => undefined)
  const boss = new PgBoss({ db: kyselyExecutor(db), schema: JOBS_SCHEMA, supervise: true, schedule: false, migrate: true })
  boss.on('error', onError)
  await boss.start()
  // stately: at most one job queued and one running per singleton key (a product version) or per queue.
  await boss.createQueue(JOB_QUEUES.matchVersion, { name: JOB_QUEUES.matchVersion, policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 3600 })
  await boss.createQueue(JOB_QUEUES.kbRematch, { name: JOB_QUEUES.kbRematch, policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 4 * 3600 })

  let chain: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work)
    chain = next.catch(() => undefined)
    return next
  }
  const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 }
  await boss.work<MatchVersionJob>(JOB_QUEUES.matchVersion, polling, async ([job]) => {
    if (!job) return null
    const result = await exclusive(() => rematchVersion(db, scopeFor(job.data.orgId), SYSTEM_ACTOR, job.data.productVersionId))
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    const { added, reopened, resolved, present, components, unmatchedComponents } = result.value
    return { components, unmatchedComponents, added, reopened, resolved, present }
  })
  await boss.work<{ reason: string }>(JOB_QUEUES.kbRematch, polling, async () => exclusive(() => rematchKbChanges(db)))

  const runner: JobRunner = {
    enqueueVersionMatch: (orgId, productVersionId, reason) =>
      boss.send(JOB_QUEUES.matchVersion, { orgId, productVersionId, reason } satisfies MatchVersionJob, { singletonKey: productVersionId }),
    enqueueKbRematch: (reason) => boss.send(JOB_QUEUES.kbRematch, { reason }),
    async check() {
      const [cursor, generation] = await Promise.all([findingKeysRepository.cursor(db), kbRepository.generation(db)])
      if (!cursor || cursor.generation !== generation) await runner.enqueueKbRematch(cursor ? 'kb_change' : 'backfill')
      // Before the first KB pass (the backfill) every version is matched by it; afterwards only new revisions are.
      if (!cursor) return
      for (const v of await findingKeysRepository.versionsToMatch(db, null)) await runner.enqueueVersionMatch(v.orgId, v.productVersionId, 'sweep')
    },
    async idle(timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const sizes = await Promise.all(Object.values(JOB_QUEUES).map((q) => boss.getQueueSize(q, { before: 'completed' })))
        if (sizes.every((n) => n === 0)) return true
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      return false
    },
    async stop() {
      clearInterval(timer)
      registerJobSink(db, null)
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 })
    },
  }
  registerJobSink(db, runner)
  const checkSafely = () => runner.check().catch(onError)
  const timer = options.checkIntervalMs === 0 ? undefined : setInterval(checkSafely, options.checkIntervalMs ?? 30_000)
  timer?.unref()
  await checkSafely()
  return runner
}
