import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { getDashboard } from '../../services/dashboard/get-dashboard.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrganizationSchema, OrgParams, RoleSchema } from '../schemas.js'
import { AuditEntrySchema } from '../audit/schemas.js'

/** An organization and its dashboard. */
export function orgRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId',
      {
        preHandler: withOrg(db),
        schema: { tags: ['organizations'], summary: 'The organization and your role in it', params: OrgParams, response: { 200: Type.Object({ ...OrganizationSchema.properties, role: RoleSchema }), ...errorResponses } },
      },
      async (request) => {
        const ctx = orgOf(request)
        return { ...ctx.org, role: ctx.role }
      },
    )

    app.get(
      '/api/orgs/:orgId/dashboard',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['organizations'],
          summary: 'Counts and recent activity for the home page',
          params: OrgParams,
          response: {
            200: Type.Object({
              organization: OrganizationSchema,
              role: RoleSchema,
              counts: Type.Object({ products: Type.Integer(), devices: Type.Integer(), members: Type.Integer() }),
              recentActivity: Type.Array(AuditEntrySchema),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await getDashboard(orgOf(request))
        return replyWith(reply, result)
      },
    )
  }
}
