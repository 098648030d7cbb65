import type { Kysely } from 'kysely'
import type { ArtifactHeader, Viewer } from '../../domain/sharing/artifacts.js'
import { defaultPreference, type EventType } from '../../domain/sharing/events.js'
import { tlpMarking } from '../../domain/sharing/marking.js'
import { canRead } from '../../domain/sharing/policy.js'
import type { Database } from '../../store/schema.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import { notificationRepository, type NewDelivery } from '../../store/repositories/sharing-notifications.js'

/** Who an event is for: named organizations, or everyone who may read an artifact (owner and covered recipients). */
export type EventAudience =
  | { readonly kind: 'orgs'; readonly orgIds: readonly string[] }
  | { readonly kind: 'artifact'; readonly artifact: ArtifactHeader }

/** A platform event, as other capabilities emit it. */
export interface PlatformEvent {
  readonly type: EventType
  readonly sourceOrgId: string | null
  /** One line for the notification center and the e-mail subject; no content above the audience's label. */
  readonly title: string
  /** A path in the web UI, e.g. "/sharing". */
  readonly link?: string | null
  readonly data?: Readonly<Record<string, unknown>>
  readonly audience: EventAudience
}

/** What emitting queued. */
export interface EmitReport {
  readonly eventId: string
  readonly notifications: number
  readonly deliveries: number
}

/**
 * Emits an event inside the caller's transaction (pass the `trx` of `auditedWrite`): it stores the event, the in-app
 * notifications of every member who wants them, and one outbox row per e-mail and webhook, so the event and all its
 * deliveries commit with the write or not at all. An artifact audience is computed with the TLP policy per user
 * (and per organization, with no user, for webhooks), so a notification never reaches someone who could not read it.
 */
export async function emitEvent(trx: Kysely<Database>, event: PlatformEvent, now = new Date()): Promise<EmitReport> {
  const artifact = event.audience.kind === 'artifact' ? event.audience.artifact : undefined
  let orgIds: string[]
  let grantsByOrg = new Map<string, Awaited<ReturnType<typeof sharingRepository.recipientsCovering>>>()
  if (artifact) {
    const grants = await sharingRepository.recipientsCovering(trx, artifact.ownerOrgId, artifact.productId ?? null)
    grantsByOrg = new Map(grants.map((g) => [g.recipientOrgId, grants.filter((x) => x.recipientOrgId === g.recipientOrgId)]))
    orgIds = [artifact.ownerOrgId, ...grantsByOrg.keys()]
  } else {
    orgIds = [...new Set(event.audience.kind === 'orgs' ? event.audience.orgIds : [])]
  }
  const orgKinds = await organizationRepository.kindsOf(trx, orgIds)
  const may = (orgId: string, userId: string | null): boolean => {
    if (!artifact) return true
    const viewer: Viewer = { kind: 'member', orgId, orgKind: orgKinds.get(orgId) ?? 'hdo', userId, role: 'viewer', grants: grantsByOrg.get(orgId) ?? [] }
    return canRead(artifact, viewer).allowed
  }

  const payloadBase = {
    type: event.type,
    title: event.title,
    link: event.link ?? null,
    createdAt: now.toISOString(),
    ...(artifact ? { tlp: tlpMarking(artifact.tlp).label, artifact: { kind: artifact.kind, id: artifact.id, productId: artifact.productId ?? null } } : {}),
    data: event.data ?? {},
  }
  const eventId = await notificationRepository.insertEvent(trx, { type: event.type, sourceOrgId: event.sourceOrgId, title: event.title, payload: payloadBase, at: now })

  const members = (await notificationRepository.members(trx, orgIds)).filter((m) => may(m.orgId, m.userId))
  const prefs = await notificationRepository.preferencesFor(trx, [...new Set(members.map((m) => m.userId))], event.type)
  const wants = (orgId: string, userId: string, channel: 'in_app' | 'email') => prefs.get(`${orgId}:${userId}:${channel}`) ?? defaultPreference(channel)

  const inApp = members.filter((m) => wants(m.orgId, m.userId, 'in_app'))
  await notificationRepository.insertNotifications(
    trx,
    inApp.map((m) => ({ orgId: m.orgId, userId: m.userId, eventId, eventType: event.type, title: event.title, link: event.link ?? null, at: now })),
  )
  const deliveries: NewDelivery[] = members
    .filter((m) => wants(m.orgId, m.userId, 'email'))
    .map((m) => ({ orgId: m.orgId, channel: 'email', endpointId: null, recipient: m.email, eventId, eventType: event.type, payload: { ...payloadBase, id: eventId, organizationId: m.orgId } }))
  for (const endpoint of await notificationRepository.activeEndpoints(trx, orgIds)) {
    if (endpoint.event_types.length > 0 && !endpoint.event_types.includes(event.type)) continue
    if (!may(endpoint.org_id, null)) continue
    deliveries.push({ orgId: endpoint.org_id, channel: 'webhook', endpointId: endpoint.id, recipient: endpoint.url, eventId, eventType: event.type, payload: { ...payloadBase, id: eventId, organizationId: endpoint.org_id } })
  }
  await notificationRepository.enqueue(trx, deliveries, now)
  return { eventId, notifications: inApp.length, deliveries: deliveries.length }
}
