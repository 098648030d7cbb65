import { sql, type Kysely } from 'kysely'
import type { KbStatement } from '../../domain/kb/index.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** A component found through the inverted index, with where it lives. */
export interface AffectedComponent {
  readonly orgId: string
  readonly productVersionId: string
  readonly revisionId: string
  readonly componentId: string
}

/** A knowledge-base statement (re)written by an import, with its alias group. */
export interface ChangedStatement {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
  readonly importedAt: Date
}

/** The cursor of knowledge-base changes already re-matched. */
export interface KbCursor {
  readonly through: Date | null
  readonly generation: string
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

// The inverted index and the re-match cursor. Writes are per organization (OrgScope); the look-ups that find the
// affected components across organizations are the background job's (operator work, like the KB itself).

/** The inverted index of component identity keys, and the knowledge-base change cursor. */
export const findingKeysRepository = {
  /** Replaces the keys of a product version with those of the revision it was just matched on. */
  async replaceVersionKeys(db: Kysely<Database>, scope: OrgScope, productVersionId: string, revisionId: string | null, components: readonly { id: string; keys: readonly string[] }[]): Promise<void> {
    await db.deleteFrom('finding_component_keys').where('org_id', '=', scope.orgId).where('product_version_id', '=', productVersionId).execute()
    if (revisionId === null) return
    const rows = components.flatMap((c) => c.keys.map((k) => ({ match_key: k, component_id: c.id, org_id: scope.orgId, product_version_id: productVersionId, revision_id: revisionId })))
    for (const part of chunks(rows, 1000)) await db.insertInto('finding_component_keys').values(part).onConflict((oc) => oc.doNothing()).execute()
  },

  /**
   * Instance-wide, for the background re-match: the components stored under any of the keys or CPE patterns, and
   * those with a present finding of any of the vulnerability ids (so that a narrowed or withdrawn record resolves it).
   */
  async affectedComponents(
    db: Kysely<Database>,
    touched: { keys: Iterable<string>; cpePatterns: readonly { vendor: string | null; product: string | null }[]; vulnerabilityIds: Iterable<string> },
  ): Promise<AffectedComponent[]> {
    const out = new Map<string, AffectedComponent>()
    const add = (r: { org_id: string; product_version_id: string; revision_id: string; component_id: string }) =>
      out.set(r.component_id, { orgId: r.org_id, productVersionId: r.product_version_id, revisionId: r.revision_id, componentId: r.component_id })
    const columns = ['org_id', 'product_version_id', 'revision_id', 'component_id'] as const
    for (const part of chunks([...new Set(touched.keys)], 1000)) {
      for (const r of await db.selectFrom('finding_component_keys').select(columns).where('match_key', 'in', part).execute()) add(r)
    }
    for (const p of touched.cpePatterns) {
      const pattern = `cpe:${p.vendor === null ? '%' : escapeLike(p.vendor)}:${p.product === null ? '%' : escapeLike(p.product)}`
      for (const r of await db.selectFrom('finding_component_keys').select(columns).where('match_key', 'like', pattern).execute()) add(r)
    }
    for (const part of chunks([...new Set(touched.vulnerabilityIds)], 1000)) {
      const rows = await db
        .selectFrom('findings')
        .select(['org_id', 'product_version_id', 'revision_id', 'component_id'])
        .where('status', '=', 'present')
        .where((eb) => eb.or([eb('vulnerability_id', 'in', part), sql<boolean>`aliases ?| array[${sql.join(part)}]::text[]`]))
        .execute()
      for (const r of rows) add(r)
    }
    return [...out.values()]
  },

  /** Instance-wide: statements (re)written by imports after a time (all of them without one). */
  async changedStatements(db: Kysely<Database>, after: Date | null): Promise<ChangedStatement[]> {
    const rows = await db
      .selectFrom('kb_statements')
      .select(['vulnerability_id', 'statement', 'imported_at'])
      .$if(after !== null, (qb) => qb.where('imported_at', '>', after as Date))
      .execute()
    return rows.map((r) => ({ vulnerabilityId: r.vulnerability_id, statement: r.statement as KbStatement, importedAt: r.imported_at }))
  },

  /** Instance-wide: when the oldest import still running (started after a time) began, if any. */
  async oldestRunningImport(db: Kysely<Database>, startedAfter: Date): Promise<Date | null> {
    const row = await db
      .selectFrom('kb_imports')
      .select((eb) => eb.fn.min('started_at').as('oldest'))
      .where('status', '=', 'running')
      .where('started_at', '>', startedAfter)
      .executeTakeFirst()
    return row?.oldest ? new Date(row.oldest as Date | string) : null
  },

  /** Every alias of the given alias groups (findings may still carry an id a merge has renamed). */
  async aliasesOfGroups(db: Kysely<Database>, groups: readonly string[]): Promise<string[]> {
    const out: string[] = []
    for (const part of chunks([...new Set(groups)], 1000)) out.push(...(await db.selectFrom('kb_aliases').select('alias').where('vulnerability_id', 'in', part).execute()).map((r) => r.alias))
    return out
  },

  async cursor(db: Kysely<Database>): Promise<KbCursor | undefined> {
    const row = await db.selectFrom('finding_kb_cursor').select(['through', 'generation']).where('id', '=', 1).executeTakeFirst()
    return row && { through: row.through, generation: row.generation }
  },

  async saveCursor(db: Kysely<Database>, cursor: KbCursor, now: Date): Promise<void> {
    const values = { through: cursor.through, generation: cursor.generation, updated_at: now }
    await db.insertInto('finding_kb_cursor').values({ id: 1, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute()
  },

  /** Instance-wide: every match watermark now stands for the given KB generation (after a complete targeted pass). */
  async advanceWatermarks(db: Kysely<Database>, generation: string): Promise<void> {
    await db.updateTable('finding_match_runs').set({ kb_generation: generation }).execute()
  },

  /**
   * Instance-wide, for the job runner: product versions whose latest SBOM revision is not the one they were last
   * matched on (a new upload, or never matched), and, when a generation is given, those matched on another KB state.
   */
  async versionsToMatch(db: Kysely<Database>, kbGeneration: string | null): Promise<{ orgId: string; productVersionId: string }[]> {
    const rows = await db
      .selectFrom('sbom_revisions as r')
      .leftJoin('finding_match_runs as m', 'm.product_version_id', 'r.product_version_id')
      .select(['r.org_id', 'r.product_version_id', 'r.id', 'm.revision_id as matched_revision', 'm.kb_generation'])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('sbom_revisions as newer').select('newer.id').whereRef('newer.product_version_id', '=', 'r.product_version_id').whereRef('newer.revision', '>', 'r.revision'))),
      )
      .execute()
    return rows
      .filter((r) => r.matched_revision !== r.id || (kbGeneration !== null && r.kb_generation !== kbGeneration))
      .map((r) => ({ orgId: r.org_id, productVersionId: r.product_version_id }))
  },

  /** Instance-wide counts of the index (for the benchmark and the status panel). */
  async size(db: Kysely<Database>): Promise<{ keys: number; components: number; versions: number }> {
    const r = await db
      .selectFrom('finding_component_keys')
      .select([
        (eb) => eb.fn.countAll<number>().as('keys'),
        (eb) => eb.fn.count<number>('component_id').distinct().as('components'),
        (eb) => eb.fn.count<number>('product_version_id').distinct().as('versions'),
      ])
      .executeTakeFirstOrThrow()
    return { keys: Number(r.keys), components: Number(r.components), versions: Number(r.versions) }
  },
}
