import { randomBytes, randomUUID } from 'node:crypto'
import { isEventType } from '../../domain/sharing/events.js'
import { instanceKey, sealSecret, webhookSecretContext } from '../../store/instance-key.js'
import { notificationRepository } from '../../store/repositories/sharing-notifications.js'
import type { DeliveryAttemptRow, DeliveryOutboxRow, WebhookEndpointRow } from '../../store/tables/sharing.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { checkWebhookTarget, webhookNetworkFromEnv, type WebhookNetwork } from './webhook-target.js'

/** A webhook endpoint as the API shows it (the secret only once, at creation). */
export interface WebhookView {
  readonly id: string
  readonly url: string
  readonly eventTypes: string[]
  readonly active: boolean
  readonly createdBy: string
  readonly createdAt: Date
}

function view(row: WebhookEndpointRow): WebhookView {
  return { id: row.id, url: row.url, eventTypes: row.event_types, active: row.active, createdBy: row.created_by_label, createdAt: row.created_at }
}

/**
 * Registers a webhook receiver for some (or all) event types and returns its signing secret once (it is stored
 * encrypted); admins only. The URL must be https to a public address (see src/domain/sharing/network.ts), checked
 * now against what the host resolves to, and again at every delivery.
 */
export async function createWebhook(
  ctx: OrgContext,
  input: { url: string; eventTypes?: readonly string[] },
  network: WebhookNetwork = webhookNetworkFromEnv(),
): Promise<ServiceResult<{ endpoint: WebhookView; secret: string }>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const eventTypes = [...new Set(input.eventTypes ?? [])]
  const unknown = eventTypes.filter((t) => !isEventType(t))
  if (unknown.length > 0) return serviceError('validation_failed', `unknown event types: ${unknown.join(', ')}`)
  const url = await checkWebhookTarget(input.url, network)
  if (!url.ok) return serviceError('validation_failed', url.error.message, { code: url.error.code, ...(url.error.details as object | undefined) })
  const key = instanceKey()
  if (!key.ok) return serviceError('conflict', `webhooks cannot be registered: ${key.error.message}`, { code: key.error.code })
  const id = randomUUID()
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const secretSealed = sealSecret(key.value, secret, webhookSecretContext(id))
  return auditedWrite(ctx.db, async (trx) => {
    const row = await notificationRepository.createEndpoint(trx, ctx.scope, { id, url: url.value.toString(), secretSealed, eventTypes, createdBy: ctx.actor.label })
    return { ok: true, value: { value: { endpoint: view(row), secret }, audit: auditFrom(ctx, { action: 'webhook.create', targetType: 'webhook', targetId: row.id, details: { url: row.url, eventTypes } }) } }
  })
}

/** The organization's webhook endpoints; admins only. */
export async function listWebhooks(ctx: OrgContext): Promise<ServiceResult<WebhookView[]>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return { ok: true, value: (await notificationRepository.endpoints(ctx.db, ctx.scope)).map(view) }
}

/** Deactivates a webhook endpoint (its delivery log stays); admins only. */
export async function removeWebhook(ctx: OrgContext, id: string): Promise<ServiceResult<{ id: string }>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    if (!(await notificationRepository.deactivateEndpoint(trx, ctx.scope, id))) return serviceError('not_found', 'no such active webhook')
    return { ok: true, value: { value: { id }, audit: auditFrom(ctx, { action: 'webhook.remove', targetType: 'webhook', targetId: id }) } }
  })
}

/** A delivery with its attempts, as the log shows it. */
export type DeliveryView = Omit<DeliveryOutboxRow, 'payload'> & { readonly log: readonly DeliveryAttemptRow[] }

/** The latest webhook deliveries of the organization with every attempt; admins only. */
export async function listDeliveries(ctx: OrgContext, limit: number): Promise<ServiceResult<DeliveryView[]>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  const rows = await notificationRepository.deliveries(ctx.db, ctx.scope, limit)
  return { ok: true, value: rows.map(({ payload: _payload, ...rest }) => rest) }
}

/** Queues a failed delivery again; admins only. */
export async function retryDelivery(ctx: OrgContext, id: string): Promise<ServiceResult<{ id: string }>> {
  const allowed = requireRole(ctx, 'admin')
  if (!allowed.ok) return allowed
  return auditedWrite(ctx.db, async (trx) => {
    if (!(await notificationRepository.retry(trx, ctx.scope, id, new Date()))) return serviceError('not_found', 'no such failed delivery')
    return { ok: true, value: { value: { id }, audit: auditFrom(ctx, { action: 'webhook.retry', targetType: 'delivery', targetId: id }) } }
  })
}
