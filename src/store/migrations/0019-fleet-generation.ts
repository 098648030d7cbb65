import { sql, type Kysely } from 'kysely'

// Tables whose rows belong to one organization and feed its fleet views: the counter is per organization.
const ORG_TABLES: readonly [table: string, prefix: string][] = [
  ['devices', 'devices'],
  ['fleet_risk_entries', 'register'],
  ['fleet_risk_controls', 'register'],
]

// Tables shared by every organization (a manufacturer's data feeds a hospital's scores): one instance-wide counter,
// and a second one for what the parsed advisories depend on.
const SHARED_TABLES: readonly [table: string, scopes: readonly string[]][] = [
  ['findings', ['shared']],
  ['triage_decisions', ['shared']],
  ['sbom_revisions', ['shared']],
  ['sbom_components', ['shared']],
  ['products', ['shared', 'advisories']],
  ['product_versions', ['shared', 'advisories']],
  ['organizations', ['shared', 'advisories']],
  ['advisory_files', ['shared', 'advisories']],
]

/**
 * Fleet generations (ADR 0095): counters that change in the same transaction as any write to what the fleet's risk
 * scores, support life and affected devices are computed from, so a computed view can be cached under them. Bumped
 * by statement-level triggers (one counter update per statement, however many rows), so no write path can forget it.
 * The shared counters are bumped BEFORE the statement (as the KB generation, migration 18): a writer takes the
 * counter's row lock before any row lock of its own, so concurrent writers of shared inputs queue instead of
 * deadlocking. The organization counters need the statement's rows to know the organization, so they run AFTER it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table fleet_generations (
      scope text primary key,
      generation bigint not null
    );

    create function fleet_generation_bump_shared() returns trigger language plpgsql as $$
    begin
      insert into fleet_generations as g (scope, generation)
        select s, 1 from unnest(tg_argv) as s order by s
        on conflict (scope) do update set generation = g.generation + 1;
      return null;
    end $$;

    -- One counter per organization touched by the statement (the transition tables name them).
    create function fleet_generation_bump_orgs() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into fleet_generations as g (scope, generation)
          select distinct tg_argv[0] || ':' || org_id, 1 from new_rows order by 1
          on conflict (scope) do update set generation = g.generation + 1;
      elsif tg_op = 'UPDATE' then
        insert into fleet_generations as g (scope, generation)
          select tg_argv[0] || ':' || org_id, 1 from (select org_id from new_rows union select org_id from old_rows) o order by 1
          on conflict (scope) do update set generation = g.generation + 1;
      else
        insert into fleet_generations as g (scope, generation)
          select distinct tg_argv[0] || ':' || org_id, 1 from old_rows order by 1
          on conflict (scope) do update set generation = g.generation + 1;
      end if;
      return null;
    end $$;
  `.execute(db)
  for (const [table, prefix] of ORG_TABLES) {
    const name = (op: string) => sql.raw(`${table}_fleet_generation_${op}`)
    const t = sql.table(table)
    const arg = sql.lit(prefix)
    await sql`create trigger ${name('insert')} after insert on ${t} referencing new table as new_rows for each statement execute function fleet_generation_bump_orgs(${arg})`.execute(db)
    await sql`create trigger ${name('update')} after update on ${t} referencing old table as old_rows new table as new_rows for each statement execute function fleet_generation_bump_orgs(${arg})`.execute(db)
    await sql`create trigger ${name('delete')} after delete on ${t} referencing old table as old_rows for each statement execute function fleet_generation_bump_orgs(${arg})`.execute(db)
  }
  for (const [table, scopes] of SHARED_TABLES) {
    const args = sql.join(scopes.map((s) => sql.lit(s)))
    await sql`create trigger ${sql.raw(`${table}_fleet_generation`)} before insert or update or delete or truncate on ${sql.table(table)} for each statement execute function fleet_generation_bump_shared(${args})`.execute(db)
  }
}
