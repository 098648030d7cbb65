import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { createToken } from '../../services/tokens/create-token.js'
import { listTokens } from '../../services/tokens/list-tokens.js'
import { revokeToken } from '../../services/tokens/revoke-token.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { NullableTimestamp, OrgParams, RoleSchema, Timestamp } from '../schemas.js'

const TokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  prefix: Type.String({ description: 'the first characters of the secret, to recognise it' }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  lastUsedAt: NullableTimestamp,
  revokedAt: NullableTimestamp,
})

/** API tokens of an organization: create (secret shown once), list, revoke. */
export function tokenRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/tokens',
      { preHandler: withOrg(db), schema: { tags: ['tokens'], summary: 'API tokens (admins)', params: OrgParams, response: { 200: Type.Array(TokenSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listTokens(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/tokens',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token; the secret is in this response only (admins)',
          params: OrgParams,
          body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: RoleSchema }),
          response: { 201: Type.Object({ token: TokenSchema, secret: Type.String() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await createToken(orgOf(request), request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.delete(
      '/api/orgs/:orgId/tokens/:tokenId',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['tokens'],
          summary: 'Revoke an API token (admins)',
          params: Type.Object({ orgId: Type.String(), tokenId: Type.String({ format: 'uuid' }) }),
          response: { 200: TokenSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await revokeToken(orgOf(request), request.params.tokenId)
        return replyWith(reply, result)
      },
    )
  }
}
