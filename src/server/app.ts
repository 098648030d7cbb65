import { existsSync } from 'node:fs'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../store/schema.js'
import { LoginThrottle } from '../services/auth/login-throttle.js'
import { ErrorBody, sendError } from './errors.js'
import { registerAuthentication } from './request-context.js'
import { findNonFiniteNumber, findUnstorableInput } from './input-guard.js'
import { healthRoutes } from './health/routes.js'
import { authRoutes } from './auth/routes.js'
import { orgRoutes } from './orgs/routes.js'
import { memberRoutes } from './members/routes.js'
import { tokenRoutes } from './tokens/routes.js'
import { auditRoutes } from './audit/routes.js'
import { productRoutes } from './products/routes.js'
import { deviceRoutes } from './devices/routes.js'
import { kbRoutes } from './kb/routes.js'
import { fleetRoutes } from './fleet/routes.js'
import { affectedRoutes } from './fleet/affected-routes.js'
import { fleetRiskRoutes } from './fleet/risk-routes.js'
import { fleetLifecycleRoutes } from './fleet/lifecycle-routes.js'
import { fleetDiscoveryRoutes } from './fleet/discovery-routes.js'
import { sharingRoutes } from './sharing/routes.js'
import { notificationRoutes } from './notifications/routes.js'
import { mds2Routes } from './mds2/routes.js'
import { scoringRoutes } from './scoring/routes.js'
import { sbomRoutes } from './sbom/routes.js'
import { findingsRoutes } from './findings/routes.js'
import { jobRoutes } from './jobs/routes.js'
import { advisoryRoutes } from './advisories/routes.js'
import { csafProviderRoutes } from './csaf-provider/routes.js'
import { disclosureRoutes } from './disclosure/routes.js'
import { publicRoutes } from './public/routes.js'

/** What the HTTP server needs. */
export interface ServerOptions {
  readonly db: Kysely<Database>
  /** pino logging to stderr; false in tests. */
  readonly logger?: boolean | { level: string }
  /** The built web UI to serve, if present. */
  readonly webDir?: string
  /** Mark cookies Secure (behind HTTPS). */
  readonly secureCookies?: boolean
  /** Largest accepted request body in bytes. */
  readonly bodyLimit?: number
  readonly loginThrottle?: LoginThrottle
}

/** Builds the fastify server: API routes, OpenAPI, security headers, error mapping and the web UI. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false || options.logger === undefined ? false : { level: typeof options.logger === 'object' ? options.logger.level : 'info', stream: process.stderr },
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    // Errors of the router (a malformed URL, a path parameter over maxParamLength) get the API's error body too.
    frameworkErrors: (error, _request, reply) => {
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return sendError(reply, 414, 'path_parameter_too_long', 'a path parameter is too long')
      if (error.code === 'FST_ERR_BAD_URL') return sendError(reply, 400, 'bad_url', 'the URL is malformed')
      return sendError(reply, error.statusCode && error.statusCode < 500 ? error.statusCode : 400, 'bad_request', error.message)
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addSchema(ErrorBody)
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'style-src': ["'self'", "'unsafe-inline'"],
        'script-src': ["'self'"],
      },
    },
  })
  await app.register(cookie)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'medsec API', version: '0.1.0', description: 'Cybersecurity of medical imaging devices: SBOM, VEX, CSAF, MDS2, fleet risk.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (msk_...) created by an organization admin' },
          session: { type: 'apiKey', in: 'cookie', name: 'medsec_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  })
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendError(reply, 400, 'validation_failed', error.message, error.validation.map((v) => ({ path: v.instancePath, message: v.message })))
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'payload_too_large', 'the request body is too large')
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'unsupported_media_type', 'send JSON (application/json)')
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendError(reply, 400, 'invalid_json', 'the request body is not valid JSON')
    }
    if (error.statusCode && error.statusCode < 500) return sendError(reply, error.statusCode, 'bad_request', error.message)
    request.log.error({ err: error }, 'unhandled error')
    return sendError(reply, 500, 'internal_error', 'an unexpected error occurred; it has been logged')
  })

  // Input the database cannot store (NUL in text, non-finite numbers) is bad input on every route: a 400, not a 500.
  app.addHook('preValidation', async (request, reply) => {
    const unstorable = findUnstorableInput({ params: request.params, querystring: request.query, body: request.body })
    if (unstorable) return sendError(reply, 400, 'validation_failed', `${unstorable.problem} (at ${unstorable.path})`, [{ path: unstorable.path, message: unstorable.problem }])
    const infinite = findNonFiniteNumber(request.query, request.routeOptions.schema?.querystring)
    if (infinite !== undefined) return sendError(reply, 400, 'validation_failed', `querystring/${infinite} must be a finite number`)
  })

  const throttle = options.loginThrottle ?? new LoginThrottle()
  registerAuthentication(app, options.db)
  await app.register(healthRoutes)
  await app.register(authRoutes(options.db, throttle, options.secureCookies ?? false))
  await app.register(orgRoutes(options.db))
  await app.register(memberRoutes(options.db))
  await app.register(tokenRoutes(options.db))
  await app.register(auditRoutes(options.db))
  await app.register(productRoutes(options.db))
  await app.register(deviceRoutes(options.db))
  await app.register(kbRoutes(options.db))
  await app.register(fleetRoutes(options.db))
  await app.register(affectedRoutes(options.db))
  await app.register(fleetRiskRoutes(options.db))
  await app.register(fleetLifecycleRoutes(options.db))
  await app.register(fleetDiscoveryRoutes(options.db))
  await app.register(sharingRoutes(options.db))
  await app.register(notificationRoutes(options.db))
  await app.register(mds2Routes(options.db))
  await app.register(scoringRoutes(options.db))
  await app.register(sbomRoutes(options.db))
  await app.register(findingsRoutes(options.db))
  await app.register(jobRoutes(options.db))
  await app.register(advisoryRoutes(options.db))
  await app.register(csafProviderRoutes(options.db))
  await app.register(disclosureRoutes(options.db))
  await app.register(publicRoutes(options.db))

  const webDir = options.webDir && existsSync(options.webDir) ? options.webDir : undefined
  if (webDir) await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false })
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !webDir) {
      return sendError(reply, 404, 'not_found', `no route ${request.method} ${request.url.split('?')[0]}`)
    }
    // The single-page app handles its own paths.
    return reply.type('text/html').sendFile('index.html', webDir)
  })
  return app
}
