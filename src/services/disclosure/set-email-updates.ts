import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureMailRepository } from '../../store/repositories/disclosure-mail.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { auditedWrite, serviceError, type ServiceResult } from '../context.js'
import { openReporterPortal } from './access.js'

/** The reporter's choice about e-mail updates, as the portal shows it. */
export interface EmailUpdates {
  readonly enabled: boolean
  /** E-mails of the case that were still waiting and are now not sent. */
  readonly cancelled: number
}

/** The reporter turns e-mail updates about their case off (or on again) from the portal; turning off stops queued ones. */
export async function setEmailUpdates(db: Kysely<Database>, token: string, enabled: boolean, now = new Date()): Promise<ServiceResult<EmailUpdates>> {
  const opened = await openReporterPortal(db, token)
  if (!opened.ok) return opened
  const { case: row, scope } = opened.value
  if (row.reporter_email === null) return serviceError('validation_failed', 'this report has no e-mail address, so no e-mails are sent')
  if (row.reporter_email_updates === enabled) return { ok: true, value: { enabled, cancelled: 0 } }
  return auditedWrite(db, async (trx) => {
    await disclosureRepository.updateCase(trx, scope, row.id, { reporter_email_updates: enabled })
    const cancelled = enabled ? 0 : await disclosureMailRepository.cancelPending(trx, scope, row.id)
    const summary = enabled ? 'The reporter turned e-mail updates on.' : 'The reporter turned e-mail updates off.'
    await disclosureThreadRepository.addEvent(trx, scope, row.id, { kind: 'email_updates', summary, visibleToReporter: true, actorLabel: 'reporter' }, now)
    return {
      ok: true,
      value: {
        value: { enabled, cancelled },
        audit: { orgId: scope.orgId, actorId: null, actorLabel: 'reporter (portal)', action: 'disclosure.reporter_email_updates', targetType: 'disclosure_case', targetId: row.id, details: { reference: row.reference, enabled, cancelled } },
      },
    }
  })
}
