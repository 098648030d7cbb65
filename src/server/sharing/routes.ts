import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { changeProductTlp } from '../../services/sharing/change-product-tlp.js'
import { decideRelationship } from '../../services/sharing/decide-relationship.js'
import { getAgreement } from '../../services/sharing/get-agreement.js'
import { inviteRecipient } from '../../services/sharing/invite-recipient.js'
import { listAccessLog } from '../../services/sharing/list-access-log.js'
import { listRelationships } from '../../services/sharing/list-relationships.js'
import { regulatorOverview } from '../../services/sharing/regulator-overview.js'
import { requestAccess } from '../../services/sharing/request-access.js'
import { anonymousReader, readerFor } from '../../services/sharing/shared-artifacts.js'
import { exportSharedProduct, getSharedProduct, listSharedProducts } from '../../services/sharing/shared-products.js'
import { sharingDirectory } from '../../services/sharing/sharing-directory.js'
import { updateRelationshipScope } from '../../services/sharing/update-scope.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrganizationKindSchema, OrgParams, Timestamp, TlpSchema } from '../schemas.js'
import { AccessEntrySchema, RegulatorOverviewSchema, RelationshipSchema, ScopeBody, SharedProductSchema } from './schemas.js'
import { sharedArtifactRoutes } from './shared-artifact-routes.js'

const RelationshipParams = Type.Object({ orgId: Type.String(), relationshipId: Type.String() })
const ProductParams = Type.Object({ orgId: Type.String(), productId: Type.String() })
const Agreement = Type.Optional(Type.Integer({ minimum: 1, description: 'the version of the terms of use the person accepts' }))
const tags = ['sharing']

/** Lets a write without a body (e.g. a revocation) validate as an empty object. */
export async function emptyBodyAsObject(request: FastifyRequest): Promise<void> {
  request.body ??= {}
}

/** Relationships, the terms of use, shared products and their SBOM/MDS2/VEX under TLP, the access log, product labels and the regulator view. */
export function sharingRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(sharedArtifactRoutes(db))

    app.get(
      '/api/sharing/agreement',
      { schema: { tags, summary: 'The current terms of use for sharing (public)', response: { 200: Type.Object({ version: Type.Integer(), title: Type.String(), body: Type.String(), publishedAt: Timestamp }), ...errorResponses } } },
      async (_request, reply) => {
        const result = await getAgreement(db)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/public/products',
      { schema: { tags, summary: 'Products labelled TLP:CLEAR (public, no login)', response: { 200: Type.Array(SharedProductSchema), ...errorResponses } } },
      async (_request, reply) => {
        const result = await listSharedProducts(anonymousReader(db))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/sharing/relationships',
      { preHandler: withOrg(db), schema: { tags, summary: 'Relationships on either side: requests, invitations, approved, ended', params: OrgParams, response: { 200: Type.Array(RelationshipSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listRelationships(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/sharing/directory',
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Organizations this one can start a relationship with', params: OrgParams, response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: OrganizationKindSchema })), ...errorResponses } },
      },
      async (request, reply) => {
        const result = await sharingDirectory(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/sharing/requests',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: "Ask a manufacturer for access to its products (hospitals, researchers; admins); accepts the terms of use",
          params: OrgParams,
          body: Type.Object({ manufacturerOrgId: Type.String(), message: Type.Optional(Type.String({ maxLength: 2000 })), acceptAgreementVersion: Agreement, ...ScopeBody }),
          response: { 201: RelationshipSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await requestAccess(orgOf(request), request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.post(
      '/api/orgs/:orgId/sharing/invitations',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Invite a hospital or researcher to receive artifacts within a scope (manufacturers; admins); accepts the terms of use',
          params: OrgParams,
          body: Type.Object({ recipientOrgId: Type.String(), message: Type.Optional(Type.String({ maxLength: 2000 })), acceptAgreementVersion: Agreement, ...ScopeBody }),
          response: { 201: RelationshipSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await inviteRecipient(orgOf(request), request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    for (const action of ['approve', 'decline', 'revoke'] as const) {
      app.post(
        `/api/orgs/:orgId/sharing/relationships/:relationshipId/${action}`,
        {
          preHandler: withOrg(db),
          preValidation: emptyBodyAsObject,
          schema: {
            tags,
            summary: {
              approve: 'Approve a request (manufacturer, may set the scope) or accept an invitation (recipient); accepts the terms of use',
              decline: 'Decline or withdraw a pending request or invitation',
              revoke: 'End an approved relationship; access ends at once',
            }[action],
            params: RelationshipParams,
            body: Type.Object({ acceptAgreementVersion: Agreement, ...ScopeBody }),
            response: { 200: RelationshipSchema, ...errorResponses },
          },
        },
        async (request, reply) => {
          const result = await decideRelationship(orgOf(request), request.params.relationshipId, action, request.body)
          return replyWith(reply, result)
        },
      )
    }

    app.put(
      '/api/orgs/:orgId/sharing/relationships/:relationshipId/scope',
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Change the products and artifact kinds a relationship covers (manufacturer admins)', params: RelationshipParams, body: Type.Object(ScopeBody), response: { 200: RelationshipSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await updateRelationshipScope(orgOf(request), request.params.relationshipId, request.body)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/shared/products',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Products this organization may see under TLP 2.0 and its relationships (its own included)',
          params: OrgParams,
          querystring: Type.Object({ manufacturerOrgId: Type.Optional(Type.String({ format: 'uuid' })) }),
          response: { 200: Type.Array(SharedProductSchema), ...errorResponses },
        },
      },
      async (request, reply) => {
        const ctx = orgOf(request)
        const result = await listSharedProducts(await readerFor(ctx), { manufacturerOrgId: request.query.manufacturerOrgId })
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/shared/products/:productId',
      { preHandler: withOrg(db), schema: { tags, summary: 'One shared product (404 when the label does not allow it)', params: ProductParams, response: { 200: SharedProductSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getSharedProduct(await readerFor(orgOf(request)), request.params.productId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/shared/products/:productId/export',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Export one shared product as JSON carrying its TLP marking',
          params: ProductParams,
          response: { 200: Type.Object({ tlp: Type.Object({ label: Type.String(), rule: Type.String(), definition: Type.String() }), kind: Type.String(), exportedAt: Type.String(), content: SharedProductSchema }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await exportSharedProduct(await readerFor(orgOf(request)), request.params.productId)
        if (!result.ok) return sendServiceError(reply, result.error)
        reply.header('x-tlp', result.value.tlp.label)
        reply.header('content-disposition', `attachment; filename="product-${result.value.content.id}.${result.value.tlp.label.replace(':', '-').replace('+', '-')}.json"`)
        return result.value
      },
    )

    app.get(
      '/api/orgs/:orgId/sharing/access-log',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: "Who read this organization's AMBER, AMBER+STRICT and RED artifacts (analysts, admins)",
          params: OrgParams,
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }), offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }) }),
          response: { 200: Type.Object({ total: Type.Integer(), entries: Type.Array(AccessEntrySchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await listAccessLog(orgOf(request), request.query)
        return replyWith(reply, result)
      },
    )

    app.patch(
      '/api/orgs/:orgId/products/:productId/tlp',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['products'],
          summary: 'Change the TLP label of a product and its versions; a downgrade is audited as product.tlp_downgrade',
          params: ProductParams,
          body: Type.Object({ tlp: TlpSchema, versions: Type.Optional(Type.Boolean({ default: true })), namedRecipients: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100, description: 'user ids, for TLP:RED' })) }),
          response: { 200: Type.Object({ productId: Type.String(), from: TlpSchema, to: TlpSchema, downgrade: Type.Boolean(), namedRecipients: Type.Array(Type.String()) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await changeProductTlp(orgOf(request), request.params.productId, request.body.tlp, { versions: request.body.versions, namedRecipients: request.body.namedRecipients })
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/regulator/overview',
      { preHandler: withOrg(db), schema: { tags, summary: 'De-identified platform aggregates (regulators)', params: OrgParams, response: { 200: RegulatorOverviewSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await regulatorOverview(orgOf(request))
        return replyWith(reply, result)
      },
    )
  }
}
