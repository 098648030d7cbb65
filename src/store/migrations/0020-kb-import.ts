import { sql, type Kysely } from 'kysely'

/**
 * KB statements are stored as json instead of jsonb: every reader takes a statement back whole (no query looks
 * inside it), and json only checks the text where jsonb builds and sorts a binary tree per row, the largest cost of
 * an import on PGlite (ADR 0067). json also keeps the statement's own key order, so it reads back as it was written.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table kb_statements alter column statement type json using statement::json`.execute(db)
}
