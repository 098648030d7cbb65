import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { listDevices } from '../../services/devices/list-devices.js'
import { getDevice } from '../../services/fleet/get-device.js'
import { updateDevice } from '../../services/fleet/update-device.js'
import { exportDevices, EXPORT_FORMATS } from '../../services/fleet/export-devices.js'
import { confirmLink, linkCandidates, unlinkDevice } from '../../services/fleet/link-device.js'
import { DEVICE_FIELD_KEYS } from '../../domain/inventory/fields.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { NullableTimestamp, OrgParams, Timestamp, TlpSchema } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])

/** A device as the API shows it. */
export const DeviceSchema = Type.Object({
  id: Type.String(),
  asset_tag: Type.String(),
  serial_number: NullableString,
  manufacturer: NullableString,
  model: NullableString,
  udi_di: NullableString,
  software_version: NullableString,
  modality: NullableString,
  location: NullableString,
  department: NullableString,
  ip_address: NullableString,
  mac_address: NullableString,
  hostname: NullableString,
  vlan: NullableInteger,
  ae_title: NullableString,
  dicom_port: NullableInteger,
  criticality: NullableString,
  stores_phi: Type.Boolean(),
  internet_exposed: Type.Boolean(),
  install_date: NullableString,
  clinical_end_of_life: NullableString,
  owner: NullableString,
  status: Type.String(),
  product_version_id: NullableString,
  link_source: NullableString,
  link_confidence: Type.Union([Type.Number(), Type.Null()]),
  linked_by: NullableString,
  linked_at: NullableTimestamp,
  tlp: TlpSchema,
  created_at: Timestamp,
  updated_at: NullableTimestamp,
  replacement_cost: Type.Union([Type.Number(), Type.Null()]),
  patch_status: NullableString,
})

const CatalogueVersionSchema = Type.Object({
  productVersionId: Type.String(),
  productId: Type.String(),
  manufacturerOrgId: Type.String(),
  manufacturer: Type.String(),
  productName: Type.String(),
  modelNumber: NullableString,
  udiDi: NullableString,
  version: Type.String(),
  securityEndOfSupport: NullableString,
})

const DeviceParams = Type.Object({ orgId: Type.String(), deviceId: Type.String() })
const EditSchema = Type.Object(Object.fromEntries(DEVICE_FIELD_KEYS.map((k) => [k, Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()]))])), { additionalProperties: false })

/** A hospital's device inventory: list, detail, edit, export, and links to manufacturers' product versions. */
export function deviceRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/devices',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Devices of the fleet', params: OrgParams, response: { 200: Type.Array(DeviceSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listDevices(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/devices/export',
      {
        preHandler: withOrg(db),
        schema: { tags: ['fleet'], summary: 'Export the inventory as CSV, XLSX or a FHIR R4 Bundle', params: OrgParams, querystring: Type.Object({ format: Type.Unsafe<(typeof EXPORT_FORMATS)[number]>({ type: 'string', enum: [...EXPORT_FORMATS], default: 'csv' }) }) },
      },
      async (request, reply) => {
        const result = await exportDevices(orgOf(request), request.query.format)
        if (!result.ok) return sendServiceError(reply, result.error)
        return reply
          .header('content-type', result.value.contentType)
          .header('content-disposition', `attachment; filename="${result.value.filename}"`)
          .send(Buffer.from(result.value.bytes))
      },
    )

    app.get(
      '/api/orgs/:orgId/devices/:deviceId',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'One device with its linked product version and security-support position',
          params: DeviceParams,
          response: { 200: Type.Object({ device: DeviceSchema, linkedProduct: Type.Union([CatalogueVersionSchema, Type.Null()]), support: Type.String(), gap: Type.Unknown() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await getDevice(orgOf(request), request.params.deviceId)
        return replyWith(reply, result)
      },
    )

    app.patch(
      '/api/orgs/:orgId/devices/:deviceId',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Change fields of a device (null clears)', params: DeviceParams, body: EditSchema, response: { 200: DeviceSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await updateDevice(orgOf(request), request.params.deviceId, request.body as Record<string, string | null>)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/devices/:deviceId/link-candidates',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: "Manufacturers' product versions this device could be, with confidence and reasons",
          params: DeviceParams,
          response: {
            200: Type.Array(
              Type.Object({
                productVersionId: Type.String(),
                productId: Type.String(),
                manufacturer: Type.String(),
                productName: Type.String(),
                modelNumber: NullableString,
                udiDi: NullableString,
                version: Type.String(),
                confidence: Type.Number(),
                level: Type.String(),
                reasons: Type.Array(Type.Object({ code: Type.String(), text: Type.String() })),
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await linkCandidates(orgOf(request), request.params.deviceId)
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/devices/:deviceId/link',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Confirm the product version of a device; identical devices reuse the link',
          params: DeviceParams,
          body: Type.Object({ productVersionId: Type.String({ maxLength: 64 }) }),
          response: { 200: Type.Object({ productVersionId: Type.String(), devicesLinked: Type.Integer(), reusedFor: Type.Array(Type.String()) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await confirmLink(orgOf(request), request.params.deviceId, request.body.productVersionId)
        return replyWith(reply, result)
      },
    )

    app.delete(
      '/api/orgs/:orgId/devices/:deviceId/link',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Remove the product link of a device', params: DeviceParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        const result = await unlinkDevice(orgOf(request), request.params.deviceId)
        return replyWith(reply, result, () => reply.status(204).send(null))
      },
    )
  }
}
