import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { fleetStatuses, summarizeAffected, type FleetStatus } from '../../domain/affected/index.js'
import type { Database } from '../../store/schema.js'
import { deviceVulnerabilities } from '../../services/affected/device-vulnerabilities.js'
import { listAffected } from '../../services/affected/list-affected.js'
import { errorResponses, replyWith, sendError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])
const StatusSchema = Type.Unsafe<FleetStatus>({ type: 'string', enum: [...fleetStatuses] })

const EntrySchema = Type.Object({
  device: Type.Object({ id: Type.String(), assetTag: Type.String(), serialNumber: NullableString, manufacturer: NullableString, model: NullableString, softwareVersion: NullableString }),
  advisory: NullableString,
  advisoryTitle: NullableString,
  vulnerability: Type.String(),
  status: StatusSchema,
  source: Type.String(),
  confidence: Type.Number(),
  matchedOn: Type.Array(Type.String()),
  reasons: Type.Array(Type.String()),
  justification: NullableString,
  remediations: Type.Array(Type.Object({ category: Type.String(), details: Type.String(), url: NullableString })),
  guidance: NullableString,
  cvss: NullableString,
})

const StatusRecord = <T extends Parameters<typeof Type.Object>[0][string]>(value: T) => Type.Object(Object.fromEntries(fleetStatuses.map((s) => [s, value])) as Record<FleetStatus, T>)

const GroupSchema = Type.Object({
  advisory: NullableString,
  advisoryTitle: NullableString,
  vulnerability: Type.String(),
  source: Type.String(),
  counts: StatusRecord(Type.Integer()),
  serials: StatusRecord(Type.Array(Type.String())),
})

const AffectedQuery = Type.Object({
  advisory: Type.Optional(Type.String({ maxLength: 200 })),
  vulnerability: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Type.String({ maxLength: 200, description: 'comma-separated statuses' })),
  minConfidence: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  includeNotAffected: Type.Optional(Type.Boolean()),
})

/** Affected devices: per advisory and vulnerability the devices (serials) and per device its vulnerabilities. */
export function affectedRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/fleet/affected',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "The organization's devices affected by advisories and by their products' findings, one line per device and vulnerability, grouped per advisory and vulnerability",
          params: OrgParams,
          querystring: AffectedQuery,
          response: { 200: Type.Object({ entries: Type.Array(EntrySchema), groups: Type.Array(GroupSchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const { advisory, vulnerability, status, minConfidence, includeNotAffected } = request.query
        const statuses = status ? status.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined
        const unknown = statuses?.filter((s) => !(fleetStatuses as readonly string[]).includes(s)) ?? []
        if (unknown.length > 0) return sendError(reply, 400, 'validation_failed', `unknown status ${unknown.join(', ')}; use ${fleetStatuses.join(', ')}`)
        const result = await listAffected(orgOf(request), { advisory, vulnerability, statuses: statuses as FleetStatus[] | undefined, minConfidence, includeNotAffected })
        return replyWith(reply, result, (entries) => ({ entries, groups: summarizeAffected(entries) }))
      },
    )

    app.get(
      '/api/orgs/:orgId/devices/:deviceId/vulnerabilities',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "One device's vulnerabilities with status, confidence, remediation and the manufacturer's guidance",
          params: Type.Object({ ...OrgParams.properties, deviceId: Type.String() }),
          querystring: Type.Object({ includeNotAffected: Type.Optional(Type.Boolean()) }),
          response: { 200: Type.Array(EntrySchema), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await deviceVulnerabilities(orgOf(request), request.params.deviceId, { includeNotAffected: request.query.includeNotAffected })
        return replyWith(reply, result)
      },
    )
  }
}
