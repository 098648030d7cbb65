import type { Kysely } from 'kysely'
import { fail, problem, type Problem, type Result } from '../../domain/result.js'
import { backoffMs } from '../../domain/sharing/events.js'
import { instanceKey, openSecret, webhookSecretContext } from '../../store/instance-key.js'
import type { Database } from '../../store/schema.js'
import { notificationRepository } from '../../store/repositories/sharing-notifications.js'
import type { Mailer } from './mailer.js'
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature.js'
import { postToWebhook, webhookNetworkFromEnv, type WebhookNetwork } from './webhook-target.js'

/** How the worker retries. */
export interface DeliveryPolicy {
  /** Attempts before a delivery is marked failed (it stays in the outbox and can be retried by hand). */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** How long one webhook call may take. */
  readonly timeoutMs: number
  /** Rows claimed per pass. */
  readonly batchSize: number
}

/** One minute, doubling, up to six hours; eight attempts span about four hours. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 6 * 3600_000, timeoutMs: 10_000, batchSize: 20 }

/** What one pass did. */
export interface DeliveryPass {
  readonly delivered: number
  readonly retrying: number
  readonly failed: number
}

type Outcome = { ok: boolean; statusCode: number | null; error: string | null }

async function postWebhook(url: string, secret: string, row: { id: string; event_type: string; payload: unknown }, now: Date, timeoutMs: number, network: WebhookNetwork): Promise<Outcome> {
  const body = JSON.stringify(row.payload)
  const timestamp = Math.floor(now.getTime() / 1000)
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'medsec-webhooks/1',
    [WEBHOOK_HEADERS.event]: row.event_type,
    [WEBHOOK_HEADERS.delivery]: row.id,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
  }
  const response = await postToWebhook(url, headers, body, timeoutMs, network)
  if (!response.ok) return { ok: false, statusCode: null, error: response.error }
  const delivered = response.statusCode >= 200 && response.statusCode < 300
  return { ok: delivered, statusCode: response.statusCode, error: delivered ? null : `HTTP ${response.statusCode}` }
}

// The endpoint's secret, decrypted for this call only; a removed endpoint or an unreadable secret is a failed attempt.
function endpointSecret(row: { endpoint_id: string | null; secret_sealed: string | null }): Result<string, Problem> {
  if (!row.endpoint_id || !row.secret_sealed) return fail(problem('endpoint_removed', 'endpoint removed'))
  const key = instanceKey()
  return key.ok ? openSecret(key.value, row.secret_sealed, webhookSecretContext(row.endpoint_id)) : key
}

function emailOf(payload: unknown): { subject: string; text: string } {
  const p = payload as { title?: string; type?: string; tlp?: string; link?: string | null; createdAt?: string; mail?: { subject?: unknown; text?: unknown } }
  // A finished e-mail (e.g. to a disclosure reporter, who is no member) is sent as composed.
  if (typeof p.mail?.subject === 'string' && typeof p.mail.text === 'string') return { subject: p.mail.subject, text: p.mail.text }
  const label = p.tlp ? `[${p.tlp}] ` : ''
  const lines = [p.title ?? p.type ?? 'medsec notification', '', `Event: ${p.type ?? ''}`, `When: ${p.createdAt ?? ''}`]
  if (p.tlp) lines.push(`Label: ${p.tlp} (https://www.first.org/tlp/)`)
  if (p.link) lines.push(`Open: ${p.link}`)
  lines.push('', 'You receive this because of your notification preferences in medsec.')
  return { subject: `${label}${p.title ?? 'medsec notification'}`, text: lines.join('\n') }
}

/**
 * Delivers the outbox: webhooks (signed, with a timeout) and e-mails. A failed attempt is logged and retried with
 * exponential backoff until `maxAttempts`, then marked failed; rows are never deleted, so nothing is lost.
 * Run it in-process with {@link startDeliveryWorker}, or one pass at a time (tests, CLI) with {@link deliverDue}.
 */
export async function deliverDue(db: Kysely<Database>, options: { mailer?: Mailer; policy?: DeliveryPolicy; now?: () => Date; network?: WebhookNetwork } = {}): Promise<DeliveryPass> {
  const policy = options.policy ?? DEFAULT_DELIVERY_POLICY
  const network = options.network ?? webhookNetworkFromEnv()
  const clock = options.now ?? (() => new Date())
  const start = clock()
  // E-mails without a configured mailer wait (their lease expires and they stay pending).
  const rows = (await notificationRepository.claimDue(db, start, policy.batchSize, policy.timeoutMs * 3)).filter((r) => r.channel === 'webhook' || options.mailer)
  let delivered = 0
  let retrying = 0
  let failed = 0
  for (const row of rows) {
    const at = clock()
    const began = Date.now()
    let outcome: Outcome
    if (row.channel === 'webhook') {
      const secret = endpointSecret(row)
      outcome = secret.ok ? await postWebhook(row.recipient, secret.value, row, at, policy.timeoutMs, network) : { ok: false, statusCode: null, error: secret.error.message }
    } else {
      try {
        await options.mailer!({ to: row.recipient, ...emailOf(row.payload) })
        outcome = { ok: true, statusCode: null, error: null }
      } catch (err) {
        outcome = { ok: false, statusCode: null, error: err instanceof Error ? err.message : String(err) }
      }
    }
    const attempt = row.attempts + 1
    const status = outcome.ok ? 'delivered' : attempt >= policy.maxAttempts ? 'failed' : 'pending'
    const nextAttemptAt = new Date(at.getTime() + (status === 'pending' ? backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs) : 0))
    await notificationRepository.recordAttempt(db, row.id, { number: attempt, at, ok: outcome.ok, statusCode: outcome.statusCode, error: outcome.error, durationMs: Date.now() - began }, { status, nextAttemptAt })
    if (status === 'delivered') delivered++
    else if (status === 'failed') failed++
    else retrying++
  }
  return { delivered, retrying, failed }
}

/** A running in-process worker; stop() waits for the pass in progress. */
export interface DeliveryWorker {
  stop(): Promise<void>
}

/** Polls the outbox every `intervalMs` in this process (the timer does not keep the process alive). */
export function startDeliveryWorker(db: Kysely<Database>, options: { mailer?: Mailer; policy?: DeliveryPolicy; intervalMs?: number; network?: WebhookNetwork; onError?: (err: unknown) => void } = {}): DeliveryWorker {
  let stopped = false
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    if (stopped) return
    running = deliverDue(db, options)
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 5_000).unref()
      })
  }
  let timer = setTimeout(tick, options.intervalMs ?? 5_000).unref()
  return {
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
