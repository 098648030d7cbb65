import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import { notificationRepository } from './sharing-notifications.js'

/** The event type of e-mails to reporters in the events table and the delivery outbox. */
export const REPORTER_MAIL_EVENT = 'disclosure.reporter_mail'

/** E-mails to reporters, queued in the platform's delivery outbox (sent, retried and logged by its worker). */
export const disclosureMailRepository = {
  /** Queues one e-mail to a reporter; the payload carries the finished subject and text. */
  async enqueue(db: Kysely<Database>, scope: OrgScope, input: { caseId: string; to: string; subject: string; text: string }, at: Date): Promise<void> {
    const payload = { type: REPORTER_MAIL_EVENT, title: input.subject, createdAt: at.toISOString(), caseId: input.caseId, mail: { subject: input.subject, text: input.text } }
    const eventId = await notificationRepository.insertEvent(db, { type: REPORTER_MAIL_EVENT, sourceOrgId: scope.orgId, title: input.subject, payload: { type: REPORTER_MAIL_EVENT, caseId: input.caseId }, at })
    await notificationRepository.enqueue(db, [{ orgId: scope.orgId, channel: 'email', endpointId: null, recipient: input.to, eventId, eventType: REPORTER_MAIL_EVENT, payload }], at)
  },

  /** Stops the e-mails of a case still waiting in the outbox (the reporter turned them off); answers how many. */
  async cancelPending(db: Kysely<Database>, scope: OrgScope, caseId: string): Promise<number> {
    const result = await db
      .updateTable('delivery_outbox')
      .set({ status: 'failed', last_error: 'the reporter turned e-mail updates off' })
      .where('org_id', '=', scope.orgId)
      .where('event_type', '=', REPORTER_MAIL_EVENT)
      .where('status', '=', 'pending')
      .where(sql<string>`payload->>'caseId'`, '=', caseId)
      .executeTakeFirst()
    return Number(result.numUpdatedRows)
  },
}
