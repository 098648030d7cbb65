import { sql, type Kysely } from 'kysely'

/**
 * CSAF advisories: each manufacturer's advisories (the editable content, the generated CSAF document, tracking and
 * the last validation), the published file of each advisory as served by its CSAF provider (exact bytes, hashes,
 * detached OpenPGP signature), and the organization's OpenPGP signing keys (private key encrypted at rest).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table advisories (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      tracking_id text not null,
      title text not null,
      category text not null check (category in ('csaf_security_advisory', 'csaf_vex')),
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'RED')),
      status text not null check (status in ('draft', 'interim', 'final')),
      version text not null,
      revisions jsonb not null,
      initial_release_date timestamptz,
      current_release_date timestamptz,
      content jsonb not null,
      document jsonb not null,
      validation jsonb not null,
      product_ids jsonb not null,
      changed_since_publish boolean not null,
      created_by_label text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (org_id, tracking_id)
    );
    create index advisories_org on advisories (org_id, updated_at desc);

    create table advisory_files (
      advisory_id uuid primary key references advisories(id),
      org_id uuid not null references organizations(id),
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'RED')),
      year text not null check (year ~ '^[0-9]{4}$'),
      filename text not null,
      tracking_id text not null,
      title text not null,
      version text not null,
      content text not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      sha512 text not null check (sha512 ~ '^[0-9a-f]{128}$'),
      signature text not null,
      signing_key_fingerprint text not null,
      initial_release_date timestamptz not null,
      current_release_date timestamptz not null,
      published_at timestamptz not null,
      unique (org_id, tlp, year, filename)
    );
    create index advisory_files_org on advisory_files (org_id, current_release_date desc);

    create table csaf_signing_keys (
      fingerprint text primary key,
      org_id uuid not null references organizations(id),
      public_key text not null,
      private_key_encrypted text not null,
      user_id text not null,
      created_by_label text not null,
      created_at timestamptz not null,
      retired_at timestamptz
    );
    create unique index csaf_signing_keys_active on csaf_signing_keys (org_id) where retired_at is null;
  `.execute(db)
}
