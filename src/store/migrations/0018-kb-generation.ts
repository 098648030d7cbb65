import { sql, type Kysely } from 'kysely'

// Every table the matching index and the findings read from the knowledge base. kb_package_keys (search keys) and
// kb_imports (import progress) are left out: they do not change what a scan finds.
const KB_TABLES = ['kb_vulnerabilities', 'kb_aliases', 'kb_statements', 'kb_kev', 'kb_epss'] as const

/**
 * The knowledge-base generation (ADR 0068): a one-row counter that changes in the same transaction as any write to
 * the knowledge base, so the matching index and stored findings can be cached under it and read in one row instead
 * of counting 500,000 rows. Bumped by statement-level triggers (one update per statement, however many rows), so no
 * write path can forget it. BEFORE triggers: a writing transaction takes the counter's row lock before any row lock
 * of its own, so two concurrent knowledge-base writers queue up instead of deadlocking on each other.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Seeded from the current state: 1 for a knowledge base that holds data, 0 for an empty one. (Generations stored
  // before this migration had another form, so stored findings are re-matched once whatever the seed.)
  await sql`
    create table kb_generation (
      singleton boolean primary key default true check (singleton),
      generation bigint not null
    );

    insert into kb_generation (generation)
      select case when exists (select from kb_vulnerabilities) or exists (select from kb_kev) or exists (select from kb_epss) then 1 else 0 end;

    create function kb_generation_bump() returns trigger language plpgsql as $$
    begin
      update kb_generation set generation = generation + 1;
      return null;
    end $$;
  `.execute(db)
  for (const table of KB_TABLES) {
    await sql`create trigger ${sql.raw(`${table}_generation`)} before insert or update or delete or truncate on ${sql.table(table)} for each statement execute function kb_generation_bump()`.execute(db)
  }
}
