import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { getVulnerability } from '../../services/kb/get-vulnerability.js'
import { kbStats } from '../../services/kb/kb-stats.js'
import { matchAgainstKb } from '../../services/kb/match-components.js'
import { searchVulnerabilities } from '../../services/kb/search-vulnerabilities.js'
import { errorResponses, replyWith } from '../errors.js'
import { requirePrincipal } from '../request-context.js'

// The knowledge base is instance-wide public data, not tenant rows: any authenticated principal may read it, and the
// routes live outside /api/orgs/:orgId. Imports are run by operators with `medsec kb import`.

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])
// Statements, findings and KEV entries are the domain's typed records; they are documented here as open objects.
const Record = Type.Object({}, { additionalProperties: true })

const SummarySchema = Type.Object({
  id: Type.String(),
  aliases: Type.Array(Type.String()),
  title: Nullable(Type.String()),
  sources: Type.Array(Type.String()),
  packages: Type.Number(),
  kev: Type.Boolean(),
  epss: Type.Union([Type.Number(), Type.Null()]),
  epssPercentile: Type.Union([Type.Number(), Type.Null()]),
  cvssScore: Type.Union([Type.Number(), Type.Null()]),
  severity: Nullable(Type.String()),
  published: Nullable(Type.String()),
})

const ComponentSchema = Type.Object({
  ref: Type.String({ minLength: 1, maxLength: 2000 }),
  name: Type.String({ maxLength: 2000 }),
  version: Type.Optional(Type.String({ maxLength: 500 })),
  purl: Type.Optional(Type.String({ maxLength: 4000 })),
  cpe: Type.Optional(Type.String({ maxLength: 2000 })),
  supplier: Type.Optional(Type.String({ maxLength: 2000 })),
})

/** Vulnerability search, detail, component matching and knowledge-base status. */
export function kbRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/kb/vulnerabilities',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['kb'],
          summary: 'Search vulnerabilities by id, alias, package, CPE vendor:product or product name (paged)',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 200 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
            offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
          }),
          response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(SummarySchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await searchVulnerabilities(db, request.query.q ?? '', { limit: request.query.limit, offset: request.query.offset })
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/kb/vulnerabilities/:id',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['kb'],
          summary: 'A vulnerability by id or alias: every source statement with its origin, KEV, EPSS and recomputed CVSS scores',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: {
            200: Type.Object({
              id: Type.String(),
              aliases: Type.Array(Type.String()),
              title: Nullable(Type.String()),
              statements: Type.Array(Record),
              kev: Type.Union([Record, Type.Null()]),
              epss: Type.Union([Record, Type.Null()]),
              cvss: Type.Array(Record),
            }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const result = await getVulnerability(db, request.params.id)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/kb/match',
      {
        preHandler: requirePrincipal,
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags: ['kb'],
          summary: 'Match components (ref, name, version, purl, cpe, supplier) against the knowledge base; findings say why',
          body: Type.Object({ components: Type.Array(ComponentSchema, { maxItems: 50_000 }) }),
          response: { 200: Type.Object({ findings: Type.Array(Record), unmatchedComponents: Type.Array(Record), stats: Record }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await matchAgainstKb(db, request.body.components)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/kb/stats',
      {
        preHandler: requirePrincipal,
        schema: { tags: ['kb'], summary: 'Knowledge-base counts per source and the state of every imported source', response: { 200: Record, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await kbStats(db)
        return replyWith(reply, result)
      },
    )
  }
}
