import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { AdvisoryContent } from '../../domain/csaf/advisory-content.js'
import type { Database } from '../../store/schema.js'
import { deleteAdvisory } from '../../services/advisories/delete-advisory.js'
import { advisoryCatalogue, getAdvisory, listAdvisories, previewAdvisory } from '../../services/advisories/get-advisory.js'
import { generateAdvisory } from '../../services/advisories/generate-from-findings.js'
import { publishAdvisory } from '../../services/advisories/publish-advisory.js'
import { createAdvisory, updateAdvisory } from '../../services/advisories/save-advisory.js'
import { getSigningKey, rotateSigningKey } from '../../services/csaf-provider/signing-key.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { baseUrl } from '../public/http.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams, Uuid } from '../schemas.js'
import { AdvisoryContentSchema, AdvisoryEditorSchema, ReportSchema, AdvisorySummarySchema, AdvisoryViewSchema, CatalogueSchema, GenerateBodySchema, GeneratedAdvisorySchema, SigningKeySchema } from './schemas.js'

const AdvisoryParams = Type.Object({ orgId: Type.String(), advisoryId: Uuid })
const tags = ['advisories']

/** Advisory authoring (CSAF 2.0): list, get, create, update, publish, delete drafts, render; the CSAF signing key. */
export function advisoryRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/advisories',
      { preHandler: withOrg(db), schema: { tags, summary: "The organization's advisories", params: OrgParams, response: { 200: Type.Array(AdvisorySummarySchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listAdvisories(orgOf(request), baseUrl(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/advisories/catalogue',
      { preHandler: withOrg(db), schema: { tags, summary: 'The product versions an advisory can name, with their CSAF product ids', params: OrgParams, response: { 200: CatalogueSchema, ...errorResponses } } },
      async (request) => (await advisoryCatalogue(orgOf(request))).value,
    )

    app.post(
      '/api/orgs/:orgId/advisories',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Create an advisory draft; the CSAF document is built and validated at once (audited)',
          params: OrgParams,
          body: Type.Object({ trackingId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), content: AdvisoryContentSchema }, { additionalProperties: false }),
          response: { 201: AdvisoryViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await createAdvisory(orgOf(request), { trackingId: request.body.trackingId, content: request.body.content as AdvisoryContent }, baseUrl(request))
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.post(
      '/api/orgs/:orgId/advisories/generate',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: "Generate a csaf_security_advisory or csaf_vex draft from a product's findings and triage decisions, saved like a new advisory (audited)",
          params: OrgParams,
          body: GenerateBodySchema,
          response: { 201: GeneratedAdvisorySchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { productId, productVersionIds, vulnerabilities, include, category, tlp, title, trackingId } = request.body
        const selection = vulnerabilities && vulnerabilities.length > 0 ? { kind: 'listed' as const, ids: vulnerabilities } : { kind: include === 'all' ? ('all' as const) : ('decided' as const) }
        const result = await generateAdvisory(
          orgOf(request),
          { productId, selection, ...(productVersionIds ? { productVersionIds } : {}), ...(category ? { category } : {}), ...(tlp ? { tlp } : {}), ...(title ? { title } : {}), ...(trackingId ? { trackingId } : {}) },
          baseUrl(request),
        )
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.get(
      '/api/orgs/:orgId/advisories/:advisoryId',
      { preHandler: withOrg(db), schema: { tags, summary: 'One advisory with its document, validation, catalogue and tracking', params: AdvisoryParams, response: { 200: AdvisoryEditorSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getAdvisory(orgOf(request), request.params.advisoryId, baseUrl(request))
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/advisories/:advisoryId',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: "Save an advisory's content; answers the rebuilt document and its validation (audited)",
          params: AdvisoryParams,
          body: Type.Object({ content: AdvisoryContentSchema }, { additionalProperties: false }),
          response: { 200: AdvisoryViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await updateAdvisory(orgOf(request), request.params.advisoryId, request.body.content as AdvisoryContent, baseUrl(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/advisories/:advisoryId/validate',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Build and validate unsaved content (nothing is stored): the live validation of the editor',
          params: AdvisoryParams,
          body: Type.Object({ content: AdvisoryContentSchema }, { additionalProperties: false }),
          response: { 200: Type.Object({ document: Type.Unknown(), report: ReportSchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await previewAdvisory(orgOf(request), request.params.advisoryId, request.body.content as AdvisoryContent, baseUrl(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/advisories/:advisoryId/publish',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Publish through the CSAF provider: bumps the version, appends a revision, hashes and signs (audited)',
          params: AdvisoryParams,
          body: Type.Object({ status: Type.Union([Type.Literal('interim'), Type.Literal('final')]), summary: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
          response: { 200: AdvisoryViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await publishAdvisory(orgOf(request), request.params.advisoryId, request.body, baseUrl(request))
        return replyWith(reply, result)
      },
    )

    app.delete(
      '/api/orgs/:orgId/advisories/:advisoryId',
      { preHandler: withOrg(db), schema: { tags, summary: 'Delete a draft that was never published (audited)', params: AdvisoryParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        const result = await deleteAdvisory(orgOf(request), request.params.advisoryId)
        return replyWith(reply, result, () => reply.status(204).send(null))
      },
    )

    app.get(
      '/api/orgs/:orgId/advisories/:advisoryId/advisory.html',
      { preHandler: withOrg(db), schema: { tags, summary: "The working copy as the customers' HTML page", params: AdvisoryParams } },
      async (request, reply) => {
        const result = await getAdvisory(orgOf(request), request.params.advisoryId, baseUrl(request))
        if (!result.ok) return sendServiceError(reply, result.error)
        if (!result.value.document) return sendServiceError(reply, { code: 'validation_failed', message: 'the advisory has no document yet; fix the errors first', details: result.value.validation })
        const { renderAdvisoryHtml } = await import('../../services/advisories/render-html.js')
        return reply.type('text/html; charset=utf-8').send(renderAdvisoryHtml(result.value.document as Record<string, unknown>, result.value.published ? { json: result.value.published.url } : {}))
      },
    )

    app.get(
      '/api/orgs/:orgId/advisories/:advisoryId/advisory.pdf',
      { preHandler: withOrg(db), schema: { tags, summary: 'The working copy as a PDF for customers', params: AdvisoryParams } },
      async (request, reply) => {
        const result = await getAdvisory(orgOf(request), request.params.advisoryId, baseUrl(request))
        if (!result.ok) return sendServiceError(reply, result.error)
        if (!result.value.document) return sendServiceError(reply, { code: 'validation_failed', message: 'the advisory has no document yet; fix the errors first', details: result.value.validation })
        const { renderAdvisoryPdf } = await import('../../services/advisories/render-pdf.js')
        const pdf = await renderAdvisoryPdf(result.value.document as Record<string, unknown>)
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${result.value.trackingId.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf"`)
          .send(Buffer.from(pdf))
      },
    )

    app.get(
      '/api/orgs/:orgId/csaf/signing-key',
      { preHandler: withOrg(db), schema: { tags, summary: "The organization's active CSAF OpenPGP signing key (public part), or null", params: OrgParams, response: { 200: Type.Union([SigningKeySchema, Type.Null()]), ...errorResponses } } },
      async (request, reply) => {
        const result = await getSigningKey(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/csaf/signing-key',
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Generate a new signing key (admins); the old one is retired and published files are signed again (audited)', params: OrgParams, response: { 201: SigningKeySchema, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await rotateSigningKey(orgOf(request))
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )
  }
}
