import type { Kysely } from 'kysely'
import { acknowledgementMail, type ReporterMail } from '../../domain/disclosure/index.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { disclosureMailRepository } from '../../store/repositories/disclosure-mail.js'
import type { DisclosureCaseRow } from '../../store/tables/disclosure.js'
import type { Mailer } from '../notifications/mailer.js'

/** How long the intake waits for the SMTP server before it queues the acknowledgement (without the link) instead. */
const DIRECT_SEND_TIMEOUT_MS = 15_000

/** Whether the case's reporter gets e-mails: an address was given and the updates were not turned off. */
export function mailsReporter(row: Pick<DisclosureCaseRow, 'reporter_email' | 'reporter_email_updates'>): row is typeof row & { reporter_email: string } {
  return row.reporter_email !== null && row.reporter_email_updates
}

/** Queues an e-mail to the case's reporter inside the caller's transaction (nothing when they get none). */
export async function queueReporterMail(trx: Kysely<Database>, scope: OrgScope, row: DisclosureCaseRow, mail: ReporterMail, now: Date): Promise<void> {
  if (!mailsReporter(row)) return
  await disclosureMailRepository.enqueue(trx, scope, { caseId: row.id, to: row.reporter_email, ...mail }, now)
}

/**
 * Sends the acknowledgement of a new report. The secret portal link goes only into this first e-mail, and only when
 * it is sent directly: it is never stored (the database keeps the link's SHA-256 alone). Without a mailer, or when
 * the SMTP server fails or is slow, an acknowledgement without the link is queued in the outbox instead.
 */
export async function acknowledgeReporter(
  db: Kysely<Database>,
  scope: OrgScope,
  input: { caseId: string; to: string; manufacturer: string; reference: string; portalUrl: string },
  mailer: Mailer | undefined,
  now: Date,
): Promise<'sent' | 'queued'> {
  if (mailer) {
    const mail = acknowledgementMail({ manufacturer: input.manufacturer, reference: input.reference }, input.portalUrl)
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('SMTP timeout')), DIRECT_SEND_TIMEOUT_MS)
    })
    try {
      await Promise.race([mailer({ to: input.to, ...mail }), timeout])
      return 'sent'
    } catch {
      // Fall through: the reporter still has the link from the receipt; the queued mail confirms the case id.
    } finally {
      clearTimeout(timer)
    }
  }
  const mail = acknowledgementMail({ manufacturer: input.manufacturer, reference: input.reference }, null)
  await disclosureMailRepository.enqueue(db, scope, { caseId: input.caseId, to: input.to, ...mail }, now)
  return 'queued'
}
