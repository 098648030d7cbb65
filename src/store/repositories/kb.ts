import { sql, type Kysely } from 'kysely'
import type { AliasMerge, EpssScore, KbStatement, KevEntry } from '../../domain/kb/index.js'
import type { Database } from '../schema.js'

// The knowledge base is instance-wide public data: these queries take no OrgScope on purpose.

/** A statement ready to store: its stored JSON, content hash, alias group and search keys. */
export interface StoredStatementInput {
  readonly source: string
  readonly sourceId: string
  readonly origin: string
  readonly modified: string | null
  readonly withdrawn: boolean
  /** The statement serialised as stored (JSON.stringify of the domain's KbStatement). */
  readonly json: string
  readonly hash: string
  readonly group: string
  readonly packageKeys: readonly string[]
  /** True when no statement of this key was stored before, so there are no old search keys to replace. */
  readonly isNew: boolean
}

/** A stored statement with its group. */
export interface StoredStatement {
  readonly vulnerabilityId: string
  readonly statement: KbStatement
  readonly importedAt: Date
}

/** The state of the last import of a location. */
export interface ImportState {
  readonly location: string
  readonly kind: string | null
  readonly status: 'running' | 'completed' | 'failed'
  readonly etag: string | null
  readonly lastModified: string | null
  readonly checkpoint: unknown
  readonly counts: unknown
  readonly error: string | null
  readonly startedAt: Date
  readonly finishedAt: Date | null
}

// One page of statements as the database serialises it (see allStatements).
interface PageRow {
  readonly body: string | null
  readonly last_source: string | null
  readonly last_id: string | null
}

const keyOf = (source: string, sourceId: string) => `${source}\u0000${sourceId}`

/** The vulnerability knowledge base: statements, alias groups, KEV, EPSS and import state. */
export const kbRepository = {
  /** The group of each known alias among the ids (one query, the ids passed as one array). */
  async groupsOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    if (ids.length === 0) return out
    const { rows } = await sql<{ alias: string; vulnerability_id: string }>`
      select a.alias, a.vulnerability_id from kb_aliases a where a.alias = any(${[...new Set(ids)]}::text[])`.execute(db)
    for (const r of rows) out.set(r.alias, r.vulnerability_id)
    return out
  },

  /** The stored content hash of each statement key (source + id) that exists (one query over the primary key). */
  async hashesOf(db: Kysely<Database>, keys: readonly { source: string; sourceId: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    if (keys.length === 0) return out
    const { rows } = await sql<{ source: string; source_id: string; content_hash: string }>`
      select s.source, s.source_id, s.content_hash
      from unnest(${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.sourceId)}::text[]) as k(source, source_id)
      join kb_statements s on s.source = k.source and s.source_id = k.source_id`.execute(db)
    for (const r of rows) out.set(keyOf(r.source, r.source_id), r.content_hash)
    return out
  },

  /** Key of a statement in {@link hashesOf} results. */
  keyOf,

  /**
   * Stores a batch: merges alias groups, then upserts statements and replaces their search keys. One statement per
   * table, each row set passed as parallel arrays to unnest() (statements: as one JSON document), so a batch costs a fixed handful of round trips and
   * no statement nears the 65,535-parameter limit however large the batch. The rows must be distinct by key.
   */
  async storeStatements(db: Kysely<Database>, rows: readonly StoredStatementInput[], merge: AliasMerge, now: Date): Promise<void> {
    if (merge.renames.size > 0) {
      const from = [...merge.renames.keys()]
      const to = [...merge.renames.values()]
      await sql`update kb_aliases a set vulnerability_id = r.to_id from unnest(${from}::text[], ${to}::text[]) as r(from_id, to_id) where a.vulnerability_id = r.from_id`.execute(db)
      await sql`update kb_statements s set vulnerability_id = r.to_id from unnest(${from}::text[], ${to}::text[]) as r(from_id, to_id) where s.vulnerability_id = r.from_id`.execute(db)
      await sql`delete from kb_vulnerabilities where id = any(${from}::text[])`.execute(db)
    }
    const groups = [...new Set(merge.assignments.values())]
    if (groups.length > 0) {
      await sql`insert into kb_vulnerabilities (id, updated_at) select id, ${now} from unnest(${groups}::text[]) as g(id)
        on conflict (id) do update set updated_at = excluded.updated_at`.execute(db)
    }
    if (merge.assignments.size > 0) {
      await sql`insert into kb_aliases (alias, vulnerability_id) select * from unnest(${[...merge.assignments.keys()]}::text[], ${[...merge.assignments.values()]}::text[])
        on conflict (alias) do update set vulnerability_id = excluded.vulnerability_id where kb_aliases.vulnerability_id <> excluded.vulnerability_id`.execute(db)
    }
    if (rows.length === 0) return
    // The rows go in as one JSON document (json_to_recordset) with each statement's stored JSON spliced in as it is.
    // The column is json, not jsonb (migration 0020): every reader takes a statement back whole, and PGlite spends
    // about 30 % less per row when it only checks the text instead of building jsonb (docs/perf/kb-import.md).
    const document = `[${rows
      .map((r) => `{"source":${JSON.stringify(r.source)},"source_id":${JSON.stringify(r.sourceId)},"vulnerability_id":${JSON.stringify(r.group)},"origin":${JSON.stringify(r.origin)},"content_hash":"${r.hash}","modified":${JSON.stringify(r.modified)},"withdrawn":${r.withdrawn},"statement":${r.json}}`)
      .join(',')}]`
    await sql`
      insert into kb_statements (source, source_id, vulnerability_id, origin, content_hash, modified, withdrawn, statement, imported_at)
      select source, source_id, vulnerability_id, origin, content_hash, modified, withdrawn, statement, ${now}
      from json_to_recordset(${document}::json) as r(source text, source_id text, vulnerability_id text, origin text, content_hash text, modified text, withdrawn boolean, statement json)
      on conflict (source, source_id) do update set
        vulnerability_id = excluded.vulnerability_id, origin = excluded.origin, content_hash = excluded.content_hash, modified = excluded.modified,
        withdrawn = excluded.withdrawn, statement = excluded.statement, imported_at = excluded.imported_at`.execute(db)
    // Only statements stored before can have search keys to replace; a new one just adds its own.
    const replaced = rows.filter((r) => !r.isNew)
    if (replaced.length > 0) {
      await sql`delete from kb_package_keys k using unnest(${replaced.map((r) => r.source)}::text[], ${replaced.map((r) => r.sourceId)}::text[]) as r(source, source_id)
        where k.source = r.source and k.source_id = r.source_id`.execute(db)
    }
    const keySources: string[] = []
    const keyIds: string[] = []
    const keys: string[] = []
    for (const r of rows) {
      for (const k of r.packageKeys) {
        keys.push(k)
        keySources.push(r.source)
        keyIds.push(r.sourceId)
      }
    }
    if (keys.length > 0) {
      await sql`insert into kb_package_keys (package_key, source, source_id) select * from unnest(${keys}::text[], ${keySources}::text[], ${keyIds}::text[])
        on conflict do nothing`.execute(db)
    }
  },

  /** Upserts KEV entries (one statement; the last entry of a CVE wins). */
  async storeKev(db: Kysely<Database>, entries: readonly KevEntry[], origin: string, now: Date): Promise<void> {
    const latest = [...new Map(entries.map((e) => [e.cveId, e])).values()]
    if (latest.length === 0) return
    await sql`insert into kb_kev (cve_id, date_added, entry, origin, imported_at)
      select cve_id, date_added, entry::jsonb, ${origin}, ${now} from unnest(${latest.map((e) => e.cveId)}::text[], ${latest.map((e) => e.dateAdded)}::text[], ${latest.map((e) => JSON.stringify(e))}::text[]) as e(cve_id, date_added, entry)
      on conflict (cve_id) do update set date_added = excluded.date_added, entry = excluded.entry, origin = excluded.origin, imported_at = excluded.imported_at`.execute(db)
  },

  /** Upserts EPSS scores (the latest file wins; one statement). */
  async storeEpss(db: Kysely<Database>, scores: readonly EpssScore[], origin: string, now: Date): Promise<void> {
    const latest = [...new Map(scores.map((s) => [s.cveId, s])).values()]
    if (latest.length === 0) return
    await sql`insert into kb_epss (cve_id, epss, percentile, score_date, origin, imported_at)
      select cve_id, epss, percentile, score_date, ${origin}, ${now}
      from unnest(${latest.map((s) => s.cveId)}::text[], ${latest.map((s) => s.epss)}::float8[], ${latest.map((s) => s.percentile)}::float8[], ${latest.map((s) => s.scoreDate)}::text[]) as s(cve_id, epss, percentile, score_date)
      on conflict (cve_id) do update set epss = excluded.epss, percentile = excluded.percentile, score_date = excluded.score_date, origin = excluded.origin, imported_at = excluded.imported_at`.execute(db)
  },

  async importState(db: Kysely<Database>, location: string): Promise<ImportState | undefined> {
    const r = await db.selectFrom('kb_imports').selectAll().where('location', '=', location).executeTakeFirst()
    return r ? { location: r.location, kind: r.kind, status: r.status, etag: r.etag, lastModified: r.last_modified, checkpoint: r.checkpoint, counts: r.counts, error: r.error, startedAt: r.started_at, finishedAt: r.finished_at } : undefined
  },

  async saveImportState(db: Kysely<Database>, state: ImportState): Promise<void> {
    const row = {
      location: state.location,
      kind: state.kind,
      status: state.status,
      etag: state.etag,
      last_modified: state.lastModified,
      checkpoint: state.checkpoint === null || state.checkpoint === undefined ? null : JSON.stringify(state.checkpoint),
      counts: JSON.stringify(state.counts ?? {}),
      error: state.error,
      started_at: state.startedAt,
      finished_at: state.finishedAt,
    }
    await db.insertInto('kb_imports').values(row).onConflict((oc) => oc.column('location').doUpdateSet(row)).execute()
  },

  async listImports(db: Kysely<Database>): Promise<ImportState[]> {
    const rows = await db.selectFrom('kb_imports').select('location').orderBy('started_at', 'desc').execute()
    const out: ImportState[] = []
    for (const r of rows) {
      const s = await kbRepository.importState(db, r.location)
      if (s) out.push(s)
    }
    return out
  },

  /** Counts per source, vulnerabilities, aliases, KEV and EPSS rows. */
  async stats(db: Kysely<Database>): Promise<{ vulnerabilities: number; aliases: number; statements: Record<string, number>; kev: number; epss: number }> {
    const count = async (table: 'kb_vulnerabilities' | 'kb_aliases' | 'kb_kev' | 'kb_epss') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const bySource = await db.selectFrom('kb_statements').select(['source', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('source').execute()
    return {
      vulnerabilities: await count('kb_vulnerabilities'),
      aliases: await count('kb_aliases'),
      statements: Object.fromEntries(bySource.map((r) => [r.source, Number(r.n)])),
      kev: await count('kb_kev'),
      epss: await count('kb_epss'),
    }
  },

  /** The group an id or alias belongs to (ids are compared case-insensitively). */
  async resolve(db: Kysely<Database>, idOrAlias: string): Promise<string | undefined> {
    const exact = await db.selectFrom('kb_aliases').select('vulnerability_id').where('alias', '=', idOrAlias).executeTakeFirst()
    if (exact) return exact.vulnerability_id
    const folded = await db.selectFrom('kb_aliases').select('vulnerability_id').where(sql<string>`upper(alias)`, '=', idOrAlias.toUpperCase()).executeTakeFirst()
    return folded?.vulnerability_id
  },

  async aliasesOf(db: Kysely<Database>, vulnerabilityId: string): Promise<string[]> {
    const rows = await db.selectFrom('kb_aliases').select('alias').where('vulnerability_id', '=', vulnerabilityId).orderBy('alias').execute()
    return rows.map((r) => r.alias)
  },

  async statementsOf(db: Kysely<Database>, vulnerabilityIds: readonly string[]): Promise<StoredStatement[]> {
    if (vulnerabilityIds.length === 0) return []
    const rows = await db.selectFrom('kb_statements').select(['vulnerability_id', 'statement', 'imported_at']).where('vulnerability_id', 'in', vulnerabilityIds).orderBy('source').orderBy('source_id').execute()
    return rows.map((r) => ({ vulnerabilityId: r.vulnerability_id, statement: r.statement as KbStatement, importedAt: r.imported_at }))
  },

  async kevOf(db: Kysely<Database>, ids: readonly string[]): Promise<KevEntry[]> {
    if (ids.length === 0) return []
    const rows = await db.selectFrom('kb_kev').select('entry').where('cve_id', 'in', ids).execute()
    return rows.map((r) => r.entry as KevEntry)
  },

  async epssOf(db: Kysely<Database>, ids: readonly string[]): Promise<EpssScore[]> {
    if (ids.length === 0) return []
    const rows = await db.selectFrom('kb_epss').selectAll().where('cve_id', 'in', ids).execute()
    return rows.map((r) => ({ kind: 'epss' as const, cveId: r.cve_id, epss: r.epss, percentile: r.percentile, scoreDate: r.score_date }))
  },

  /**
   * Vulnerability groups whose id or alias starts with the query, or whose statements have a search key containing
   * it (package name, CPE vendor:product, product name); newest first, paged.
   */
  async search(db: Kysely<Database>, query: string, limit: number, offset: number): Promise<{ total: number; ids: string[] }> {
    const q = query.trim().toLowerCase()
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const matching = db
      .selectFrom('kb_vulnerabilities as v')
      .select(['v.id', 'v.updated_at'])
      .$if(q !== '', (qb) =>
        qb.where((eb) =>
          eb.or([
            eb.exists(eb.selectFrom('kb_aliases as a').select('a.alias').whereRef('a.vulnerability_id', '=', 'v.id').where(sql<string>`lower(a.alias)`, 'like', like)),
            eb.exists(
              eb
                .selectFrom('kb_statements as s')
                .innerJoin('kb_package_keys as k', (join) => join.onRef('k.source', '=', 's.source').onRef('k.source_id', '=', 's.source_id'))
                .select('k.package_key')
                .whereRef('s.vulnerability_id', '=', 'v.id')
                .where('k.package_key', 'like', like),
            ),
          ]),
        ),
      )
    const total = Number((await db.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const rows = await matching.orderBy('v.updated_at', 'desc').orderBy('v.id').limit(limit).offset(offset).execute()
    return { total, ids: rows.map((r) => r.id) }
  },

  /**
   * Every statement, in pages in key order (for building the matching index and for bundles). Each page is one
   * query that returns one JSON text (the database serialises the page's jsonb rows in one go), parsed with one
   * JSON.parse: far fewer round trips and conversions than a row per statement.
   */
  async *allStatements(db: Kysely<Database>, pageSize = 5000): AsyncGenerator<StoredStatement> {
    let after: { source: string; sourceId: string } | null = null
    for (;;) {
      const cursor: { source: string; sourceId: string } | null = after
      const result: { rows: PageRow[] } = await sql<PageRow>`
        with page as materialized (
          select source, source_id, vulnerability_id, statement, imported_at from kb_statements
          where ${cursor === null ? sql`true` : sql`(source, source_id) > (${cursor.source}, ${cursor.sourceId})`}
          order by source, source_id limit ${pageSize}
        )
        select
          (select '[' || string_agg('[' || to_json(vulnerability_id)::text || ',' || to_json(imported_at)::text || ',' || statement::text || ']', ',' order by source, source_id) || ']' from page) as body,
          (select source from page order by source desc, source_id desc limit 1) as last_source,
          (select source_id from page order by source desc, source_id desc limit 1) as last_id`.execute(db)
      const page: PageRow | undefined = result.rows[0]
      if (!page || page.body === null || page.last_source === null || page.last_id === null) return
      const entries = JSON.parse(page.body) as [string, string, KbStatement][]
      for (const [vulnerabilityId, importedAt, statement] of entries) yield { vulnerabilityId, statement, importedAt: new Date(importedAt) }
      if (entries.length < pageSize) return
      after = { source: page.last_source, sourceId: page.last_id }
    }
  },

  async allKev(db: Kysely<Database>): Promise<KevEntry[]> {
    return (await db.selectFrom('kb_kev').select('entry').orderBy('cve_id').execute()).map((r) => r.entry as KevEntry)
  },

  async allEpss(db: Kysely<Database>): Promise<EpssScore[]> {
    const rows = await db.selectFrom('kb_epss').selectAll().orderBy('cve_id').execute()
    return rows.map((r) => ({ kind: 'epss' as const, cveId: r.cve_id, epss: r.epss, percentile: r.percentile, scoreDate: r.score_date }))
  },

  /**
   * A marker that changes whenever the knowledge base changes (for caching the matching index): the counter that
   * statement triggers bump in the writing transaction (migration 0018), one row to read.
   */
  async generation(db: Kysely<Database>): Promise<string> {
    const { rows } = await sql<{ generation: string }>`select generation::text as generation from kb_generation`.execute(db)
    return rows[0]?.generation ?? '0'
  },
}
