import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { importDevices, previewImport } from '../../services/fleet/import-devices.js'
import { listImports } from '../../services/fleet/list-imports.js'
import { listMappings, saveMapping } from '../../services/fleet/mappings.js'
import { acceptDiscovery, dismissDiscovery, listDiscoveries } from '../../services/fleet/discoveries.js'
import { lifecycleSummary } from '../../services/fleet/lifecycle-summary.js'
import { setSecurityEndOfSupport } from '../../services/fleet/set-security-end-of-support.js'
import { MAX_INVENTORY_BYTES } from '../../services/fleet/files.js'
import { errorResponses, replyWith, sendError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { NullableTimestamp, OrgParams, Timestamp } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])

// Base64 makes the JSON body a third larger than the file.
const UPLOAD_BODY_LIMIT = Math.ceil((MAX_INVENTORY_BYTES * 4) / 3) + 64 * 1024

const UploadBody = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({ minLength: 1 }),
  mapping: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])), Type.Null()])),
  mappingName: Type.Optional(Type.String({ maxLength: 100 })),
})

const RejectedRowSchema = Type.Object({
  row: Type.Integer(),
  reason: Type.String(),
  problems: Type.Array(Type.Object({ column: NullableString, field: NullableString, code: Type.String(), message: Type.String() })),
})

/** One DICOM discovery result as the API returns it. */
export const DiscoverySchema = Type.Object({
  id: Type.String(),
  run_id: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  called_ae: Type.String(),
  calling_ae: Type.String(),
  outcome: Type.String(),
  echo_status: Type.Union([Type.Integer(), Type.Null()]),
  implementation_class_uid: NullableString,
  implementation_version: NullableString,
  responded_at: Timestamp,
  status: Type.String(),
  device_id: NullableString,
  decided_by: NullableString,
  decided_at: NullableTimestamp,
})

function decode(base64: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64.replace(/\s+/g, ''))) return undefined
  return new Uint8Array(Buffer.from(base64, 'base64'))
}

/** Fleet import (preview and commit), saved mappings, discovery proposals, the support-life summary, and manufacturers' end-of-support dates. */
export function fleetRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/orgs/:orgId/fleet/imports/preview',
      {
        preHandler: withOrg(db),
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: { tags: ['fleet'], summary: 'Read an inventory file (CSV, XLSX, FHIR R4 JSON) and show what importing it would do', params: OrgParams, body: UploadBody },
      },
      async (request, reply) => {
        const bytes = decode(request.body.contentBase64)
        if (!bytes) return sendError(reply, 400, 'validation_failed', 'contentBase64 is not base64')
        const result = await previewImport(orgOf(request), { filename: request.body.filename, bytes, mapping: request.body.mapping ?? undefined, mappingName: request.body.mappingName })
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/fleet/imports',
      {
        preHandler: withOrg(db),
        bodyLimit: UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['fleet'],
          summary: 'Import an inventory file in one transaction; bad rows are reported, good rows imported',
          params: OrgParams,
          body: Type.Object({ ...UploadBody.properties, saveMappingAs: Type.Optional(Type.String({ maxLength: 100 })) }),
          response: {
            201: Type.Object({
              importId: Type.String(),
              format: Type.String(),
              sha256: Type.String(),
              created: Type.Integer(),
              updated: Type.Integer(),
              unchanged: Type.Integer(),
              rejected: Type.Array(RejectedRowSchema),
              linksReused: Type.Integer(),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const bytes = decode(request.body.contentBase64)
        if (!bytes) return sendError(reply, 400, 'validation_failed', 'contentBase64 is not base64')
        const result = await importDevices(orgOf(request), {
          filename: request.body.filename,
          bytes,
          mapping: request.body.mapping ?? undefined,
          mappingName: request.body.mappingName,
          saveMappingAs: request.body.saveMappingAs,
        })
        return replyWith(reply, result, (report) => reply.status(201).send({ ...report, rejected: report.rejected.map((r) => ({ ...r, problems: [...r.problems] })) }))
      },
    )

    app.get(
      '/api/orgs/:orgId/fleet/imports',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Latest inventory imports with their SHA-256 and outcome',
          params: OrgParams,
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.String(),
                filename: Type.String(),
                format: Type.String(),
                sha256: Type.String(),
                size_bytes: Type.Integer(),
                created_count: Type.Integer(),
                updated_count: Type.Integer(),
                unchanged_count: Type.Integer(),
                rejected: Type.Unknown(),
                created_by_label: Type.String(),
                created_at: Timestamp,
              }),
            ),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await listImports(orgOf(request))
        return replyWith(reply, result)
      },
    )

    const MappingSchema = Type.Object({ id: Type.String(), name: Type.String(), mapping: Type.Unknown(), updatedAt: Timestamp })
    app.get(
      '/api/orgs/:orgId/fleet/mappings',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Saved column mappings', params: OrgParams, response: { 200: Type.Array(MappingSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listMappings(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/fleet/mappings',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Save a column mapping under a name',
          params: OrgParams,
          body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), mapping: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])) }),
          response: { 200: MappingSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await saveMapping(orgOf(request), request.body.name, request.body.mapping)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/fleet/discoveries',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'DICOM discovery results proposed as inventory entries',
          params: OrgParams,
          querystring: Type.Object({ status: Type.Optional(Type.Unsafe<'proposed' | 'accepted' | 'dismissed'>({ type: 'string', enum: ['proposed', 'accepted', 'dismissed'] })) }),
          response: {
            200: Type.Array(Type.Object({ ...DiscoverySchema.properties, matchingDevice: Type.Union([Type.Object({ id: Type.String(), assetTag: Type.String() }), Type.Null()]), proposedAssetTag: Type.String() })),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await listDiscoveries(orgOf(request), request.query.status)
        return replyWith(reply, result)
      },
    )

    const DiscoveryParams = Type.Object({ orgId: Type.String(), discoveryId: Type.String() })
    app.post(
      '/api/orgs/:orgId/fleet/discoveries/:discoveryId/accept',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Accept a discovery result into the inventory (updates the device at that address, else creates one)',
          params: DiscoveryParams,
          body: Type.Object({ assetTag: Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: Type.Object({ discovery: DiscoverySchema, device: Type.Object({ id: Type.String(), asset_tag: Type.String() }), created: Type.Boolean() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await acceptDiscovery(orgOf(request), request.params.discoveryId, request.body)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/fleet/discoveries/:discoveryId/dismiss',
      { preHandler: withOrg(db), schema: { tags: ['fleet'], summary: 'Dismiss a discovery result', params: DiscoveryParams, response: { 200: DiscoverySchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await dismissDiscovery(orgOf(request), request.params.discoveryId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/fleet/lifecycle',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['fleet'],
          summary: 'Devices past or near security end of support, and support-vs-clinical-life gaps',
          params: OrgParams,
          querystring: Type.Object({ horizonDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })) }),
        },
      },
      async (request, reply) => {
        const result = await lifecycleSummary(orgOf(request), request.query.horizonDays ?? 365)
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/product-versions/:versionId/security-end-of-support',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['products'],
          summary: "Declare a product version's security end of support (manufacturers)",
          params: Type.Object({ orgId: Type.String(), versionId: Type.String() }),
          body: Type.Object({ date: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]) }),
          response: { 200: Type.Object({ id: Type.String(), version: Type.String(), securityEndOfSupport: NullableString }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await setSecurityEndOfSupport(orgOf(request), request.params.versionId, request.body.date)
        return replyWith(reply, result)
      },
    )
  }
}
