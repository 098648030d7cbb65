import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { exportLifecyclePlan, lifecyclePlan, PLAN_FORMATS } from '../../services/fleet/lifecycle-plan.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'

/** The support-life plan: end-of-support cliff, unsupported-in-use window and the capital plan, with CSV/XLSX/PDF exports. */
export function fleetLifecycleRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/fleet/lifecycle/plan',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Capital plan per year (upgrade or replace, cost when known), end-of-support cliff by modality, unsupported-in-use window', params: OrgParams, response: { 200: Type.Unknown(), ...errorResponses } } },
      async (request, reply) => {
        const result = await lifecyclePlan(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/fleet/lifecycle/plan/export',
      {
        preHandler: withOrg(db),
        schema: { tags: ['fleet'], summary: 'The capital plan as CSV, XLSX or PDF', params: OrgParams, querystring: Type.Object({ format: Type.Unsafe<(typeof PLAN_FORMATS)[number]>({ type: 'string', enum: [...PLAN_FORMATS], default: 'csv' }) }) },
      },
      async (request, reply) => {
        const result = await exportLifecyclePlan(orgOf(request), request.query.format)
        return replyWith(reply, result, (file) =>
          reply
            .header('content-type', file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .header('x-tlp', file.tlp)
            .send(Buffer.from(file.bytes)),
        )
      },
    )
  }
}
