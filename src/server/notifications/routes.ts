import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { EVENT_TYPES, USER_CHANNELS } from '../../domain/sharing/events.js'
import type { Database } from '../../store/schema.js'
import { startDeliveryWorker, type DeliveryWorker } from '../../services/notifications/delivery-worker.js'
import { smtpMailer } from '../../services/notifications/mailer.js'
import { getPreferences, listNotifications, markNotificationsRead, setPreferences, unreadCount } from '../../services/notifications/notification-center.js'
import { createWebhook, listDeliveries, listWebhooks, removeWebhook, retryDelivery } from '../../services/notifications/webhooks.js'
import { errorResponses, replyWith } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { NullableTimestamp, OrgParams, Timestamp } from '../schemas.js'
import { emptyBodyAsObject } from '../sharing/routes.js'

const NullableString = Type.Union([Type.String(), Type.Null()])
const EventTypeSchema = Type.Unsafe<(typeof EVENT_TYPES)[number]>({ type: 'string', enum: [...EVENT_TYPES] })
const ChannelSchema = Type.Unsafe<(typeof USER_CHANNELS)[number]>({ type: 'string', enum: [...USER_CHANNELS] })
const NotificationSchema = Type.Object({ id: Type.String(), event_type: Type.String(), title: Type.String(), link: NullableString, created_at: Timestamp, read_at: NullableTimestamp })
const PreferenceSchema = Type.Object({ eventType: EventTypeSchema, channel: ChannelSchema, enabled: Type.Boolean() })
const WebhookSchema = Type.Object({ id: Type.String(), url: Type.String(), eventTypes: Type.Array(Type.String()), active: Type.Boolean(), createdBy: Type.String(), createdAt: Timestamp })
const DeliverySchema = Type.Object({
  id: Type.String(),
  endpoint_id: NullableString,
  recipient: Type.String(),
  event_type: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  next_attempt_at: Timestamp,
  last_error: NullableString,
  created_at: Timestamp,
  delivered_at: NullableTimestamp,
  log: Type.Array(Type.Object({ attempt: Type.Integer(), attempted_at: Timestamp, ok: Type.Boolean(), status_code: Type.Union([Type.Integer(), Type.Null()]), error: NullableString, duration_ms: Type.Integer() })),
})
const tags = ['notifications']

/** Options of the notification routes: whether this process runs the delivery worker. */
export interface NotificationRouteOptions {
  readonly deliveryWorker?: boolean
}

/**
 * The notification center, preferences, webhooks and their delivery log. Unless disabled (option, or
 * MEDSEC_DELIVERY_WORKER=off), the server runs the outbox worker in-process; e-mail needs MEDSEC_SMTP_URL.
 */
export function notificationRoutes(db: Kysely<Database>, options: NotificationRouteOptions = {}): FastifyPluginAsyncTypebox {
  return async (app) => {
    if (options.deliveryWorker !== false && process.env.MEDSEC_DELIVERY_WORKER !== 'off') {
      let worker: DeliveryWorker | undefined
      app.addHook('onReady', async () => {
        const mailer = smtpMailer(process.env.MEDSEC_SMTP_URL, process.env.MEDSEC_MAIL_FROM ?? 'medsec <medsec@localhost>')
        worker = startDeliveryWorker(db, { mailer, onError: (err) => app.log.error({ err }, 'delivery worker pass failed') })
      })
      app.addHook('onClose', async () => worker?.stop())
    }

    app.get(
      '/api/orgs/:orgId/notifications',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Your notifications in this organization, newest first, and the unread count',
          params: OrgParams,
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), unread: Type.Boolean({ default: false }) }),
          response: { 200: Type.Object({ unread: Type.Integer(), items: Type.Array(NotificationSchema) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await listNotifications(orgOf(request), { limit: request.query.limit, unreadOnly: request.query.unread })
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/notifications/unread-count',
      { preHandler: withOrg(db), schema: { tags, summary: 'Your unread notifications', params: OrgParams, response: { 200: Type.Object({ unread: Type.Integer() }), ...errorResponses } } },
      async (request, reply) => {
        const result = await unreadCount(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/notifications/read',
      {
        preHandler: withOrg(db),
        preValidation: emptyBodyAsObject,
        schema: {
          tags,
          summary: 'Mark notifications read (all of them when no ids are given)',
          params: OrgParams,
          body: Type.Object({ ids: Type.Optional(Type.Array(Type.String(), { maxItems: 500 })) }),
          response: { 200: Type.Object({ marked: Type.Integer() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await markNotificationsRead(orgOf(request), request.body.ids)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/notifications/preferences',
      { preHandler: withOrg(db), schema: { tags, summary: 'What you receive: every event type and channel', params: OrgParams, response: { 200: Type.Array(PreferenceSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await getPreferences(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/notifications/preferences',
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Choose what you receive', params: OrgParams, body: Type.Object({ preferences: Type.Array(PreferenceSchema, { maxItems: 200 }) }), response: { 200: Type.Array(PreferenceSchema), ...errorResponses } },
      },
      async (request, reply) => {
        const result = await setPreferences(orgOf(request), request.body.preferences)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/webhooks',
      { preHandler: withOrg(db), schema: { tags, summary: 'Webhook endpoints (admins)', params: OrgParams, response: { 200: Type.Array(WebhookSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listWebhooks(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/webhooks',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'Register a webhook endpoint; the signing secret is shown once (admins)',
          params: OrgParams,
          body: Type.Object({ url: Type.String({ minLength: 8, maxLength: 2000 }), eventTypes: Type.Optional(Type.Array(EventTypeSchema, { maxItems: EVENT_TYPES.length })) }),
          response: { 201: Type.Object({ endpoint: WebhookSchema, secret: Type.String() }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await createWebhook(orgOf(request), request.body)
        return replyWith(reply, result, (value) => reply.status(201).send(value))
      },
    )

    app.delete(
      '/api/orgs/:orgId/webhooks/:webhookId',
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Deactivate a webhook endpoint (admins)', params: Type.Object({ orgId: Type.String(), webhookId: Type.String() }), response: { 200: Type.Object({ id: Type.String() }), ...errorResponses } },
      },
      async (request, reply) => {
        const result = await removeWebhook(orgOf(request), request.params.webhookId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/webhooks/deliveries',
      {
        preHandler: withOrg(db),
        schema: {
          tags,
          summary: 'The delivery log: latest webhook deliveries with every attempt (admins)',
          params: OrgParams,
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
          response: { 200: Type.Array(DeliverySchema), ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await listDeliveries(orgOf(request), request.query.limit)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/webhooks/deliveries/:deliveryId/retry',
      {
        preHandler: withOrg(db),
        schema: { tags, summary: 'Queue a failed delivery again (admins)', params: Type.Object({ orgId: Type.String(), deliveryId: Type.String() }), response: { 200: Type.Object({ id: Type.String() }), ...errorResponses } },
      },
      async (request, reply) => {
        const result = await retryDelivery(orgOf(request), request.params.deliveryId)
        return replyWith(reply, result)
      },
    )
  }
}
