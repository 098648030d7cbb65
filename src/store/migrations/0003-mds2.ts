import { sql, type Kysely } from 'kysely'

/**
 * MDS2: manufacturers' documents per product version with every saved revision, hospitals' uploaded vendor files
 * (original bytes and SHA-256 kept for good, even after the upload is removed from the list) and each
 * organization's requirement profile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table mds2_documents (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      product_version_id uuid not null unique references product_versions(id),
      current_revision integer not null check (current_revision > 0),
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index mds2_documents_org on mds2_documents (org_id);
    create table mds2_revisions (
      document_id uuid not null references mds2_documents(id),
      org_id uuid not null references organizations(id),
      revision integer not null check (revision > 0),
      content jsonb not null,
      completeness_percent integer not null check (completeness_percent between 0 and 100),
      note text,
      created_by uuid,
      created_by_label text not null,
      created_at timestamptz not null,
      primary key (document_id, revision)
    );
    create index mds2_revisions_org on mds2_revisions (org_id);
    create table mds2_uploads (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      filename text not null,
      media_type text,
      original bytea not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer not null,
      content jsonb not null,
      unmapped jsonb not null,
      completeness_percent integer not null check (completeness_percent between 0 and 100),
      vendor_name text not null,
      model_name text not null,
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      uploaded_by uuid,
      uploaded_by_label text not null,
      created_at timestamptz not null,
      deleted_at timestamptz,
      deleted_by_label text
    );
    create index mds2_uploads_org on mds2_uploads (org_id, created_at desc);
    create table mds2_profiles (
      org_id uuid primary key references organizations(id),
      profile jsonb not null,
      updated_by_label text not null,
      updated_at timestamptz not null
    );
  `.execute(db)
}
