import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import {
  downloadSharedSbom,
  exportSharedMds2,
  exportSharedVex,
  getSharedMds2,
  getSharedSbom,
  getSharedVex,
  listSharedMds2,
  listSharedSbomComponents,
} from '../../services/sharing/shared-version-artifacts.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { sendDownload } from '../public/http.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams, TlpSchema } from '../schemas.js'
import { DocumentViewSchema } from '../mds2/schemas.js'
import { ComponentPageSchema, ComponentQuerySchema, QualitySchema, RevisionSchema } from '../sbom/schemas.js'

const VersionParams = Type.Object({ orgId: Type.String(), productId: Type.String(), versionId: Type.String() })
const SharedHeader = {
  manufacturer: Type.Object({ id: Type.String(), name: Type.String() }),
  product: Type.Object({ id: Type.String(), name: Type.String() }),
  version: Type.Object({ id: Type.String(), version: Type.String() }),
  tlp: TlpSchema,
}
const Marking = Type.Object({ label: Type.String(), rule: Type.String(), definition: Type.String() })
const VexFormatSchema = Type.Union([Type.Literal('cyclonedx'), Type.Literal('openvex'), Type.Literal('csaf')])
const tags = ['sharing']
const base = '/api/orgs/:orgId/shared/products/:productId/versions/:versionId'

// A revocation must take effect on the next request: no shared answer may be kept by a browser or proxy.
function shared(reply: FastifyReply, tlp: string): FastifyReply {
  return reply.header('cache-control', 'no-store').header('x-tlp', `TLP:${tlp}`)
}

/**
 * A manufacturer's SBOM, MDS2 and VEX of the product versions it shares, read by a receiving organization: every
 * route reads through the TLP policy (src/services/sharing/shared-version-artifacts.ts), answers 404 for what the
 * organization may not see, and restricted reads land in the manufacturer's access log.
 */
export function sharedArtifactRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/shared/mds2',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'MDS2 documents manufacturers share with this organization (for the procurement comparison)',
          params: OrgParams,
          response: { 200: Type.Array(Type.Object({ versionId: Type.String(), documentId: Type.String(), label: Type.String(), tlp: TlpSchema })), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await listSharedMds2(orgOf(request))
        return replyWith(reply, result, (value) => reply.header('cache-control', 'no-store').send(value))
      },
    )

    app.get(
      `${base}/sbom`,
      { preHandler: withOrg(db), schema: { tags, summary: 'The latest SBOM of a shared product version with its quality report', params: VersionParams, response: { 200: Type.Object({ ...SharedHeader, revision: RevisionSchema, quality: QualitySchema }), ...errorResponses } } },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const result = await getSharedSbom(orgOf(request), productId, versionId)
        return replyWith(reply, result, (value) => shared(reply, value.tlp).send(value))
      },
    )

    app.get(
      `${base}/sbom/components`,
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'The component table of a shared SBOM: searched, filtered, sorted and paged', params: VersionParams, querystring: ComponentQuerySchema, response: { 200: Type.Object({ ...ComponentPageSchema.properties, tlp: TlpSchema }), ...errorResponses } },
      },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const { q, ...rest } = request.query
        const result = await listSharedSbomComponents(orgOf(request), productId, versionId, { ...rest, ...(q === undefined ? {} : { search: q }) })
        return replyWith(reply, result, (value) => shared(reply, value.tlp).send(value))
      },
    )

    app.get(
      `${base}/sbom/original`,
      { preHandler: withOrg(db), schema: { tags, summary: 'Download a shared SBOM as the manufacturer uploaded it (TLP in x-tlp, SHA-256 in x-content-sha256)', params: VersionParams, response: errorResponses } },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const result = await downloadSharedSbom(orgOf(request), productId, versionId)
        return replyWith(reply, result, (value) => sendDownload(shared(reply, value.tlp), { filename: value.filename, sha256: value.sha256, content: value.bytes }))
      },
    )

    app.get(
      `${base}/mds2`,
      { preHandler: withOrg(db), schema: { tags, summary: 'The MDS2 of a shared product version', params: VersionParams, response: { 200: Type.Object({ ...SharedHeader, document: DocumentViewSchema }), ...errorResponses } } },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const result = await getSharedMds2(orgOf(request), productId, versionId)
        return replyWith(reply, result, (value) => shared(reply, value.tlp).send(value))
      },
    )

    app.get(
      `${base}/mds2/export`,
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Export the MDS2 of a shared product version as JSON carrying its TLP marking', params: VersionParams, response: { 200: Type.Object({ tlp: Marking, kind: Type.String(), exportedAt: Type.String(), content: Type.Unknown() }), ...errorResponses } },
      },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const result = await exportSharedMds2(orgOf(request), productId, versionId)
        if (!result.ok) return sendServiceError(reply, result.error)
        return shared(reply, result.value.content.tlp)
          .header('content-disposition', `attachment; filename="mds2-${versionId}.${result.value.tlp.label.replace(':', '-').replace('+', '-')}.json"`)
          .send(result.value)
      },
    )

    app.get(
      `${base}/vex`,
      { preHandler: withOrg(db), schema: { tags, summary: "The findings of a shared product version with the manufacturer's VEX decisions", params: VersionParams, response: { 200: Type.Unknown(), ...errorResponses } } },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const result = await getSharedVex(orgOf(request), productId, versionId)
        return replyWith(reply, result, (value) => shared(reply, value.tlp).send(value))
      },
    )

    app.get(
      `${base}/vex/export`,
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'The VEX of a shared product version as CycloneDX VEX, OpenVEX or CSAF VEX', params: VersionParams, querystring: Type.Object({ format: Type.Optional(VexFormatSchema) }), response: { 200: Type.Unknown(), ...errorResponses } },
      },
      async (request, reply) => {
        const { productId, versionId } = request.params
        const result = await exportSharedVex(orgOf(request), productId, versionId, request.query.format ?? 'openvex')
        if (!result.ok) return sendServiceError(reply, result.error)
        return shared(reply, result.value.tlp)
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${result.value.filename}"`)
          .send(JSON.stringify(result.value.document, null, 2))
      },
    )
  }
}
