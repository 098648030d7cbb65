import { sql, type Kysely } from 'kysely'

/**
 * Disclosure cases link findings and advisories by foreign key instead of free-text ids; the text ids stored so far
 * are linked where they name a finding (by id) or an advisory (by id or tracking id) of the case's own
 * organization, and those that do not resolve stay on the case as unlinked references, reported by an internal
 * event on each case that has some. A reporter may turn off e-mail updates. The public intake's rate-limit counters
 * move to a table, so the limit holds across restarts and across instances sharing the database.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table disclosure_case_findings (
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      -- Findings are never deleted (they are resolved), so a linked one must not disappear under a case.
      finding_id uuid not null references findings(id) on delete restrict,
      created_at timestamptz not null,
      primary key (case_id, finding_id)
    );
    create index disclosure_case_findings_finding on disclosure_case_findings (finding_id);
    create table disclosure_case_advisories (
      id uuid primary key,
      case_id uuid not null references disclosure_cases(id),
      org_id uuid not null references organizations(id),
      -- A draft advisory may be deleted; the link then keeps its tracking id as a record.
      advisory_id uuid references advisories(id) on delete set null,
      tracking_id text not null,
      created_at timestamptz not null,
      unique (case_id, advisory_id)
    );
    create index disclosure_case_advisories_advisory on disclosure_case_advisories (advisory_id);

    insert into disclosure_case_findings (case_id, org_id, finding_id, created_at)
    select distinct c.id, c.org_id, f.id, c.updated_at
    from disclosure_cases c
    cross join lateral jsonb_array_elements_text(c.finding_refs) as r(ref)
    join findings f on f.org_id = c.org_id and f.id::text = lower(trim(r.ref));

    insert into disclosure_case_advisories (id, case_id, org_id, advisory_id, tracking_id, created_at)
    select gen_random_uuid(), m.case_id, m.org_id, m.advisory_id, m.tracking_id, m.created_at
    from (
      select distinct c.id as case_id, c.org_id, a.id as advisory_id, a.tracking_id, c.updated_at as created_at
      from disclosure_cases c
      cross join lateral jsonb_array_elements_text(c.advisory_refs) as r(ref)
      join advisories a on a.org_id = c.org_id and (a.id::text = lower(trim(r.ref)) or a.tracking_id = trim(r.ref))
    ) m;

    update disclosure_cases c set
      finding_refs = coalesce((
        select jsonb_agg(r.ref order by r.n) from jsonb_array_elements_text(c.finding_refs) with ordinality as r(ref, n)
        where not exists (select 1 from findings f where f.org_id = c.org_id and f.id::text = lower(trim(r.ref)))
      ), '[]'::jsonb),
      advisory_refs = coalesce((
        select jsonb_agg(r.ref order by r.n) from jsonb_array_elements_text(c.advisory_refs) with ordinality as r(ref, n)
        where not exists (select 1 from advisories a where a.org_id = c.org_id and (a.id::text = lower(trim(r.ref)) or a.tracking_id = trim(r.ref)))
      ), '[]'::jsonb);

    insert into disclosure_events (id, case_id, org_id, kind, summary, visible_to_reporter, actor_label, created_at)
    select gen_random_uuid(), c.id, c.org_id, 'links_unresolved',
      'References that name no finding or advisory of this organization were kept as text: ' || concat_ws('; ',
        case when jsonb_array_length(c.finding_refs) > 0 then 'findings ' || (select string_agg(r.ref, ', ') from jsonb_array_elements_text(c.finding_refs) as r(ref)) end,
        case when jsonb_array_length(c.advisory_refs) > 0 then 'advisories ' || (select string_agg(r.ref, ', ') from jsonb_array_elements_text(c.advisory_refs) as r(ref)) end
      ) || '.',
      false, 'migration 0017', now()
    from disclosure_cases c
    where jsonb_array_length(c.finding_refs) > 0 or jsonb_array_length(c.advisory_refs) > 0;

    alter table disclosure_cases rename column finding_refs to unlinked_finding_refs;
    alter table disclosure_cases rename column advisory_refs to unlinked_advisory_refs;
    alter table disclosure_cases alter column unlinked_finding_refs set default '[]'::jsonb;
    alter table disclosure_cases alter column unlinked_advisory_refs set default '[]'::jsonb;
    alter table disclosure_cases add column reporter_email_updates boolean not null default true;

    create table public_rate_limits (
      bucket text not null,
      key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
      window_start timestamptz not null,
      hits integer not null,
      primary key (bucket, key_hash, window_start)
    );
    create index public_rate_limits_window on public_rate_limits (window_start);
  `.execute(db)
}
