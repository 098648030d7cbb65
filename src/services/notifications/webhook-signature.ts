import { createHmac, timingSafeEqual } from 'node:crypto'

/** The headers of a webhook call. */
export const WEBHOOK_HEADERS = {
  event: 'x-medsec-event',
  delivery: 'x-medsec-delivery',
  timestamp: 'x-medsec-timestamp',
  signature: 'x-medsec-signature',
} as const

/**
 * Signs a webhook body: HMAC-SHA256 with the endpoint's secret over "<unix seconds>.<body>", sent as "v1=<hex>".
 * The timestamp is signed too, so a receiver can refuse replays older than a few minutes.
 */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`
}

/** Checks a received webhook's signature and age (for receivers and tests). */
export function verifyWebhook(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(headers.timestamp)
  if (!Number.isInteger(timestamp) || !headers.signature) return false
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(secret, timestamp, body))
  const given = Buffer.from(headers.signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
