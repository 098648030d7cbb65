import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'
import type { FindingRow, TriageDecisionRow } from '../tables/findings.js'

/** A product version with its product, as findings need it. */
export interface VersionHeader {
  readonly id: string
  readonly version: string
  readonly productId: string
  readonly productName: string
  readonly tlp: TlpLabel
}

/** A component of an SBOM revision, as matching needs it. */
export interface StoredComponent {
  readonly id: string
  readonly bomRef: string
  readonly name: string
  readonly groupName: string | null
  readonly version: string | null
  readonly purl: string | null
  readonly cpe: string | null
  readonly supplier: string | null
}

/** A finding to store (insert or refresh) in a match run. */
export interface FindingUpsert {
  readonly revisionId: string
  readonly componentId: string
  readonly componentKey: string
  readonly componentRef: string
  readonly componentName: string
  readonly componentVersion: string | null
  readonly componentPurl: string | null
  readonly componentCpe: string | null
  readonly packageId: string | null
  readonly vulnerabilityId: string
  readonly aliases: readonly string[]
  readonly source: string
  readonly sourceId: string
  readonly matchKind: 'purl' | 'cpe' | 'product'
  readonly range: string
  readonly sourceStatus: string
  readonly reason: unknown
  readonly confidence: 'high' | 'medium' | 'low'
}

/** The components a targeted run re-matched: only their findings are refreshed or resolved. */
export interface RunRestriction {
  readonly componentIds: readonly string[]
  readonly componentKeys: readonly string[]
}

/** A decision to store at a scope. */
export interface DecisionUpsert {
  readonly scopeKind: 'product_version' | 'product' | 'component'
  readonly scopeKey: string
  readonly productVersionId: string | null
  readonly productId: string | null
  readonly packageId: string | null
  readonly vulnerabilityId: string
  readonly state: string
  readonly justification: string | null
  readonly responses: readonly string[]
  readonly detail: string | null
  readonly decidedBy: string | null
  readonly decidedByLabel: string
  readonly origin: string
}

/** Findings, match watermarks and triage decisions; SBOM tables are read here, never written. */
export const findingsRepository = {
  /** Instance-wide, for the CLI's default organization: the slugs of manufacturer organizations. */
  async manufacturerSlugs(db: Kysely<Database>): Promise<string[]> {
    return (await db.selectFrom('organizations').select('slug').where('kind', '=', 'manufacturer').orderBy('slug').execute()).map((r) => r.slug)
  },

  async versionHeader(db: Kysely<Database>, scope: OrgScope, productVersionId: string): Promise<VersionHeader | undefined> {
    const row = await db
      .selectFrom('product_versions as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.version', 'v.product_id', 'p.name', 'v.tlp'])
      .where('v.org_id', '=', scope.orgId)
      .where('v.id', '=', productVersionId)
      .executeTakeFirst()
    return row && { id: row.id, version: row.version, productId: row.product_id, productName: row.name, tlp: row.tlp }
  },

  async versionByName(db: Kysely<Database>, scope: OrgScope, productName: string, version: string): Promise<VersionHeader | undefined> {
    const row = await db
      .selectFrom('product_versions as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.version', 'v.product_id', 'p.name', 'v.tlp'])
      .where('v.org_id', '=', scope.orgId)
      .where('p.name', '=', productName)
      .where('v.version', '=', version)
      .executeTakeFirst()
    return row && { id: row.id, version: row.version, productId: row.product_id, productName: row.name, tlp: row.tlp }
  },

  async productsOfOrg(db: Kysely<Database>, scope: OrgScope): Promise<{ id: string; name: string; modelNumber: string | null; versions: { id: string; version: string }[] }[]> {
    const [products, versions] = await Promise.all([
      db.selectFrom('products').select(['id', 'name', 'model_number']).where('org_id', '=', scope.orgId).execute(),
      db.selectFrom('product_versions').select(['id', 'version', 'product_id']).where('org_id', '=', scope.orgId).execute(),
    ])
    return products.map((p) => ({ id: p.id, name: p.name, modelNumber: p.model_number, versions: versions.filter((v) => v.product_id === p.id).map((v) => ({ id: v.id, version: v.version })) }))
  },

  async latestRevision(db: Kysely<Database>, scope: OrgScope, productVersionId: string): Promise<{ id: string; revision: number } | undefined> {
    return db
      .selectFrom('sbom_revisions')
      .select(['id', 'revision'])
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', '=', productVersionId)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst()
  },

  async components(db: Kysely<Database>, scope: OrgScope, revisionId: string): Promise<StoredComponent[]> {
    const rows = await db
      .selectFrom('sbom_components')
      .select(['id', 'bom_ref', 'name', 'group_name', 'version', 'purl', 'cpe', 'supplier'])
      .where('org_id', '=', scope.orgId)
      .where('revision_id', '=', revisionId)
      .orderBy('ordinal')
      .execute()
    return rows.map((r) => ({ id: r.id, bomRef: r.bom_ref, name: r.name, groupName: r.group_name, version: r.version, purl: r.purl, cpe: r.cpe, supplier: r.supplier }))
  },

  /** Components of a revision by id, plus (when asked) every component with a declared CPE (the SBOM's platforms). */
  async componentsForRematch(db: Kysely<Database>, scope: OrgScope, revisionId: string, ids: readonly string[], withCpes: boolean): Promise<StoredComponent[]> {
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('sbom_components')
      .select(['id', 'bom_ref', 'name', 'group_name', 'version', 'purl', 'cpe', 'supplier'])
      .where('org_id', '=', scope.orgId)
      .where('revision_id', '=', revisionId)
      .where((eb) => (withCpes ? eb.or([eb('id', 'in', [...ids]), eb('cpe', 'is not', null)]) : eb('id', 'in', [...ids])))
      .orderBy('ordinal')
      .execute()
    return rows.map((r) => ({ id: r.id, bomRef: r.bom_ref, name: r.name, groupName: r.group_name, version: r.version, purl: r.purl, cpe: r.cpe, supplier: r.supplier }))
  },

  async list(db: Kysely<Database>, scope: OrgScope, productVersionId: string): Promise<FindingRow[]> {
    return db
      .selectFrom('findings')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', '=', productVersionId)
      .orderBy('status')
      .orderBy('component_name')
      .orderBy('vulnerability_id')
      .execute()
  },

  async find(db: Kysely<Database>, scope: OrgScope, id: string): Promise<FindingRow | undefined> {
    return db.selectFrom('findings').selectAll().where('org_id', '=', scope.orgId).where('id', '=', id).executeTakeFirst()
  },

  /** Present findings of the organization, optionally only those of some vulnerabilities. */
  async presentOfOrg(db: Kysely<Database>, scope: OrgScope): Promise<FindingRow[]> {
    return db.selectFrom('findings').selectAll().where('org_id', '=', scope.orgId).where('status', '=', 'present').execute()
  },

  /**
   * Stores a match run: refreshes or inserts the given findings (present, last_seen now), marks the product version's
   * other present findings resolved, and records the watermark. Returns how many were new, reopened and resolved.
   */
  async applyRun(
    db: Kysely<Database>,
    scope: OrgScope,
    productVersionId: string,
    run: { revisionId: string | null; kbGeneration: string; findings: readonly FindingUpsert[]; now: Date; only?: RunRestriction },
  ): Promise<{ added: number; reopened: number; resolved: number; present: number }> {
    const only = run.only
    const existing = await db
      .selectFrom('findings')
      .select(['id', 'component_key', 'vulnerability_id', 'status'])
      .where('org_id', '=', scope.orgId)
      .where('product_version_id', '=', productVersionId)
      // A sentinel keeps each `in` list non-empty (SQL has no empty list).
      .$if(only !== undefined, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('component_id', 'in', ['00000000-0000-0000-0000-000000000000', ...(only?.componentIds ?? [])]),
            eb('component_key', 'in', ['', ...(only?.componentKeys ?? [])]),
          ]),
        ),
      )
      .execute()
    const byKey = new Map(existing.map((e) => [`${e.component_key}\u0000${e.vulnerability_id}`, e]))
    const seen = new Set<string>()
    let added = 0
    let reopened = 0
    for (const f of run.findings) {
      const key = `${f.componentKey}\u0000${f.vulnerabilityId}`
      seen.add(key)
      const values = {
        revision_id: f.revisionId,
        component_id: f.componentId,
        component_ref: f.componentRef,
        component_name: f.componentName,
        component_version: f.componentVersion,
        component_purl: f.componentPurl,
        component_cpe: f.componentCpe,
        package_id: f.packageId,
        aliases: JSON.stringify(f.aliases),
        source: f.source,
        source_id: f.sourceId,
        match_kind: f.matchKind,
        range: f.range,
        source_status: f.sourceStatus,
        reason: JSON.stringify(f.reason),
        confidence: f.confidence,
        status: 'present' as const,
        last_seen: run.now,
        resolved_at: null,
      }
      const old = byKey.get(key)
      if (old) {
        if (old.status === 'resolved') reopened++
        await db.updateTable('findings').set(values).where('org_id', '=', scope.orgId).where('id', '=', old.id).execute()
      } else {
        added++
        await db
          .insertInto('findings')
          .values({ ...values, id: randomUUID(), org_id: scope.orgId, product_version_id: productVersionId, component_key: f.componentKey, vulnerability_id: f.vulnerabilityId, first_seen: run.now })
          .execute()
      }
    }
    const vanished = existing.filter((e) => e.status === 'present' && !seen.has(`${e.component_key}\u0000${e.vulnerability_id}`)).map((e) => e.id)
    if (vanished.length > 0) {
      await db.updateTable('findings').set({ status: 'resolved', resolved_at: run.now }).where('org_id', '=', scope.orgId).where('id', 'in', vanished).execute()
    }
    // A targeted run covers some components only: the version's watermark is the job's to advance, not the run's.
    if (!only) {
      await db
        .insertInto('finding_match_runs')
        .values({ product_version_id: productVersionId, org_id: scope.orgId, revision_id: run.revisionId, kb_generation: run.kbGeneration, matched_at: run.now })
        .onConflict((oc) => oc.column('product_version_id').doUpdateSet({ revision_id: run.revisionId, kb_generation: run.kbGeneration, matched_at: run.now }))
        .execute()
    }
    return { added, reopened, resolved: vanished.length, present: run.findings.length }
  },

  async lastRun(db: Kysely<Database>, scope: OrgScope, productVersionId: string): Promise<{ revisionId: string | null; kbGeneration: string; matchedAt: Date } | undefined> {
    const row = await db.selectFrom('finding_match_runs').selectAll().where('org_id', '=', scope.orgId).where('product_version_id', '=', productVersionId).executeTakeFirst()
    return row && { revisionId: row.revision_id, kbGeneration: row.kb_generation, matchedAt: row.matched_at }
  },

  /**
   * Instance-wide, for the background re-match only: product versions with an SBOM whose latest revision or KB
   * generation differs from their last match run.
   */
  async staleVersions(db: Kysely<Database>, kbGeneration: string): Promise<{ orgId: string; productVersionId: string }[]> {
    const latest = await db
      .selectFrom('sbom_revisions as r')
      .leftJoin('finding_match_runs as m', 'm.product_version_id', 'r.product_version_id')
      .select(['r.org_id', 'r.product_version_id', 'r.id', 'r.revision', 'm.revision_id as matched_revision', 'm.kb_generation'])
      .orderBy('r.product_version_id')
      .orderBy('r.revision', 'desc')
      .execute()
    const out = new Map<string, { orgId: string; productVersionId: string }>()
    const decided = new Set<string>()
    for (const r of latest) {
      if (decided.has(r.product_version_id)) continue
      decided.add(r.product_version_id)
      if (r.matched_revision !== r.id || r.kb_generation !== kbGeneration) out.set(r.product_version_id, { orgId: r.org_id, productVersionId: r.product_version_id })
    }
    return [...out.values()]
  },

  async decisionsFor(db: Kysely<Database>, scope: OrgScope, vulnerabilityIds: readonly string[]): Promise<TriageDecisionRow[]> {
    if (vulnerabilityIds.length === 0) return []
    return db.selectFrom('triage_decisions').selectAll().where('org_id', '=', scope.orgId).where('vulnerability_id', 'in', [...new Set(vulnerabilityIds)]).execute()
  },

  async findDecision(db: Kysely<Database>, scope: OrgScope, scopeKey: string, vulnerabilityId: string): Promise<TriageDecisionRow | undefined> {
    return db
      .selectFrom('triage_decisions')
      .selectAll()
      .where('org_id', '=', scope.orgId)
      .where('scope_key', '=', scopeKey)
      .where('vulnerability_id', '=', vulnerabilityId)
      .executeTakeFirst()
  },

  async upsertDecision(db: Kysely<Database>, scope: OrgScope, input: DecisionUpsert, now: Date): Promise<TriageDecisionRow> {
    const values = {
      state: input.state,
      justification: input.justification,
      responses: JSON.stringify(input.responses),
      detail: input.detail,
      decided_by: input.decidedBy,
      decided_by_label: input.decidedByLabel,
      decided_at: now,
      origin: input.origin,
    }
    return db
      .insertInto('triage_decisions')
      .values({
        ...values,
        id: randomUUID(),
        org_id: scope.orgId,
        scope_kind: input.scopeKind,
        scope_key: input.scopeKey,
        product_version_id: input.productVersionId,
        product_id: input.productId,
        package_id: input.packageId,
        vulnerability_id: input.vulnerabilityId,
      })
      .onConflict((oc) => oc.columns(['org_id', 'scope_key', 'vulnerability_id']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow()
  },

  async deleteDecision(db: Kysely<Database>, scope: OrgScope, id: string): Promise<void> {
    await db.deleteFrom('triage_decisions').where('org_id', '=', scope.orgId).where('id', '=', id).execute()
  },
}
