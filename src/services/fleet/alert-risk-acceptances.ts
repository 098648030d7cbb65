import type { Kysely } from 'kysely'
import { daysBetween } from '../../domain/lifecycle/support-life.js'
import { formatIsoDate, parseIsoDate } from '../../domain/risk/calendar.js'
import { ACCEPTANCE_WARNING_DAYS } from '../../domain/risk/risk-register.js'
import type { Database } from '../../store/schema.js'
import { scopeFor } from '../../store/scope.js'
import { fleetRiskRepository } from '../../store/repositories/fleet-risk.js'
import { fleetGenerationRepository } from '../../store/repositories/fleet-generation.js'
import { auditedWrite, type ServiceResult } from '../context.js'
import { emitEvent } from '../notifications/emit-event.js'
import { startPeriodicCheck } from '../notifications/periodic-check.js'
import { SYSTEM_ACTOR } from '../system-admin.js'
import { today as todayOf } from './get-device.js'

/** What an alert run did. */
export interface AcceptanceAlertReport {
  readonly alerted: readonly { readonly orgId: string; readonly entryId: string; readonly expires: string; readonly expired: boolean }[]
}

/**
 * Alerts each organization, once per expiry date, about risk acceptances that expire within
 * {@link ACCEPTANCE_WARNING_DAYS} days or have expired: an in-app notification (and e-mail/webhooks per preference)
 * through the notification outbox, committed with an audit entry. Operator work across organizations (system actor).
 */
export async function alertRiskAcceptances(db: Kysely<Database>, today = todayOf()): Promise<ServiceResult<AcceptanceAlertReport>> {
  const day = parseIsoDate(today)
  if (!day.ok) return { ok: false, error: { code: 'validation_failed', message: day.error.message } }
  const due = await fleetRiskRepository.acceptancesToAlert(db, formatIsoDate(day.value + ACCEPTANCE_WARNING_DAYS))
  const alerted: AcceptanceAlertReport['alerted'][number][] = []
  for (const entry of due) {
    const expires = entry.acceptance_expires!
    const expired = (daysBetween(today, expires) ?? 0) < 0
    const result = await auditedWrite(db, async (trx) => {
      const scope = scopeFor(entry.org_id)
      await fleetGenerationRepository.lockHospital(trx, scope)
      // Another run may have alerted it since the list was read.
      const current = await fleetRiskRepository.findEntry(trx, scope, entry.id)
      if (!current || current.status !== 'accepted' || current.acceptance_expires !== expires || current.expiry_alerted_for === expires) return { ok: false, error: { code: 'conflict', message: 'already alerted' } }
      await fleetRiskRepository.updateEntry(trx, scope, entry.id, { expiry_alerted_for: expires })
      await emitEvent(trx, {
        type: 'fleet.risk_acceptance_expiring',
        sourceOrgId: entry.org_id,
        title: `${expired ? 'Risk acceptance expired' : 'Risk acceptance expires'} ${expires}: ${entry.title}`,
        link: '/fleet/risk-register',
        data: { entryId: entry.id, expires, expired, owner: entry.acceptance_owner },
        audience: { kind: 'orgs', orgIds: [entry.org_id] },
      })
      return {
        ok: true,
        value: {
          value: undefined,
          audit: { orgId: entry.org_id, actorId: SYSTEM_ACTOR.id, actorLabel: SYSTEM_ACTOR.label, action: 'fleet.risk_acceptance_alert', targetType: 'fleet_risk_entry', targetId: entry.id, details: { expires, expired } },
        },
      }
    })
    if (result.ok) alerted.push({ orgId: entry.org_id, entryId: entry.id, expires, expired })
  }
  return { ok: true, value: { alerted } }
}

/** Whether the alert job runs in the server: MEDSEC_RISK_ALERTS=off disables it; under vitest it runs only with MEDSEC_RISK_ALERTS=on. */
export function riskAlertsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.MEDSEC_RISK_ALERTS === 'off') return false
  if (env.VITEST) return env.MEDSEC_RISK_ALERTS === 'on'
  return true
}

/** Runs the check now and then every `intervalMs` (one run at a time); returns the function that stops it. */
export function startRiskAlertLoop(db: Kysely<Database>, options: { intervalMs: number; onError?: (error: unknown) => void }): () => void {
  return startPeriodicCheck(() => alertRiskAcceptances(db), options)
}
