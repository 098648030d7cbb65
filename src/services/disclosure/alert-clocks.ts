import type { Kysely } from 'kysely'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { notificationRepository } from '../../store/repositories/sharing-notifications.js'
import type { Database } from '../../store/schema.js'
import { auditFrom, auditedWrite, type ServiceResult } from '../context.js'
import { emitEvent } from '../notifications/emit-event.js'
import { startPeriodicCheck } from '../notifications/periodic-check.js'
import { systemContext } from '../system-admin.js'
import { getDisclosureDashboard } from './get-dashboard.js'

/** One clock an alert run announced. */
export interface ClockAlert {
  readonly org: string
  readonly caseId: string
  readonly reference: string
  readonly clock: string
  readonly dueOn: string
  readonly status: 'due_soon' | 'breached'
}

/**
 * Announces disclosure clocks that are due soon or breached to the case owner's members (in-app, e-mail and webhooks
 * per preference): once per case, clock, due date and status, so a clock warns when it comes close and again when it
 * is breached, and a moved due date warns anew. Operator work across organizations (system actor).
 */
export async function alertDisclosureClocks(db: Kysely<Database>, now = new Date()): Promise<ServiceResult<ClockAlert[]>> {
  const alerted: ClockAlert[] = []
  for (const slug of await disclosureRepository.organizationsWithOpenCases(db)) {
    const ctx = await systemContext(db, slug)
    if (!ctx.ok) continue
    const dashboard = await getDisclosureDashboard(ctx.value, now)
    if (!dashboard.ok) return dashboard
    for (const item of dashboard.value.attention) {
      const status = item.clock.status === 'breached' ? 'breached' : 'due_soon'
      const key = `${item.caseId}:${item.clock.id}:${item.clock.dueOn}:${status}`
      const result = await auditedWrite(db, async (trx) => {
        if (await notificationRepository.eventWithKeyExists(trx, { type: 'sla.clock_approaching', sourceOrgId: ctx.value.org.id, key })) {
          return { ok: false, error: { code: 'conflict', message: 'already announced' } }
        }
        await emitEvent(trx, {
          type: 'sla.clock_approaching',
          sourceOrgId: ctx.value.org.id,
          title: `${item.reference}: ${item.clock.label} ${status === 'breached' ? 'was due' : 'is due'} on ${item.clock.dueOn}`,
          link: `/disclosure/cases/${item.caseId}`,
          data: { key, caseId: item.caseId, reference: item.reference, clock: item.clock.id, dueOn: item.clock.dueOn, status },
          audience: { kind: 'orgs', orgIds: [ctx.value.org.id] },
        })
        return {
          ok: true,
          value: { value: undefined, audit: auditFrom(ctx.value, { action: 'disclosure.clock_alert', targetType: 'disclosure_case', targetId: item.caseId, details: { clock: item.clock.id, dueOn: item.clock.dueOn, status } }) },
        }
      })
      if (result.ok) alerted.push({ org: slug, caseId: item.caseId, reference: item.reference, clock: item.clock.id, dueOn: item.clock.dueOn, status })
    }
  }
  return { ok: true, value: alerted }
}

/** Whether the clock alerts run in the server: MEDSEC_SLA_ALERTS=off disables them; under vitest they run only with MEDSEC_SLA_ALERTS=on. */
export function clockAlertsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MEDSEC_SLA_ALERTS === 'off') return false
  if (env.VITEST) return env.MEDSEC_SLA_ALERTS === 'on'
  return true
}

/** Runs the check now and then every `intervalMs` (one run at a time); returns the function that stops it. */
export function startClockAlertLoop(db: Kysely<Database>, options: { intervalMs: number; onError?: (error: unknown) => void }): () => void {
  return startPeriodicCheck(() => alertDisclosureClocks(db), options)
}
