import { EVENT_TYPES, USER_CHANNELS, defaultPreference, isEventType, type EventType, type UserChannel } from '../../domain/sharing/events.js'
import { notificationRepository } from '../../store/repositories/sharing-notifications.js'
import type { NotificationRow } from '../../store/tables/sharing.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** The in-app notification center belongs to a person: API tokens have none. */
function userOf(ctx: OrgContext): ServiceResult<string> {
  return ctx.actor.kind === 'user' && ctx.actor.id ? { ok: true, value: ctx.actor.id } : serviceError('forbidden', 'notifications belong to logged-in users')
}

/** The user's notifications in this organization (newest first) and the unread count. */
export async function listNotifications(ctx: OrgContext, page: { limit: number; unreadOnly: boolean }): Promise<ServiceResult<{ unread: number; items: NotificationRow[] }>> {
  const user = userOf(ctx)
  if (!user.ok) return user
  return { ok: true, value: await notificationRepository.list(ctx.db, ctx.scope, user.value, page) }
}

/** The user's unread count, for the badge in the navigation. */
export async function unreadCount(ctx: OrgContext): Promise<ServiceResult<{ unread: number }>> {
  const user = userOf(ctx)
  if (!user.ok) return user
  return { ok: true, value: { unread: await notificationRepository.unreadCount(ctx.db, ctx.scope, user.value) } }
}

/** Marks some (or all) of the user's notifications read. */
export async function markNotificationsRead(ctx: OrgContext, ids: readonly string[] | undefined): Promise<ServiceResult<{ marked: number }>> {
  const user = userOf(ctx)
  if (!user.ok) return user
  return { ok: true, value: { marked: await notificationRepository.markRead(ctx.db, ctx.scope, user.value, ids, new Date()) } }
}

/** One cell of the preference grid. */
export interface Preference {
  readonly eventType: EventType
  readonly channel: UserChannel
  readonly enabled: boolean
}

/** The user's full preference grid: every event type and channel, stored choices over the defaults. */
export async function getPreferences(ctx: OrgContext): Promise<ServiceResult<Preference[]>> {
  const user = userOf(ctx)
  if (!user.ok) return user
  const stored = new Map((await notificationRepository.preferences(ctx.db, ctx.scope, user.value)).map((p) => [`${p.event_type}:${p.channel}`, p.enabled]))
  return { ok: true, value: EVENT_TYPES.flatMap((eventType) => USER_CHANNELS.map((channel) => ({ eventType, channel, enabled: stored.get(`${eventType}:${channel}`) ?? defaultPreference(channel) }))) }
}

/** Stores the user's choices (any subset of the grid). A personal setting, so it is not in the audit trail. */
export async function setPreferences(ctx: OrgContext, prefs: readonly { eventType: string; channel: string; enabled: boolean }[]): Promise<ServiceResult<Preference[]>> {
  const user = userOf(ctx)
  if (!user.ok) return user
  const bad = prefs.filter((p) => !isEventType(p.eventType) || !(USER_CHANNELS as readonly string[]).includes(p.channel))
  if (bad.length > 0) return serviceError('validation_failed', 'unknown event type or channel', { invalid: bad })
  await notificationRepository.setPreferences(ctx.db, ctx.scope, user.value, prefs)
  return getPreferences(ctx)
}
