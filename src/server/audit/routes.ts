import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { listAudit } from '../../services/audit/list-audit.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'
import { AuditEntrySchema } from './schemas.js'

/** The organization's audit trail, paged and filterable. */
export function auditRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/audit',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['audit'],
          summary: 'Audit entries, newest first (admins)',
          params: OrgParams,
          querystring: Type.Object({
            action: Type.Optional(Type.String({ maxLength: 100, description: 'action prefix, e.g. "token."' })),
            actor: Type.Optional(Type.String({ maxLength: 200, description: 'part of the actor label' })),
            targetType: Type.Optional(Type.String({ maxLength: 100 })),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          }),
          response: {
            200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), entries: Type.Array(AuditEntrySchema) }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const q = request.query
        const result = await listAudit(orgOf(request), {
          ...(q.action ? { action: q.action } : {}),
          ...(q.actor ? { actor: q.actor } : {}),
          ...(q.targetType ? { targetType: q.targetType } : {}),
          ...(q.from ? { from: new Date(q.from) } : {}),
          ...(q.to ? { to: new Date(q.to) } : {}),
          limit: q.pageSize,
          offset: (q.page - 1) * q.pageSize,
        })
        return replyWith(reply, result, (value) => ({ ...value, page: q.page, pageSize: q.pageSize }))
      },
    )
  }
}
