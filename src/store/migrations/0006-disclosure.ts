import { sql, type Kysely } from 'kysely'

/**
 * Coordinated vulnerability disclosure: each manufacturer's programme settings (policy, clocks, OpenPGP key), the
 * cases reported to it with their events, messages, attachments (original bytes and SHA-256), linked product
 * versions and invited parties. A reporter proves access to a case with a secret link; only its SHA-256 is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosure_programmes (
      org_id uuid primary key references organizations(id),
      intake_open boolean not null default true,
      catalogue_tlp text not null default 'GREEN' check (catalogue_tlp in ('CLEAR', 'GREEN')),
      contact_email text,
      website_url text,
      policy_url text,
      acknowledgments_url text,
      hiring_url text,
      preferred_languages jsonb not null,
      clock_policy jsonb not null,
      pgp_public_key text,
      pgp_fingerprint text,
      updated_by_label text not null,
      updated_at timestamptz not null
    );
    create table disclosure_cases (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      reference text not null,
      title text not null,
      body text not null,
      body_encrypted boolean not null,
      reporter_name text,
      reporter_email text,
      credit_wanted boolean not null,
      credit_name text,
      reported_product text,
      reported_version text,
      portal_token_hash text not null unique,
      state text not null check (state in ('received', 'acknowledged', 'triaged', 'remediation', 'published', 'closed')),
      triage_outcome text check (triage_outcome in ('valid', 'duplicate', 'not_vulnerability')),
      duplicate_of text,
      cvss_vector text,
      cvss_score double precision,
      cvss_severity text,
      fda_determination jsonb,
      cve_ids jsonb not null,
      finding_refs jsonb not null,
      advisory_refs jsonb not null,
      fix_released_on text check (fix_released_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      customers_notified_on text check (customers_notified_on ~ '^\\d{4}-\\d{2}-\\d{2}$'),
      received_at timestamptz not null,
      acknowledged_at timestamptz,
      triaged_at timestamptz,
      remediation_started_at timestamptz,
      published_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz not null,
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      unique (org_id, reference)
    );
    create index disclosure_cases_org on disclosure_cases (org_id, received_at desc);
    create table disclosure_case_versions (
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      product_version_id uuid not null references product_versions(id),
      created_at timestamptz not null,
      primary key (case_id, product_version_id)
    );
    create table disclosure_parties (
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      party_org_id uuid not null references organizations(id),
      role text not null check (role in ('component_manufacturer', 'coordinator', 'other')),
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      invited_by_label text not null,
      created_at timestamptz not null,
      primary key (case_id, party_org_id)
    );
    create index disclosure_parties_party on disclosure_parties (party_org_id);
    create table disclosure_events (
      id uuid primary key,
      seq bigserial not null,
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      kind text not null,
      from_state text,
      to_state text,
      summary text not null,
      note text,
      visible_to_reporter boolean not null,
      actor_label text not null,
      created_at timestamptz not null
    );
    create index disclosure_events_case on disclosure_events (case_id, seq);
    create table disclosure_messages (
      id uuid primary key,
      seq bigserial not null,
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      thread text not null check (thread in ('reporter', 'coordination', 'internal')),
      reply_to uuid references disclosure_messages(id),
      author_kind text not null check (author_kind in ('reporter', 'manufacturer', 'party')),
      author_org_id uuid references organizations(id),
      author_label text not null,
      body text not null,
      encrypted boolean not null,
      created_at timestamptz not null
    );
    create index disclosure_messages_case on disclosure_messages (case_id, seq);
    create table disclosure_attachments (
      id uuid primary key,
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      message_id uuid references disclosure_messages(id),
      thread text not null check (thread in ('reporter', 'coordination', 'internal')),
      filename text not null,
      media_type text not null,
      size_bytes integer not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null,
      uploaded_by_kind text not null check (uploaded_by_kind in ('reporter', 'manufacturer', 'party')),
      uploaded_by_label text not null,
      created_at timestamptz not null
    );
    create index disclosure_attachments_case on disclosure_attachments (case_id);
  `.execute(db)
}
