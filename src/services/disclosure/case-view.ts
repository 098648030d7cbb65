import {
  availableCommands, caseClocks, disclosureStateLabels, isDisclosureState, utcDate, type CaseClock, type CaseDates, type ClockPolicy, type DisclosureCaseState,
  type DisclosureCommand, type DisclosureState, type TriageOutcome,
} from '../../domain/disclosure/index.js'
import type { FdaDetermination } from '../../domain/risk/index.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { CatalogueVersion } from '../../store/repositories/disclosure.js'
import type { LinkedAdvisory, LinkedFinding } from '../../domain/disclosure/links.js'
import type { DisclosureAttachmentMeta } from '../../store/repositories/disclosure-threads.js'
import type { DisclosureCaseRow, DisclosureEventRow, DisclosureMessageRow } from '../../store/tables/disclosure.js'

/** A CVE id recorded on a case; a reserved id is not public yet. */
export interface CveRecord {
  readonly id: string
  readonly status: 'reserved' | 'published'
}

/** A case as lists show it. */
export interface CaseSummary {
  readonly id: string
  readonly reference: string
  readonly title: string
  readonly state: DisclosureState
  readonly stateLabel: string
  readonly triageOutcome: TriageOutcome | null
  readonly receivedAt: Date
  readonly updatedAt: Date
  readonly cvss: { readonly vector: string; readonly score: number; readonly severity: string } | null
  readonly fdaRisk: 'controlled' | 'uncontrolled' | null
  readonly clocks: readonly CaseClock[]
  readonly tlp: TlpLabel
}

/** A case event as shown on the timeline. */
export interface CaseEventView {
  readonly id: string
  readonly kind: string
  readonly fromState: string | null
  readonly toState: string | null
  readonly summary: string
  readonly note: string | null
  readonly visibleToReporter: boolean
  readonly actorLabel: string
  readonly createdAt: Date
}

/** A message as shown in a thread. */
export interface CaseMessageView {
  readonly id: string
  readonly thread: string
  readonly replyTo: string | null
  readonly authorKind: string
  readonly authorLabel: string
  readonly body: string
  readonly encrypted: boolean
  readonly createdAt: Date
}

/** Everything a manufacturer sees of a case. */
export interface CaseDetail extends CaseSummary {
  readonly body: string
  readonly bodyEncrypted: boolean
  readonly reporter: { readonly name: string | null; readonly email: string | null; readonly emailUpdates: boolean; readonly creditWanted: boolean; readonly creditName: string | null }
  readonly reportedProduct: string | null
  readonly reportedVersion: string | null
  readonly duplicateOf: string | null
  readonly fdaDetermination: FdaDetermination | null
  readonly cves: readonly CveRecord[]
  /** The manufacturer's findings linked to the case. */
  readonly findings: readonly LinkedFinding[]
  /** The manufacturer's advisories linked to the case (the one published with it among them). */
  readonly advisories: readonly LinkedAdvisory[]
  /** Text references from before links were real, that named no finding or advisory (migration 0017). */
  readonly unlinkedRefs: { readonly findings: readonly string[]; readonly advisories: readonly string[] }
  readonly fixReleasedOn: string | null
  readonly customersNotifiedOn: string | null
  readonly versions: readonly CatalogueVersion[]
  readonly events: readonly CaseEventView[]
  readonly messages: readonly CaseMessageView[]
  readonly attachments: readonly DisclosureAttachmentMeta[]
  readonly availableCommands: readonly DisclosureCommand['kind'][]
}

/** The state of a stored case (an unknown stored state reads as received, which the check constraint prevents). */
export function caseState(row: DisclosureCaseRow): DisclosureCaseState {
  const state = isDisclosureState(row.state) ? row.state : 'received'
  return { state, triageOutcome: (row.triage_outcome as TriageOutcome | null) ?? null }
}

/** The dates the clocks read from a stored case. */
export function caseDates(row: DisclosureCaseRow): CaseDates {
  const date = (d: Date | null) => (d ? utcDate(d) : undefined)
  const fda = row.fda_determination as FdaDetermination | null
  const stoppedWithoutRemediation = row.closed_at && row.triage_outcome !== 'valid'
  return {
    receivedOn: utcDate(row.received_at),
    ...(date(row.acknowledged_at) ? { acknowledgedOn: date(row.acknowledged_at)! } : {}),
    ...(date(row.triaged_at) ? { triagedOn: date(row.triaged_at)! } : {}),
    ...(date(row.published_at) ? { publishedOn: date(row.published_at)! } : {}),
    ...(stoppedWithoutRemediation ? { stoppedOn: utcDate(row.closed_at!) } : {}),
    ...(fda?.risk === 'uncontrolled' ? { uncontrolledSince: fda.date } : {}),
    ...(row.customers_notified_on ? { communicatedOn: row.customers_notified_on } : {}),
  }
}

/** The clocks of a stored case today (an unreadable stored date gives no clocks rather than an error). */
export function clocksOf(row: DisclosureCaseRow, policy: ClockPolicy, now: Date): readonly CaseClock[] {
  const clocks = caseClocks(caseDates(row), policy, utcDate(now))
  return clocks.ok ? clocks.value : []
}

/** A stored case as lists show it. */
export function caseSummary(row: DisclosureCaseRow, policy: ClockPolicy, now: Date): CaseSummary {
  const state = caseState(row)
  const fda = row.fda_determination as FdaDetermination | null
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    state: state.state,
    stateLabel: disclosureStateLabels[state.state],
    triageOutcome: state.triageOutcome,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    cvss: row.cvss_vector && row.cvss_score !== null ? { vector: row.cvss_vector, score: Number(row.cvss_score), severity: row.cvss_severity ?? '' } : null,
    fdaRisk: fda?.risk ?? null,
    clocks: clocksOf(row, policy, now),
    tlp: row.tlp,
  }
}

/** The CVE records of a stored case. */
export function cvesOf(row: DisclosureCaseRow): CveRecord[] {
  return Array.isArray(row.cve_ids) ? (row.cve_ids as CveRecord[]) : []
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

/** A stored event as the timeline shows it. */
export function eventView(e: DisclosureEventRow): CaseEventView {
  return { id: e.id, kind: e.kind, fromState: e.from_state, toState: e.to_state, summary: e.summary, note: e.note, visibleToReporter: e.visible_to_reporter, actorLabel: e.actor_label, createdAt: e.created_at }
}

/** A stored message as a thread shows it. */
export function messageView(m: DisclosureMessageRow): CaseMessageView {
  return { id: m.id, thread: m.thread, replyTo: m.reply_to, authorKind: m.author_kind, authorLabel: m.author_label, body: m.body, encrypted: m.encrypted, createdAt: m.created_at }
}

/** Assembles the manufacturer's full view of a case. */
export function caseDetail(
  row: DisclosureCaseRow,
  policy: ClockPolicy,
  now: Date,
  parts: {
    versions: readonly CatalogueVersion[]
    findings: readonly LinkedFinding[]
    advisories: readonly LinkedAdvisory[]
    events: readonly DisclosureEventRow[]
    messages: readonly DisclosureMessageRow[]
    attachments: readonly DisclosureAttachmentMeta[]
  },
): CaseDetail {
  return {
    ...caseSummary(row, policy, now),
    body: row.body,
    bodyEncrypted: row.body_encrypted,
    reporter: { name: row.reporter_name, email: row.reporter_email, emailUpdates: row.reporter_email_updates, creditWanted: row.credit_wanted, creditName: row.credit_name },
    reportedProduct: row.reported_product,
    reportedVersion: row.reported_version,
    duplicateOf: row.duplicate_of,
    fdaDetermination: (row.fda_determination as FdaDetermination | null) ?? null,
    cves: cvesOf(row),
    findings: parts.findings,
    advisories: parts.advisories,
    unlinkedRefs: { findings: strings(row.unlinked_finding_refs), advisories: strings(row.unlinked_advisory_refs) },
    fixReleasedOn: row.fix_released_on,
    customersNotifiedOn: row.customers_notified_on,
    versions: parts.versions,
    events: parts.events.map(eventView),
    messages: parts.messages.map(messageView),
    attachments: parts.attachments,
    availableCommands: availableCommands(caseState(row)),
  }
}
