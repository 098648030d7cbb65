import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { discoverySettings, runDiscovery } from '../../services/fleet/run-discovery.js'
import type { Database } from '../../store/schema.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'
import { DiscoverySchema } from './routes.js'

/** Server-side DICOM discovery: whether the operator allows it, and a run started from the web UI. */
export function fleetDiscoveryRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/fleet/discovery-settings',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Whether this server may run DICOM discovery, and in which networks (MEDSEC_DISCOVERY_NETWORKS)',
          params: OrgParams,
          response: { 200: Type.Object({ enabled: Type.Boolean(), networks: Type.Array(Type.String()) }), ...errorResponses },
        },
      },
      async (_request, reply) => {
        const result = discoverySettings()
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/fleet/discoveries/run',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Send DICOM C-ECHO from the server to hosts and ports inside the allowed networks; answers become proposals',
          params: OrgParams,
          body: Type.Object({
            hosts: Type.String({ minLength: 1, maxLength: 2000 }),
            ports: Type.String({ minLength: 1, maxLength: 200 }),
            callingAe: Type.Optional(Type.String({ maxLength: 16 })),
            calledAe: Type.Optional(Type.String({ maxLength: 16 })),
            timeoutMs: Type.Optional(Type.Integer()),
          }),
          response: { 200: Type.Object({ probed: Type.Integer(), silent: Type.Integer(), proposals: Type.Array(DiscoverySchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await runDiscovery(orgOf(request), request.body)
        return replyWith(reply, result)
      },
    )
  }
}
