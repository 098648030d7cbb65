import { sql, type Kysely } from 'kysely'

/**
 * The inverted index of targeted re-matching: the identity keys of every component of the SBOM revision each product
 * version was last matched on (normalised purl package key, CPE vendor:product, lower-case name), and the cursor of
 * knowledge-base changes already re-matched. Rows are filled by match runs; a missing cursor makes the job runner
 * match every product version once (the backfill), because purl and CPE normalisation are not expressible in SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table finding_component_keys (
      match_key text not null,
      component_id uuid not null references sbom_components(id),
      org_id uuid not null references organizations(id),
      product_version_id uuid not null references product_versions(id),
      revision_id uuid not null references sbom_revisions(id),
      primary key (match_key, component_id)
    );
    create index finding_component_keys_version on finding_component_keys (product_version_id);
    create index finding_component_keys_prefix on finding_component_keys (match_key text_pattern_ops);
    create table finding_kb_cursor (
      id integer primary key check (id = 1),
      through timestamptz,
      generation text not null,
      updated_at timestamptz not null
    );
  `.execute(db)
}
