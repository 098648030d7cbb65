import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { createProduct } from '../../services/products/create-product.js'
import { listProducts } from '../../services/products/list-products.js'
import { getProduct } from '../../services/products/get-product.js'
import { updateProduct } from '../../services/products/update-product.js'
import { addProductVersion } from '../../services/products/add-version.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams, Timestamp, TlpSchema, Uuid } from '../schemas.js'

const VersionSchema = Type.Object({ id: Type.String(), version: Type.String(), tlp: TlpSchema, created_at: Timestamp })
const ProductSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  model_number: Type.Union([Type.String(), Type.Null()]),
  udi_di: Type.Union([Type.String(), Type.Null()]),
  tlp: TlpSchema,
  created_at: Timestamp,
  versions: Type.Array(VersionSchema),
})
const ProductFields = {
  id: Type.String(),
  name: Type.String(),
  model_number: Type.Union([Type.String(), Type.Null()]),
  udi_di: Type.Union([Type.String(), Type.Null()]),
  tlp: TlpSchema,
  created_at: Timestamp,
}
const LatestSbomSchema = Type.Object({ revisionId: Type.String(), revision: Type.Integer(), components: Type.Integer(), uploadedAt: Timestamp })
const ProductDetailSchema = Type.Object({
  ...ProductFields,
  versions: Type.Array(Type.Object({ ...VersionSchema.properties, sbom: Type.Union([LatestSbomSchema, Type.Null()]) })),
})
const ProductParams = Type.Object({ orgId: Type.String(), productId: Uuid })

/** A manufacturer's products and versions. */
export function productRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/products',
      { preHandler: withOrg(db), schema: { tags: ['products'], summary: 'Products with their versions', params: OrgParams, response: { 200: Type.Array(ProductSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listProducts(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/products',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['products'],
          summary: 'Create a product with optional first versions (manufacturers)',
          params: OrgParams,
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 200 }),
            modelNumber: Type.Optional(Type.String({ maxLength: 100 })),
            udiDi: Type.Optional(Type.String({ maxLength: 100 })),
            tlp: Type.Optional(TlpSchema),
            versions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
          }),
          response: { 201: ProductSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await createProduct(orgOf(request), { ...request.body, tlp: request.body.tlp ?? 'AMBER' })
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.get(
      '/api/orgs/:orgId/products/:productId',
      { preHandler: withOrg(db), schema: { tags: ['products'], summary: 'One product with its versions and their latest SBOMs', params: ProductParams, response: { 200: ProductDetailSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getProduct(orgOf(request), request.params.productId)
        return replyWith(reply, result)
      },
    )

    app.patch(
      '/api/orgs/:orgId/products/:productId',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['products'],
          summary: "Edit a product's name, model number, UDI-DI or TLP (empty string or null clears the optional fields; audited)",
          params: ProductParams,
          body: Type.Object(
            {
              name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
              modelNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
              udiDi: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
              tlp: Type.Optional(TlpSchema),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object(ProductFields), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await updateProduct(orgOf(request), request.params.productId, request.body)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/products/:productId/versions',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['products'],
          summary: 'Add a version to a product (TLP defaults to the product\'s)',
          params: ProductParams,
          body: Type.Object({ version: Type.String({ minLength: 1, maxLength: 100 }), tlp: Type.Optional(TlpSchema) }),
          response: { 201: VersionSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await addProductVersion(orgOf(request), request.params.productId, request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )
  }
}
