import { sql, type Kysely } from 'kysely'

/**
 * Findings of product versions (an SBOM component matched to a KB vulnerability), the match watermark of each
 * product version, and triage decisions by scope (product version, product, component org-wide).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table findings (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      product_version_id uuid not null references product_versions(id),
      revision_id uuid not null references sbom_revisions(id),
      component_id uuid not null references sbom_components(id),
      component_key text not null,
      component_ref text not null,
      component_name text not null,
      component_version text,
      component_purl text,
      component_cpe text,
      package_id text,
      vulnerability_id text not null,
      aliases jsonb not null,
      source text not null,
      source_id text not null,
      match_kind text not null check (match_kind in ('purl', 'cpe', 'product')),
      range text not null,
      source_status text not null,
      reason jsonb not null,
      confidence text not null check (confidence in ('high', 'medium', 'low')),
      status text not null check (status in ('present', 'resolved')),
      first_seen timestamptz not null,
      last_seen timestamptz not null,
      resolved_at timestamptz,
      unique (product_version_id, component_key, vulnerability_id)
    );
    create index findings_org on findings (org_id);
    create index findings_vulnerability on findings (org_id, vulnerability_id);
    create table finding_match_runs (
      product_version_id uuid primary key references product_versions(id),
      org_id uuid not null references organizations(id),
      revision_id uuid references sbom_revisions(id),
      kb_generation text not null,
      matched_at timestamptz not null
    );
    create table triage_decisions (
      id uuid primary key,
      org_id uuid not null references organizations(id),
      scope_kind text not null check (scope_kind in ('product_version', 'product', 'component')),
      scope_key text not null,
      product_version_id uuid references product_versions(id),
      product_id uuid references products(id),
      package_id text,
      vulnerability_id text not null,
      state text not null check (state in ('in_triage', 'exploitable', 'not_affected', 'false_positive', 'resolved')),
      justification text,
      responses jsonb not null,
      detail text,
      decided_by uuid,
      decided_by_label text not null,
      decided_at timestamptz not null,
      origin text not null,
      unique (org_id, scope_key, vulnerability_id)
    );
    create index triage_decisions_vulnerability on triage_decisions (org_id, vulnerability_id);
  `.execute(db)
}
