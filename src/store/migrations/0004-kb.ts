import { sql, type Kysely } from 'kysely'

/**
 * The vulnerability knowledge base. It is instance-wide public data (OSV, NVD, CVE, CISA KEV, EPSS, vendor CSAF),
 * not tenant rows: no org_id, no TLP. Imports are run by operators (CLI) or instance admins.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table kb_vulnerabilities (
      id text primary key,
      updated_at timestamptz not null
    );
    create table kb_aliases (
      alias text primary key,
      vulnerability_id text not null
    );
    create index kb_aliases_vulnerability on kb_aliases (vulnerability_id);
    create table kb_statements (
      source text not null check (source in ('osv', 'nvd', 'cve5', 'csaf')),
      source_id text not null,
      vulnerability_id text not null,
      origin text not null,
      content_hash text not null,
      modified text,
      withdrawn boolean not null,
      statement jsonb not null,
      imported_at timestamptz not null,
      primary key (source, source_id)
    );
    create index kb_statements_vulnerability on kb_statements (vulnerability_id);
    create table kb_package_keys (
      package_key text not null,
      source text not null,
      source_id text not null,
      primary key (package_key, source, source_id)
    );
    create index kb_package_keys_statement on kb_package_keys (source, source_id);
    create table kb_kev (
      cve_id text primary key,
      date_added text not null,
      entry jsonb not null,
      origin text not null,
      imported_at timestamptz not null
    );
    create table kb_epss (
      cve_id text primary key,
      epss double precision not null check (epss >= 0 and epss <= 1),
      percentile double precision not null check (percentile >= 0 and percentile <= 1),
      score_date text,
      origin text not null,
      imported_at timestamptz not null
    );
    create table kb_imports (
      location text primary key,
      kind text,
      status text not null check (status in ('running', 'completed', 'failed')),
      etag text,
      last_modified text,
      checkpoint jsonb,
      counts jsonb not null,
      error text,
      started_at timestamptz not null,
      finished_at timestamptz
    );
  `.execute(db)
}
