import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { addMember } from '../../services/members/add-member.js'
import { changeRole } from '../../services/members/change-role.js'
import { listMembers } from '../../services/members/list-members.js'
import { removeMember } from '../../services/members/remove-member.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { NullableTimestamp, OrgParams, RoleSchema, Timestamp } from '../schemas.js'

const MemberSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  disabledAt: NullableTimestamp,
  joinedAt: Timestamp,
})
const MemberParams = Type.Object({ orgId: Type.String(), userId: Type.String({ format: 'uuid' }) })

/** Members of an organization and their roles. */
export function memberRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/members',
      { preHandler: withOrg(db), schema: { tags: ['members'], summary: 'Members and roles', params: OrgParams, response: { 200: Type.Array(MemberSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listMembers(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/members',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['members'],
          summary: 'Add a user (existing by e-mail, or new with name and password) with a role (admins)',
          params: OrgParams,
          body: Type.Object({
            email: Type.String({ minLength: 3, maxLength: 320 }),
            role: RoleSchema,
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
          }),
          response: { 201: MemberSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await addMember(orgOf(request), request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.patch(
      '/api/orgs/:orgId/members/:userId',
      {
        preHandler: withOrg(db),
        schema: { tags: ['members'], summary: "Change a member's role (admins)", params: MemberParams, body: Type.Object({ role: RoleSchema }), response: { 200: MemberSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await changeRole(orgOf(request), request.params.userId, request.body.role)
        return replyWith(reply, result)
      },
    )

    app.delete(
      '/api/orgs/:orgId/members/:userId',
      { preHandler: withOrg(db), schema: { tags: ['members'], summary: 'Remove a member (admins)', params: MemberParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        const result = await removeMember(orgOf(request), request.params.userId)
        return replyWith(reply, result, () => reply.status(204).send(null))
      },
    )
  }
}
