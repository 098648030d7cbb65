import type { ColumnType, Generated, Selectable } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** The sharing capability's tables (migration 0005). */
export interface SharingTables {
  sharing_agreements: SharingAgreementTable
  sharing_relationships: SharingRelationshipTable
  sharing_relationship_products: SharingRelationshipProductTable
  sharing_agreement_acceptances: SharingAgreementAcceptanceTable
  artifact_recipients: ArtifactRecipientTable
  access_log: AccessLogTable
  events: EventTable
  notifications: NotificationTable
  notification_preferences: NotificationPreferenceTable
  webhook_endpoints: WebhookEndpointTable
  delivery_outbox: DeliveryOutboxTable
  delivery_attempts: DeliveryAttemptTable
}

/** One version of the terms of use a relationship is accepted under. */
export interface SharingAgreementTable {
  version: number
  title: string
  body: string
  published_at: Timestamp
}

/** A manufacturer (org_id) and a recipient organization; the manufacturer owns the row, both sides see it. */
export interface SharingRelationshipTable {
  id: string
  org_id: string
  recipient_org_id: string
  status: string
  initiated_by: string
  all_products: boolean
  artifact_kinds: string[]
  message: string | null
  created_by_label: string
  created_at: Timestamp
  decided_by_label: string | null
  decided_at: Timestamp | null
  revoked_by_label: string | null
  revoked_at: Timestamp | null
  updated_at: Timestamp
}

/** A product in a relationship's scope (when it does not cover all products). */
export interface SharingRelationshipProductTable {
  relationship_id: string
  product_id: string
}

/** Who accepted which version of the terms for a relationship, and when. */
export interface SharingAgreementAcceptanceTable {
  id: string
  relationship_id: string
  org_id: string
  agreement_version: number
  user_id: string | null
  accepted_by_label: string
  accepted_at: Timestamp
}

/** A named recipient of a TLP:RED artifact. */
export interface ArtifactRecipientTable {
  artifact_kind: string
  artifact_id: string
  org_id: string
  user_id: string
}

/** One read of a restricted artifact by another organization. */
export interface AccessLogTable {
  id: Generated<string>
  org_id: string
  viewer_org_id: string
  viewer_actor_id: string | null
  viewer_label: string
  artifact_kind: string
  artifact_id: string
  product_id: string | null
  tlp: TlpLabel
  action: string
  reason: string
  created_at: Timestamp
}

/** An emitted platform event. */
export interface EventTable {
  id: string
  type: string
  source_org_id: string | null
  title: string
  payload: Json
  created_at: Timestamp
}

/** An in-app notification for one user in one organization. */
export interface NotificationTable {
  id: string
  org_id: string
  user_id: string
  event_id: string
  event_type: string
  title: string
  link: string | null
  created_at: Timestamp
  read_at: Timestamp | null
}

/** A user's choice for one event type and channel (absent: the default). */
export interface NotificationPreferenceTable {
  org_id: string
  user_id: string
  event_type: string
  channel: string
  enabled: boolean
}

/** An organization's webhook receiver; the secret signs every payload. */
export interface WebhookEndpointTable {
  id: string
  org_id: string
  url: string
  /** The signing secret encrypted under the instance key (migration 0016; src/store/instance-key.ts). */
  secret_sealed: string
  event_types: string[]
  active: boolean
  created_by_label: string
  created_at: Timestamp
}

/** A webhook call or e-mail to deliver, kept until delivered or given up (never deleted). */
export interface DeliveryOutboxTable {
  id: string
  org_id: string
  channel: 'webhook' | 'email'
  endpoint_id: string | null
  recipient: string
  event_id: string
  event_type: string
  payload: Json
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  next_attempt_at: Timestamp
  last_error: string | null
  created_at: Timestamp
  delivered_at: Timestamp | null
}

/** One delivery attempt of an outbox row. */
export interface DeliveryAttemptTable {
  id: Generated<string>
  outbox_id: string
  attempt: number
  attempted_at: Timestamp
  ok: boolean
  status_code: number | null
  error: string | null
  duration_ms: number
}

export type SharingRelationshipRow = Selectable<SharingRelationshipTable>
export type AccessLogRow = Selectable<AccessLogTable>
export type NotificationRow = Selectable<NotificationTable>
export type WebhookEndpointRow = Selectable<WebhookEndpointTable>
export type DeliveryOutboxRow = Selectable<DeliveryOutboxTable>
export type DeliveryAttemptRow = Selectable<DeliveryAttemptTable>
