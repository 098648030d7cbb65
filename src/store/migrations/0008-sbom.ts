import { sql, type Kysely } from 'kysely'

/**
 * SBOMs of product versions: every upload is a revision that keeps the original bytes and their SHA-256 for good,
 * with its parsed components (one row each, FDA support fields editable) and its dependency edges.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sbom_revisions (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      product_version_id uuid not null references product_versions(id),
      revision integer not null check (revision > 0),
      filename text not null,
      media_type text,
      original bytea not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size_bytes integer not null check (size_bytes >= 0),
      format text not null check (format in ('cyclonedx', 'spdx')),
      spec_version text not null,
      encoding text not null,
      document jsonb not null,
      component_count integer not null,
      dependency_count integer not null,
      tlp text not null check (tlp in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
      uploaded_by uuid,
      uploaded_by_label text not null,
      created_at timestamptz not null,
      unique (product_version_id, revision)
    );
    create index sbom_revisions_org on sbom_revisions (org_id);
    create table sbom_components (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      revision_id uuid not null references sbom_revisions(id),
      ordinal integer not null,
      bom_ref text not null,
      parent_ref text,
      type text not null,
      name text not null,
      group_name text,
      version text,
      supplier text,
      purl text,
      cpe text,
      licenses jsonb not null,
      hashes jsonb not null,
      support_level text check (support_level in ('actively_maintained', 'no_longer_maintained', 'abandoned', 'unknown')),
      end_of_support text,
      extra jsonb not null,
      fda_edited_at timestamptz,
      fda_edited_by_label text,
      unique (revision_id, ordinal)
    );
    create index sbom_components_org on sbom_components (org_id);
    create index sbom_components_purl on sbom_components (purl) where purl is not null;
    create index sbom_components_cpe on sbom_components (cpe) where cpe is not null;
    create table sbom_dependencies (
      revision_id uuid not null references sbom_revisions(id),
      org_id uuid not null references organizations(id),
      ordinal integer not null,
      position integer not null,
      ref text not null,
      depends_on text,
      primary key (revision_id, ordinal, position)
    );
    create index sbom_dependencies_org on sbom_dependencies (org_id);
  `.execute(db)
}
