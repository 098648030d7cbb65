import { sql, type Kysely } from 'kysely'
import type { AliasMerge, EpssScore, KbStatement, KevEntry } from '../../domain/kb/index.js'
import type { Database } from '../schema.js'

// The knowledge base is instance-wide public data: these queries take no OrgScope on purpose.

/** A statement ready to store: its content hash, alias group and search keys. */
export interface StoredStatementInput {
  readonly statement: KbStatement
  readonly hash: string
  readonly group: string
  readonly packageKeys: readonly string[]
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

const keyOf = (source: string, sourceId: string) => `${source}\u0000${sourceId}`

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The vulnerability knowledge base: statements, alias groups, KEV, EPSS and import state. */
export const kbRepository = {
  /** The group of each known alias among the ids. */
  async groupsOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    for (const part of chunks([...new Set(ids)], 1000)) {
      const rows = await db.selectFrom('kb_aliases').select(['alias', 'vulnerability_id']).where('alias', 'in', part).execute()
      for (const r of rows) out.set(r.alias, r.vulnerability_id)
    }
    return out
  },

  /** The stored content hash of each statement key (source + id) that exists. */
  async hashesOf(db: Kysely<Database>, keys: readonly { source: string; sourceId: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    const bySource = new Map<string, string[]>()
    for (const k of keys) bySource.set(k.source, [...(bySource.get(k.source) ?? []), k.sourceId])
    // One `source = ? and source_id in (...)` per source uses the primary key; an OR of pairs does not.
    for (const [source, ids] of bySource) {
      for (const part of chunks(ids, 1000)) {
        const rows = await db.selectFrom('kb_statements').select(['source_id', 'content_hash']).where('source', '=', source).where('source_id', 'in', part).execute()
        for (const r of rows) out.set(keyOf(source, r.source_id), r.content_hash)
      }
    }
    return out
  },

  /** Key of a statement in {@link hashesOf} results. */
  keyOf,

  /** Stores a batch: merges alias groups, then upserts statements and replaces their search keys. */
  async storeStatements(db: Kysely<Database>, rows: readonly StoredStatementInput[], merge: AliasMerge, now: Date): Promise<void> {
    for (const [from, to] of merge.renames) {
      await db.updateTable('kb_aliases').set({ vulnerability_id: to }).where('vulnerability_id', '=', from).execute()
      await db.updateTable('kb_statements').set({ vulnerability_id: to }).where('vulnerability_id', '=', from).execute()
      await db.deleteFrom('kb_vulnerabilities').where('id', '=', from).execute()
    }
    const groups = [...new Set(merge.assignments.values())]
    for (const part of chunks(groups, 1000)) {
      await db.insertInto('kb_vulnerabilities').values(part.map((id) => ({ id, updated_at: now }))).onConflict((oc) => oc.column('id').doUpdateSet({ updated_at: now })).execute()
    }
    for (const part of chunks([...merge.assignments], 1000)) {
      await db
        .insertInto('kb_aliases')
        .values(part.map(([alias, group]) => ({ alias, vulnerability_id: group })))
        .onConflict((oc) => oc.column('alias').doUpdateSet((eb) => ({ vulnerability_id: eb.ref('excluded.vulnerability_id') })))
        .execute()
    }
    for (const part of chunks(rows, 200)) {
      await db
        .insertInto('kb_statements')
        .values(
          part.map((r) => ({
            source: r.statement.source,
            source_id: r.statement.sourceId,
            vulnerability_id: r.group,
            origin: r.statement.origin,
            content_hash: r.hash,
            modified: r.statement.modified,
            withdrawn: r.statement.withdrawn !== null,
            statement: JSON.stringify(r.statement),
            imported_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['source', 'source_id']).doUpdateSet((eb) => ({
            vulnerability_id: eb.ref('excluded.vulnerability_id'),
            origin: eb.ref('excluded.origin'),
            content_hash: eb.ref('excluded.content_hash'),
            modified: eb.ref('excluded.modified'),
            withdrawn: eb.ref('excluded.withdrawn'),
            statement: eb.ref('excluded.statement'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute()
      for (const source of new Set(part.map((r) => r.statement.source))) {
        const ids = part.filter((r) => r.statement.source === source).map((r) => r.statement.sourceId)
        await db.deleteFrom('kb_package_keys').where('source', '=', source).where('source_id', 'in', ids).execute()
      }
      const keys = part.flatMap((r) => r.packageKeys.map((k) => ({ package_key: k, source: r.statement.source, source_id: r.statement.sourceId })))
      for (const keyPart of chunks(keys, 1000)) await db.insertInto('kb_package_keys').values(keyPart).onConflict((oc) => oc.doNothing()).execute()
    }
  },

  /** Upserts KEV entries. */
  async storeKev(db: Kysely<Database>, entries: readonly KevEntry[], origin: string, now: Date): Promise<void> {
    for (const part of chunks(entries, 500)) {
      await db
        .insertInto('kb_kev')
        .values(part.map((e) => ({ cve_id: e.cveId, date_added: e.dateAdded, entry: JSON.stringify(e), origin, imported_at: now })))
        .onConflict((oc) => oc.column('cve_id').doUpdateSet((eb) => ({ date_added: eb.ref('excluded.date_added'), entry: eb.ref('excluded.entry'), origin: eb.ref('excluded.origin'), imported_at: eb.ref('excluded.imported_at') })))
        .execute()
    }
  },

  /** Upserts EPSS scores (the latest file wins). */
  async storeEpss(db: Kysely<Database>, scores: readonly EpssScore[], origin: string, now: Date): Promise<void> {
    for (const part of chunks(scores, 1000)) {
      await db
        .insertInto('kb_epss')
        .values(part.map((s) => ({ cve_id: s.cveId, epss: s.epss, percentile: s.percentile, score_date: s.scoreDate, origin, imported_at: now })))
        .onConflict((oc) => oc.column('cve_id').doUpdateSet((eb) => ({ epss: eb.ref('excluded.epss'), percentile: eb.ref('excluded.percentile'), score_date: eb.ref('excluded.score_date'), origin: eb.ref('excluded.origin'), imported_at: eb.ref('excluded.imported_at') })))
        .execute()
    }
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

  /** Every statement, in pages (for building the matching index and for bundles). */
  async *allStatements(db: Kysely<Database>, pageSize = 2000): AsyncGenerator<StoredStatement> {
    let after: { source: string; sourceId: string } | null = null
    for (;;) {
      const cursor: { source: string; sourceId: string } | null = after
      const rows: { source: string; source_id: string; vulnerability_id: string; statement: unknown; imported_at: Date }[] = await db
        .selectFrom('kb_statements')
        .select(['source', 'source_id', 'vulnerability_id', 'statement', 'imported_at'])
        .$if(cursor !== null, (qb) => qb.where(sql<boolean>`(source, source_id) > (${cursor?.source ?? ''}, ${cursor?.sourceId ?? ''})`))
        .orderBy('source')
        .orderBy('source_id')
        .limit(pageSize)
        .execute()
      for (const r of rows) yield { vulnerabilityId: r.vulnerability_id, statement: r.statement as KbStatement, importedAt: r.imported_at }
      const last: (typeof rows)[number] | undefined = rows[rows.length - 1]
      if (!last || rows.length < pageSize) return
      after = { source: last.source, sourceId: last.source_id }
    }
  },

  async allKev(db: Kysely<Database>): Promise<KevEntry[]> {
    return (await db.selectFrom('kb_kev').select('entry').orderBy('cve_id').execute()).map((r) => r.entry as KevEntry)
  },

  async allEpss(db: Kysely<Database>): Promise<EpssScore[]> {
    const rows = await db.selectFrom('kb_epss').selectAll().orderBy('cve_id').execute()
    return rows.map((r) => ({ kind: 'epss' as const, cveId: r.cve_id, epss: r.epss, percentile: r.percentile, scoreDate: r.score_date }))
  },

  /** A marker that changes whenever the knowledge base changes (for caching the matching index). */
  async generation(db: Kysely<Database>): Promise<string> {
    const r = await db
      .selectFrom('kb_vulnerabilities')
      .select([(eb) => eb.fn.max('updated_at').as('latest'), (eb) => eb.fn.countAll<number>().as('n')])
      .executeTakeFirstOrThrow()
    const kev = await db.selectFrom('kb_kev').select([(eb) => eb.fn.max('imported_at').as('latest'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow()
    const epss = await db.selectFrom('kb_epss').select([(eb) => eb.fn.max('imported_at').as('latest'), (eb) => eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow()
    return JSON.stringify([r.latest, r.n, kev.latest, kev.n, epss.latest, epss.n])
  },
}
