import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { disclosureThreadRepository } from '../../store/repositories/disclosure-threads.js'
import { newSecret, secretHash } from '../auth/secrets.js'
import { auditedWrite, serviceError, type ServiceResult } from '../context.js'
import { openPublicManufacturer } from './access.js'
import { checkUploads, storeUploads, type UploadedFile } from './attachments.js'
import { checkEncryptedMessage } from './pgp.js'
import type { Mailer } from '../notifications/mailer.js'
import { acknowledgeReporter } from './reporter-mail.js'

/** A report as the public form sends it. */
export interface ReportInput {
  readonly title: string
  readonly description: string
  /** The description is an armored PGP message encrypted (in the browser) to the manufacturer's key. */
  readonly encrypted: boolean
  readonly productVersionId?: string
  /** Free text when the product or version is not in the public catalogue. */
  readonly productText?: string
  readonly versionText?: string
  readonly reporterName?: string
  readonly reporterEmail?: string
  readonly wantsCredit: boolean
  readonly creditName?: string
  readonly attachments?: readonly UploadedFile[]
  /** A field hidden from people; anything in it marks an automated submission. */
  readonly honeypot?: string
}

/** What the reporter keeps: the case reference and the secret link to the portal (shown once). */
export interface ReportReceipt {
  readonly caseId: string
  readonly reference: string
  readonly portalToken: string
  readonly portalPath: string
  /** How the acknowledgement e-mail went: sent (with the secret link), queued (without it), or none (no address). */
  readonly acknowledgement: 'sent' | 'queued' | 'none'
}

/** How the intake e-mails the reporter: the mailer (if SMTP is configured) and the platform's public base URL. */
export interface ReportMailing {
  readonly mailer: Mailer | undefined
  readonly baseUrl: string
}

const clean = (text: string | undefined): string | null => {
  const trimmed = text?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/**
 * Receives an anonymous (or named) report for a manufacturer: stores the case and gives the reporter a secret link.
 * When the reporter gave an e-mail address, they get an acknowledgement with the case id (and, sent directly, the link).
 */
export async function submitReport(db: Kysely<Database>, slug: string, input: ReportInput, now = new Date(), mailing?: ReportMailing): Promise<ServiceResult<ReportReceipt>> {
  if (clean(input.honeypot)) return serviceError('validation_failed', 'the report was rejected')
  const opened = await openPublicManufacturer(db, slug)
  if (!opened.ok) return opened
  const { scope, settings, org } = opened.value
  if (!settings.intakeOpen) return serviceError('forbidden', `${org.name} does not take reports through this platform at the moment`)
  const title = clean(input.title)
  const description = input.description.trim()
  if (!title || description === '') return serviceError('validation_failed', 'a report needs a title and a description')
  if (input.encrypted) {
    if (!settings.pgpPublicKey) return serviceError('validation_failed', `${org.name} has not published an OpenPGP key; send the report unencrypted`)
    const encrypted = await checkEncryptedMessage(description, settings.pgpPublicKey)
    if (!encrypted.ok) return encrypted
  }
  let product = clean(input.productText)
  let version = clean(input.versionText)
  if (input.productVersionId) {
    const picked = (await disclosureRepository.publicCatalogue(db, scope, settings.catalogueTlp)).find((v) => v.id === input.productVersionId)
    if (!picked) return serviceError('validation_failed', 'the chosen product version is not in the public catalogue')
    product = picked.productName
    version = picked.version
  }
  const files = checkUploads(input.attachments)
  if (!files.ok) return files
  const email = clean(input.reporterEmail)
  if (email !== null && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email)) return serviceError('validation_failed', 'the e-mail address does not look like one; correct it or leave it empty')
  const token = newSecret(32)
  const written = await auditedWrite(db, async (trx) => {
    const reference = await disclosureRepository.nextReference(trx, scope, now.getUTCFullYear())
    const created = await disclosureRepository.createCase(
      trx,
      scope,
      {
        reference,
        title,
        body: description,
        body_encrypted: input.encrypted,
        reporter_name: clean(input.reporterName),
        reporter_email: email,
        credit_wanted: input.wantsCredit,
        credit_name: input.wantsCredit ? (clean(input.creditName) ?? clean(input.reporterName)) : null,
        reported_product: product,
        reported_version: version,
        portal_token_hash: secretHash(token),
        cve_ids: '[]',
      },
      now,
    )
    if (input.productVersionId) await disclosureRepository.linkVersion(trx, scope, created.id, input.productVersionId, now)
    await disclosureThreadRepository.addEvent(trx, scope, created.id, { kind: 'received', toState: 'received', summary: `Report ${reference} received.`, visibleToReporter: true, actorLabel: 'reporter' }, now)
    const stored = await storeUploads(trx, scope, created.id, files.value, { messageId: null, thread: 'reporter', kind: 'reporter', label: 'reporter' }, now)
    return {
      ok: true,
      value: {
        value: { caseId: created.id, reference, portalToken: token, portalPath: `/reporter-portal#${token}`, acknowledgement: 'none' as const },
        audit: {
          orgId: scope.orgId,
          actorId: null,
          actorLabel: 'reporter (public form)',
          action: 'disclosure.report_receive',
          targetType: 'disclosure_case',
          targetId: created.id,
          details: { reference, encrypted: input.encrypted, product, version, attachments: stored.map((a) => ({ filename: a.filename, sha256: a.sha256, sizeBytes: a.sizeBytes })) },
        },
      },
    }
  })
  if (!written.ok || email === null) return written
  const receipt = written.value
  const acknowledgement = await acknowledgeReporter(
    db,
    scope,
    { caseId: receipt.caseId, to: email, manufacturer: org.name, reference: receipt.reference, portalUrl: `${(mailing?.baseUrl ?? '').replace(/\/$/, '')}${receipt.portalPath}` },
    mailing?.mailer,
    now,
  )
  return { ok: true, value: { ...receipt, acknowledgement } }
}
