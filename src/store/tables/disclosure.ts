import type { ColumnType, Generated, Selectable } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Timestamp } from '../schema.js'

/** JSON stored in a jsonb column: written as a JSON string, read back parsed. */
type Json = ColumnType<unknown, string, string>

/** Bytes stored in a bytea column: a Buffer from pg, a Uint8Array from PGlite. */
type Bytes = ColumnType<Uint8Array, Uint8Array, never>

/** Who wrote a message or uploaded an attachment. */
export type DisclosureAuthorKind = 'reporter' | 'manufacturer' | 'party'

/** Which conversation a message belongs to: with the reporter, with invited parties, or internal notes. */
export type DisclosureThread = 'reporter' | 'coordination' | 'internal'

/** The coordinated vulnerability disclosure tables (migrations 0006 and 0017). */
export interface DisclosureTables {
  disclosure_programmes: DisclosureProgrammeTable
  disclosure_cases: DisclosureCaseTable
  disclosure_case_versions: DisclosureCaseVersionTable
  disclosure_case_findings: DisclosureCaseFindingTable
  disclosure_case_advisories: DisclosureCaseAdvisoryTable
  public_rate_limits: PublicRateLimitTable
  disclosure_parties: DisclosurePartyTable
  disclosure_events: DisclosureEventTable
  disclosure_messages: DisclosureMessageTable
  disclosure_attachments: DisclosureAttachmentTable
}

/** A manufacturer's disclosure programme settings (absent until first saved; defaults apply until then). */
export interface DisclosureProgrammeTable {
  org_id: string
  intake_open: boolean
  /** The most restricted TLP label of products shown in the public report form's pickers. */
  catalogue_tlp: 'CLEAR' | 'GREEN'
  contact_email: string | null
  website_url: string | null
  policy_url: string | null
  acknowledgments_url: string | null
  hiring_url: string | null
  preferred_languages: Json
  clock_policy: Json
  pgp_public_key: string | null
  pgp_fingerprint: string | null
  updated_by_label: string
  updated_at: Timestamp
}

/** A reported vulnerability and its handling. */
export interface DisclosureCaseTable {
  id: string
  org_id: string
  reference: string
  title: string
  body: string
  body_encrypted: boolean
  reporter_name: string | null
  reporter_email: string | null
  credit_wanted: boolean
  credit_name: string | null
  reported_product: string | null
  reported_version: string | null
  portal_token_hash: string
  state: string
  triage_outcome: string | null
  duplicate_of: string | null
  cvss_vector: string | null
  cvss_score: number | null
  cvss_severity: string | null
  fda_determination: Json | null
  cve_ids: Json
  /** Text references from before links were foreign keys (migration 0017) that named no finding of the organization. */
  unlinked_finding_refs: ColumnType<unknown, string | undefined, string>
  /** Text references from before migration 0017 that named no advisory of the organization. */
  unlinked_advisory_refs: ColumnType<unknown, string | undefined, string>
  /** Whether the reporter (when they gave an e-mail address) receives e-mail updates; they may turn them off. */
  reporter_email_updates: ColumnType<boolean, boolean | undefined, boolean>
  fix_released_on: string | null
  customers_notified_on: string | null
  received_at: Timestamp
  acknowledged_at: Timestamp | null
  triaged_at: Timestamp | null
  remediation_started_at: Timestamp | null
  published_at: Timestamp | null
  closed_at: Timestamp | null
  updated_at: Timestamp
  tlp: TlpLabel
}

/** A product version a case affects. */
export interface DisclosureCaseVersionTable {
  case_id: string
  org_id: string
  product_version_id: string
  created_at: Timestamp
}

/** A finding of the manufacturer linked to a case. */
export interface DisclosureCaseFindingTable {
  case_id: string
  org_id: string
  finding_id: string
  created_at: Timestamp
}

/** An advisory of the manufacturer linked to a case; the id turns null if a linked draft is deleted. */
export interface DisclosureCaseAdvisoryTable {
  id: string
  case_id: string
  org_id: string
  advisory_id: string | null
  /** The advisory's tracking id when it was linked, kept as the record once a deleted draft's id is gone. */
  tracking_id: string
  created_at: Timestamp
}

/** Hits of one client (its address as a SHA-256) in one fixed window of one public limit. */
export interface PublicRateLimitTable {
  bucket: string
  key_hash: string
  window_start: Timestamp
  hits: number
}

/** Another organization invited to a case (e.g. the maker of an affected component). */
export interface DisclosurePartyTable {
  case_id: string
  org_id: string
  party_org_id: string
  role: 'component_manufacturer' | 'coordinator' | 'other'
  tlp: TlpLabel
  invited_by_label: string
  created_at: Timestamp
}

/** Something that happened to a case: a transition, a link, an invitation. */
export interface DisclosureEventTable {
  id: string
  /** Insertion order: several events of one write share a timestamp. */
  seq: Generated<string>
  case_id: string
  org_id: string
  kind: string
  from_state: string | null
  to_state: string | null
  summary: string
  note: string | null
  visible_to_reporter: boolean
  actor_label: string
  created_at: Timestamp
}

/** A message in one of a case's threads. */
export interface DisclosureMessageTable {
  id: string
  /** Insertion order. */
  seq: Generated<string>
  case_id: string
  org_id: string
  thread: DisclosureThread
  reply_to: string | null
  author_kind: DisclosureAuthorKind
  author_org_id: string | null
  author_label: string
  body: string
  encrypted: boolean
  created_at: Timestamp
}

/** A file attached to a case, kept as received with its SHA-256. */
export interface DisclosureAttachmentTable {
  id: string
  case_id: string
  org_id: string
  message_id: string | null
  thread: DisclosureThread
  filename: string
  media_type: string
  size_bytes: number
  sha256: string
  content: Bytes
  uploaded_by_kind: DisclosureAuthorKind
  uploaded_by_label: string
  created_at: Timestamp
}

export type DisclosureProgrammeRow = Selectable<DisclosureProgrammeTable>
export type DisclosureCaseRow = Selectable<DisclosureCaseTable>
export type DisclosureEventRow = Selectable<DisclosureEventTable>
export type DisclosureMessageRow = Selectable<DisclosureMessageTable>
export type DisclosurePartyRow = Selectable<DisclosurePartyTable>
