import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { backgroundJobsEnabled, startJobRunner, type JobRunner } from '../../services/jobs/job-runner.js'
import { listJobs } from '../../services/jobs/list-jobs.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])
const JobSchema = Type.Object({
  id: Type.String(),
  queue: Type.String(),
  state: Type.String(),
  productVersionId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  createdOn: Type.String(),
  startedOn: Nullable(Type.String()),
  completedOn: Nullable(Type.String()),
  retryCount: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String(), Type.Null()])),
  error: Nullable(Type.String()),
})

/**
 * Background jobs: starts the job runner with the server (unless MEDSEC_REMATCH says otherwise) and lists recent
 * jobs for organization admins. The runner starts after the server is ready, so a first start that creates the
 * pg-boss schema does not delay it.
 */
export function jobRoutes(db: Kysely<Database>, options: { checkIntervalMs?: number } = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    if (backgroundJobsEnabled()) {
      let starting: Promise<JobRunner | undefined> | undefined
      app.addHook('onReady', async () => {
        const onError = (error: unknown) => app.log.error({ err: error }, 'background job failed')
        starting = startJobRunner(db, { ...(options.checkIntervalMs === undefined ? {} : { checkIntervalMs: options.checkIntervalMs }), onError }).catch((error: unknown) => {
          onError(error)
          return undefined
        })
      })
      app.addHook('onClose', async () => {
        await (await starting)?.stop()
      })
    }

    app.get(
      '/api/orgs/:orgId/jobs',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['jobs'],
          summary: "Recent background jobs (SBOM matching of the organization's product versions, knowledge-base re-matches): state, times, counts, errors (admin)",
          params: OrgParams,
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
          response: { 200: Type.Object({ available: Type.Boolean(), jobs: Type.Array(JobSchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await listJobs(orgOf(request), request.query.limit)
        return replyWith(reply, result)
      },
    )
  }
}
