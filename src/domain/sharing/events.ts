/** Every event the platform notifies about; others add theirs here (one line each). */
export const EVENT_TYPES = [
  'sharing.access_requested',
  'sharing.invitation_received',
  'sharing.relationship_approved',
  'sharing.relationship_declined',
  'sharing.relationship_revoked',
  'product.advisory_published',
  'product.vex_changed',
  'product.finding_new',
  'product.sbom_published',
  'sla.clock_approaching',
  'fleet.risk_acceptance_expiring',
] as const

/** A kind of event. */
export type EventType = (typeof EVENT_TYPES)[number]

/** Whether a string names an event type. */
export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value)
}

/** A short human description of each event type, for the preference page and e-mail subjects. */
export const EVENT_DESCRIPTIONS: Readonly<Record<EventType, string>> = {
  'sharing.access_requested': 'An organization requests access to your products',
  'sharing.invitation_received': 'A manufacturer invites your organization to receive its artifacts',
  'sharing.relationship_approved': 'A sharing relationship was approved',
  'sharing.relationship_declined': 'A sharing request or invitation was declined',
  'sharing.relationship_revoked': 'A sharing relationship was revoked',
  'product.advisory_published': 'A new advisory for a product you receive',
  'product.vex_changed': 'A VEX statement changed for a product you receive',
  'product.finding_new': 'A new vulnerability finding on a product',
  'product.sbom_published': 'A new SBOM for a product you receive',
  'sla.clock_approaching': 'A deadline is approaching',
  'fleet.risk_acceptance_expiring': 'A risk acceptance in the fleet risk register expires soon or has expired',
}

/** The channels a user can receive an event on; webhooks are configured per organization. */
export const USER_CHANNELS = ['in_app', 'email'] as const

/** A per-user channel. */
export type UserChannel = (typeof USER_CHANNELS)[number]

/** What a user receives when no preference is stored: in-app on, e-mail off. */
export function defaultPreference(channel: UserChannel): boolean {
  return channel === 'in_app'
}

/** How long the retry worker waits before attempt n+1 (1-based n): base x 2^(n-1), capped. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1))
}
