import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { listDevices } from '../../services/devices/list-devices.js'
import { errorResponses, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams, Timestamp, TlpSchema } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])
const DeviceSchema = Type.Object({
  id: Type.String(),
  asset_tag: Type.String(),
  serial_number: NullableString,
  manufacturer: NullableString,
  model: NullableString,
  software_version: NullableString,
  modality: NullableString,
  location: NullableString,
  ip_address: NullableString,
  hostname: NullableString,
  ae_title: NullableString,
  criticality: NullableString,
  stores_phi: Type.Boolean(),
  status: Type.String(),
  tlp: TlpSchema,
  created_at: Timestamp,
})

/** A hospital's device inventory. */
export function deviceRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/devices',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Devices of the fleet', params: OrgParams, response: { 200: Type.Array(DeviceSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listDevices(orgOf(request))
        return result.ok ? result.value : sendServiceError(reply, result.error)
      },
    )
  }
}
