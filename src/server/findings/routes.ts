import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { triageResponses, triageStates } from '../../domain/findings/index.js'
import { vexJustifications } from '../../domain/vex/index.js'
import type { Database } from '../../store/schema.js'
import { decideFinding, removeDecision } from '../../services/findings/decide.js'
import { exportVex } from '../../services/findings/export-vex.js'
import { importVex } from '../../services/findings/import-vex.js'
import { listFindings } from '../../services/findings/list-findings.js'
import { matchProductVersion } from '../../services/findings/match-product-version.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { Uuid } from '../schemas.js'

const VersionParams = Type.Object({ orgId: Type.String(), versionId: Uuid })
const FindingParams = Type.Object({ orgId: Type.String(), findingId: Uuid })
const ScopeKind = Type.Union([Type.Literal('product_version'), Type.Literal('product'), Type.Literal('component')])
const DecisionBody = Type.Object({
  scope: ScopeKind,
  state: Type.Union(triageStates.map((s) => Type.Literal(s))),
  justification: Type.Optional(Type.Union([Type.Null(), ...vexJustifications.map((j) => Type.Literal(j))])),
  responses: Type.Optional(Type.Array(Type.Union(triageResponses.map((r) => Type.Literal(r))), { maxItems: 5 })),
  detail: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 10_000 })])),
})
const VexFormatSchema = Type.Union([Type.Literal('cyclonedx'), Type.Literal('openvex'), Type.Literal('csaf')])
// Findings, runs and VEX documents are documented by their services' types; the schema leaves them open.
const Open = Type.Unknown()

/** Findings of product versions, the manual re-match, triage decisions and VEX export/import (background matching: server/jobs). */
export function findingsRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/product-versions/:versionId/findings',
      { preHandler: withOrg(db), schema: { tags: ['findings'], summary: 'Findings of a product version with reasons, enrichment and effective triage decisions', params: VersionParams, response: { 200: Open, ...errorResponses } } },
      async (request, reply) => {
        const result = await listFindings(orgOf(request), request.params.versionId)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/product-versions/:versionId/findings/rematch',
      { preHandler: withOrg(db), schema: { tags: ['findings'], summary: "Match the product version's latest SBOM revision against the KB now (analyst+)", params: VersionParams, response: { 200: Open, ...errorResponses } } },
      async (request, reply) => {
        const result = await matchProductVersion(orgOf(request), request.params.versionId)
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/findings/:findingId/decision',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['findings'],
          summary: "Record the triage decision of a finding's vulnerability for its product version, its product (all versions) or its component org-wide (analyst+)",
          params: FindingParams,
          body: DecisionBody,
          response: { 200: Open, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { scope, ...input } = request.body
        const result = await decideFinding(orgOf(request), request.params.findingId, scope, input)
        return replyWith(reply, result)
      },
    )

    app.delete(
      '/api/orgs/:orgId/findings/:findingId/decision',
      {
        preHandler: withOrg(db),
        schema: { tags: ['findings'], summary: 'Remove the decision at one scope, so that an inherited one applies again (analyst+)', params: FindingParams, querystring: Type.Object({ scope: Type.Optional(ScopeKind) }), response: { 200: Open, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await removeDecision(orgOf(request), request.params.findingId, request.query.scope ?? 'product_version')
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/product-versions/:versionId/vex',
      {
        preHandler: withOrg(db),
        schema: { tags: ['findings'], summary: "Export the product version's findings and effective decisions as CycloneDX VEX, OpenVEX 0.2.0 or CSAF VEX", params: VersionParams, querystring: Type.Object({ format: Type.Optional(VexFormatSchema) }), response: { 200: Open, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await exportVex(orgOf(request), request.params.versionId, request.query.format ?? 'openvex')
        if (!result.ok) return sendServiceError(reply, result.error)
        return reply
          .header('content-type', 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="${result.value.filename}"`)
          .header('x-tlp', result.value.tlp)
          .send(JSON.stringify(result.value.document, null, 2))
      },
    )

    app.post(
      '/api/orgs/:orgId/vex/import',
      {
        preHandler: withOrg(db),
        bodyLimit: 10 * 1024 * 1024,
        schema: { tags: ['findings'], summary: 'Import a VEX document (CycloneDX, OpenVEX, CSAF): statements apply by product, purl or CPE identity (analyst+)', body: Type.Object({ document: Type.Object({}, { additionalProperties: true }) }), response: { 200: Open, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await importVex(orgOf(request), request.body.document)
        return replyWith(reply, result)
      },
    )
  }
}
