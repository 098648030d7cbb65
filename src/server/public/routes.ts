import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { downloadPortalAttachment } from '../../services/disclosure/download-portal-attachment.js'
import { getPortal } from '../../services/disclosure/get-portal.js'
import { getPublicProgramme } from '../../services/disclosure/get-public-programme.js'
import { hitPublicLimit } from '../../services/disclosure/public-limit.js'
import { postPortalMessage } from '../../services/disclosure/post-portal-message.js'
import { acknowledgmentsText, instanceSecurityTxt, manufacturerPgpKey, manufacturerSecurityTxt } from '../../services/disclosure/security-txt.js'
import { setEmailUpdates } from '../../services/disclosure/set-email-updates.js'
import { submitReport } from '../../services/disclosure/submit-report.js'
import { smtpMailer, type Mailer } from '../../services/notifications/mailer.js'
import { errorResponses, replyWith, sendError, sendServiceError } from '../errors.js'
import { ATTACHMENT_BODY_LIMIT, MessageBody, UploadsSchema, View } from '../disclosure/schemas.js'
import { baseUrl, sendDownload, sendText } from './http.js'
import { defaultPublicLimits, RateLimiter, type PublicLimits, type RateLimit } from './rate-limit.js'

/** The header that carries the reporter's secret (taken from the link's fragment, so it never reaches a log). */
export const PORTAL_TOKEN_HEADER = 'x-portal-token'

/** Options of the public routes. */
export interface PublicRouteOptions {
  /** The operator's security contact (a mailto:, https: or tel: URI); MEDSEC_SECURITY_CONTACT, else security@<host>. */
  readonly securityContact?: string
  readonly limits?: PublicLimits
  /** Sends the acknowledgement to a reporter directly; defaults to MEDSEC_SMTP_URL (none: it waits in the outbox). */
  readonly mailer?: Mailer
}

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) })

/**
 * Routes without an account: security.txt files (the instance's and each manufacturer's), the public report form's
 * API and the reporter portal. Every route here is rate limited per client address; reports and portal writes with
 * counters in the database.
 */
export function publicRoutes(db: Kysely<Database>, options: PublicRouteOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    const limits = options.limits ?? defaultPublicLimits
    const mailer = options.mailer ?? smtpMailer(process.env.MEDSEC_SMTP_URL, process.env.MEDSEC_MAIL_FROM ?? 'medsec <medsec@localhost>')
    const limiter = new RateLimiter()
    const refuse = (reply: FastifyReply, waitMs: number): boolean => {
      if (waitMs === 0) return false
      sendServiceError(reply, { code: 'rate_limited', message: 'too many requests from this address; try again later', details: { retryAfterSeconds: Math.ceil(waitMs / 1000) } })
      return true
    }
    const limited = (request: FastifyRequest, reply: FastifyReply, name: string, limit: RateLimit): boolean => refuse(reply, limiter.hit(`${name}:${request.ip}`, limit))
    // Reports and portal writes are counted in the database: the limit survives restarts and holds across instances.
    const limitedInDatabase = async (request: FastifyRequest, reply: FastifyReply, name: string, limit: RateLimit): Promise<boolean> => refuse(reply, await hitPublicLimit(db, name, request.ip, limit))
    // Encapsulated in this plugin, so the hook limits only the public routes.
    app.addHook('onRequest', async (request, reply) => {
      limited(request, reply, 'public', limits.anyRequest)
    })
    const tags = ['public']

    app.get('/.well-known/security.txt', { schema: { tags, summary: "The instance operator's security.txt (RFC 9116)" } }, async (request, reply) => {
      const base = baseUrl(request)
      const contact = options.securityContact ?? process.env.MEDSEC_SECURITY_CONTACT ?? `mailto:security@${request.hostname}`
      return sendText(reply, instanceSecurityTxt(base, contact).text)
    })
    app.get('/security.txt', { schema: { tags, summary: 'Legacy location: redirects to /.well-known/security.txt' } }, async (_request, reply) => reply.redirect('/.well-known/security.txt', 301))

    app.get('/orgs/:slug/security.txt', { schema: { tags, summary: "A manufacturer's security.txt hosted by the platform", params: SlugParams } }, async (request, reply) => {
      const result = await manufacturerSecurityTxt(db, request.params.slug, baseUrl(request), 'platform')
      return replyWith(reply, result, (value) => sendText(reply, value.text))
    })
    app.get('/orgs/:slug/pgp-key.asc', { schema: { tags, summary: "A manufacturer's OpenPGP public key", params: SlugParams } }, async (request, reply) => {
      const result = await manufacturerPgpKey(db, request.params.slug)
      return replyWith(reply, result, (value) => value ? sendText(reply, value, 'application/pgp-keys; charset=utf-8') : sendError(reply, 404, 'not_found', 'this manufacturer has not published an OpenPGP key'))
    })
    app.get('/orgs/:slug/acknowledgments.txt', { schema: { tags, summary: "A manufacturer's hall of fame", params: SlugParams } }, async (request, reply) => {
      const result = await acknowledgmentsText(db, request.params.slug)
      return replyWith(reply, result, (value) => sendText(reply, value))
    })

    app.get('/api/public/disclosure/:slug', { schema: { tags, summary: 'A manufacturer programme: policy, key, public catalogue (TLP:CLEAR/GREEN)', params: SlugParams, response: { 200: View('PublicProgramme'), ...errorResponses } } }, async (request, reply) => {
      const result = await getPublicProgramme(db, request.params.slug)
      return replyWith(reply, result)
    })

    app.post(
      '/api/public/disclosure/:slug/reports',
      {
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Report a vulnerability without an account; answers the case reference and the secret portal link (once)',
          params: SlugParams,
          body: Type.Object(
            {
              title: Type.String({ minLength: 1, maxLength: 300 }),
              description: Type.String({ minLength: 1, maxLength: 200_000 }),
              encrypted: Type.Optional(Type.Boolean()),
              productVersionId: Type.Optional(Type.String({ maxLength: 40 })),
              productText: Type.Optional(Type.String({ maxLength: 200 })),
              versionText: Type.Optional(Type.String({ maxLength: 100 })),
              reporterName: Type.Optional(Type.String({ maxLength: 200 })),
              reporterEmail: Type.Optional(Type.String({ maxLength: 200 })),
              wantsCredit: Type.Optional(Type.Boolean()),
              creditName: Type.Optional(Type.String({ maxLength: 200 })),
              attachments: UploadsSchema,
              website: Type.Optional(Type.String({ maxLength: 500, description: 'leave empty (a trap for bots)' })),
            },
            { additionalProperties: false },
          ),
          response: { 201: View('ReportReceipt'), ...errorResponses },
        },
      },
      async (request, reply) => {
        if (await limitedInDatabase(request, reply, 'report', limits.report)) return reply
        const { website, ...body } = request.body
        const result = await submitReport(db, request.params.slug, {
          ...body,
          encrypted: body.encrypted ?? false,
          wantsCredit: body.wantsCredit ?? false,
          ...(website === undefined ? {} : { honeypot: website }),
        }, new Date(), { mailer, baseUrl: baseUrl(request) })
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    const token = (request: FastifyRequest): string => {
      const value = request.headers[PORTAL_TOKEN_HEADER]
      return typeof value === 'string' ? value : ''
    }
    const PortalHeaders = Type.Object({ [PORTAL_TOKEN_HEADER]: Type.Optional(Type.String({ maxLength: 200 })) })

    app.get('/api/public/disclosure/portal', { schema: { tags, summary: "The reporter's view of the case (secret in the x-portal-token header)", headers: PortalHeaders, response: { 200: View('PortalView'), ...errorResponses } } }, async (request, reply) => {
      const result = await getPortal(db, token(request))
      return replyWith(reply, result)
    })

    app.post(
      '/api/public/disclosure/portal/messages',
      {
        bodyLimit: ATTACHMENT_BODY_LIMIT,
        schema: {
          tags,
          summary: 'A reporter message (optionally encrypted to the manufacturer key) with attachments',
          headers: PortalHeaders,
          body: Type.Object({ body: MessageBody, encrypted: Type.Optional(Type.Boolean()), attachments: UploadsSchema }, { additionalProperties: false }),
          response: { 201: View('CaseMessageView'), ...errorResponses },
        },
      },
      async (request, reply) => {
        if (await limitedInDatabase(request, reply, 'portal-write', limits.portalWrite)) return reply
        const result = await postPortalMessage(db, token(request), { body: request.body.body, encrypted: request.body.encrypted ?? false, ...(request.body.attachments ? { attachments: request.body.attachments } : {}) })
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.put(
      '/api/public/disclosure/portal/email-updates',
      {
        schema: {
          tags,
          summary: 'The reporter turns e-mail updates about the case off (or on again)',
          headers: PortalHeaders,
          body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
          response: { 200: View('EmailUpdates'), ...errorResponses },
        },
      },
      async (request, reply) => {
        if (await limitedInDatabase(request, reply, 'portal-write', limits.portalWrite)) return reply
        const result = await setEmailUpdates(db, token(request), request.body.enabled)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/public/disclosure/portal/attachments/:attachmentId',
      { schema: { tags, summary: 'Download an attachment of the reporter thread', headers: PortalHeaders, params: Type.Object({ attachmentId: Type.String({ maxLength: 40 }) }) } },
      async (request, reply) => {
        const result = await downloadPortalAttachment(db, token(request), request.params.attachmentId)
        return replyWith(reply, result, (value) => sendDownload(reply, value))
      },
    )
  }
}
