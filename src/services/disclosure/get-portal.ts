import type { Kysely } from 'kysely'
import { disclosureStateLabels, maskEmail, type DisclosureState, type TriageOutcome } from '../../domain/disclosure/index.js'
import type { Database } from '../../store/schema.js'
import { disclosureRepository, type CatalogueVersion } from '../../store/repositories/disclosure.js'
import { disclosureLinkRepository } from '../../store/repositories/disclosure-links.js'
import { disclosureThreadRepository, type DisclosureAttachmentMeta } from '../../store/repositories/disclosure-threads.js'
import type { ServiceResult } from '../context.js'
import { openReporterPortal } from './access.js'
import { caseState, cvesOf, eventView, messageView, type CaseEventView, type CaseMessageView, type CveRecord } from './case-view.js'

/** What the reporter sees through the secret link. */
export interface PortalView {
  readonly caseId: string
  readonly reference: string
  readonly title: string
  readonly manufacturer: { readonly slug: string; readonly name: string; readonly pgpPublicKey: string | null; readonly pgpFingerprint: string | null }
  readonly state: DisclosureState
  readonly stateLabel: string
  readonly triageOutcome: TriageOutcome | null
  readonly receivedAt: Date
  readonly credit: { readonly wanted: boolean; readonly name: string | null }
  /** E-mail updates: the address in part (null when none was given) and whether they are on. */
  readonly emailUpdates: { readonly address: string | null; readonly enabled: boolean }
  readonly cvss: { readonly vector: string; readonly score: number; readonly severity: string } | null
  readonly cves: readonly CveRecord[]
  readonly advisoryRefs: readonly string[]
  readonly versions: readonly CatalogueVersion[]
  readonly events: readonly CaseEventView[]
  readonly messages: readonly CaseMessageView[]
  readonly attachments: readonly DisclosureAttachmentMeta[]
}

/** The reporter's view of a case: status, the steps so far, the conversation with the manufacturer, attachments. */
export async function getPortal(db: Kysely<Database>, token: string): Promise<ServiceResult<PortalView>> {
  const opened = await openReporterPortal(db, token)
  if (!opened.ok) return opened
  const { case: row, scope, org, settings } = opened.value
  const state = caseState(row)
  const [versions, advisories, events, messages, attachments] = await Promise.all([
    disclosureRepository.caseVersions(db, scope, row.id),
    disclosureLinkRepository.linkedAdvisories(db, scope, row.id),
    disclosureThreadRepository.events(db, scope, row.id, true),
    disclosureThreadRepository.messages(db, scope, row.id, ['reporter']),
    disclosureThreadRepository.attachments(db, scope, row.id, ['reporter']),
  ])
  return {
    ok: true,
    value: {
      caseId: row.id,
      reference: row.reference,
      title: row.title,
      manufacturer: { slug: org.slug, name: org.name, pgpPublicKey: settings.pgpPublicKey, pgpFingerprint: settings.pgpFingerprint },
      state: state.state,
      stateLabel: disclosureStateLabels[state.state],
      triageOutcome: state.triageOutcome,
      receivedAt: row.received_at,
      credit: { wanted: row.credit_wanted, name: row.credit_name },
      emailUpdates: { address: row.reporter_email === null ? null : maskEmail(row.reporter_email), enabled: row.reporter_email !== null && row.reporter_email_updates },
      cvss: row.cvss_vector && row.cvss_score !== null ? { vector: row.cvss_vector, score: Number(row.cvss_score), severity: row.cvss_severity ?? '' } : null,
      cves: cvesOf(row),
      advisoryRefs: advisories.map((a) => a.trackingId),
      versions,
      // The reporter sees the manufacturer, not which staff member acted or wrote.
      events: events.map((e) => ({ ...eventView(e), actorLabel: e.actor_label === 'reporter' ? 'You' : org.name })),
      messages: messages.map((m) => ({ ...messageView(m), authorLabel: m.author_kind === 'reporter' ? 'You' : org.name })),
      attachments: attachments.map((a) => ({ ...a, uploadedByLabel: a.uploadedByKind === 'reporter' ? 'You' : org.name })),
    },
  }
}
