import type { Kysely } from 'kysely'
import { componentKeyOf } from '../../domain/findings/index.js'
import { matchComponents } from '../../domain/matching/index.js'
import type { MatchIndex } from '../../domain/matching/index.js'
import { findingKeysRepository, type AffectedComponent, type ChangedStatement } from '../../store/repositories/finding-keys.js'
import { findingsRepository } from '../../store/repositories/findings.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { scopeFor } from '../../store/scope.js'
import { auditFrom, auditedWrite, type Actor, type ServiceResult } from '../context.js'
import { SYSTEM_ACTOR } from '../system-admin.js'
import { currentMatchIndex } from '../kb/match-index.js'
import { findingUpserts, rematchVersionInRun, toMatchComponent } from './match-product-version.js'
import { statementMatchKeys, type TouchedKeys } from './match-keys.js'
import { emitNewFindings } from '../notifications/product-events.js'

/** The components a set of changed statements may affect, and what it took to find them. */
export interface AffectedSet {
  readonly touched: TouchedKeys
  readonly vulnerabilityIds: readonly string[]
  readonly components: readonly AffectedComponent[]
  readonly productVersions: number
}

/** What a targeted re-match changed. */
export interface TargetedRematchCounts {
  readonly productVersions: number
  readonly components: number
  readonly added: number
  readonly reopened: number
  readonly resolved: number
  readonly present: number
  /** Product versions matched in full instead (their components came from different revisions). */
  readonly fullMatches: number
}

/** The outcome of a re-match of knowledge-base changes. */
export interface KbRematchSummary extends TargetedRematchCounts {
  readonly kind: 'targeted' | 'backfill'
  readonly statements: number
  readonly keys: number
  readonly affectedSetMs: number
  readonly rematchMs: number
  readonly through: string | null
}

// A batch's imported_at is taken before it commits, so while an import runs, a batch with an earlier time may still
// commit after a later one of another import: the cursor then stops at the start of the oldest running import, and
// the next pass reads that import's statements again (re-matching twice changes nothing). An import that has been
// "running" for longer than this was killed and is not waited for.
const STALE_IMPORT_MS = 6 * 3600_000

/** The newest import time among the statements, held back to the start of an import still running. */
async function cursorAfter(db: Kysely<Database>, statements: readonly ChangedStatement[], previous: Date | null, now: Date): Promise<Date | null> {
  const newest = statements.reduce<Date | null>((max, s) => (max === null || s.importedAt > max ? s.importedAt : max), previous)
  const running = await findingKeysRepository.oldestRunningImport(db, new Date(now.getTime() - STALE_IMPORT_MS))
  if (running === null || newest === null || newest < running) return newest
  const heldBack = new Date(running.getTime() - 1)
  return previous !== null && previous > heldBack ? previous : heldBack
}

/** Finds, through the inverted index, the stored components that changed statements may affect (across organizations). */
export async function affectedSet(db: Kysely<Database>, statements: readonly ChangedStatement[]): Promise<AffectedSet> {
  const touched = statementMatchKeys(statements.map((s) => s.statement))
  const groups = [...new Set(statements.map((s) => s.vulnerabilityId))]
  // Findings may carry an id that a merge has since renamed, or a withdrawn id: every alias of the groups counts.
  const ids = new Set<string>([...groups, ...statements.flatMap((s) => s.statement.ids), ...(await findingKeysRepository.aliasesOfGroups(db, groups))])
  const components = statements.length === 0 ? [] : await findingKeysRepository.affectedComponents(db, { keys: touched.keys, cpePatterns: touched.cpePatterns, vulnerabilityIds: ids })
  return { touched, vulnerabilityIds: [...ids], components, productVersions: new Set(components.map((c) => c.productVersionId)).size }
}

/** What a re-match run did in one organization: the counts of its one audit entry. */
interface OrgTally {
  productVersions: number
  components: number
  added: number
  reopened: number
  resolved: number
  present: number
  fullMatches: number
}

type VersionCounts = { readonly added: number; readonly reopened: number; readonly resolved: number; readonly present: number }

function emptyTally(): OrgTally {
  return { productVersions: 0, components: 0, added: 0, reopened: 0, resolved: 0, present: 0, fullMatches: 0 }
}

function tally(tallies: Map<string, OrgTally>, orgId: string, counts: VersionCounts, components: number, full: boolean): void {
  const org = tallies.get(orgId) ?? emptyTally()
  org.productVersions++
  org.components += components
  org.added += counts.added
  org.reopened += counts.reopened
  org.resolved += counts.resolved
  org.present += counts.present
  if (full) org.fullMatches++
  tallies.set(orgId, org)
}

function sum(tallies: Map<string, OrgTally>): OrgTally {
  const total = emptyTally()
  for (const org of tallies.values()) for (const key of Object.keys(total) as (keyof OrgTally)[]) total[key] += org[key]
  return total
}

/**
 * Records a re-match run once per organization (`findings.kb_rematch`, with its counts), not once per product
 * version: a KB change can touch thousands of SBOMs. Each version's findings keep their own history (first_seen,
 * resolved_at). The entries are written after the versions' transactions and before the caller saves the cursor,
 * so a run cut short is repeated, and recorded, by the next one.
 */
async function auditRematchRun(db: Kysely<Database>, actor: Actor, kind: 'targeted' | 'backfill', tallies: Map<string, OrgTally>): Promise<void> {
  for (const [orgId, counts] of tallies) {
    const scope = scopeFor(orgId)
    await auditedWrite(db, async () => ({
      ok: true,
      value: { value: undefined, audit: auditFrom({ actor, scope }, { action: 'findings.kb_rematch', targetType: 'organization', targetId: orgId, details: { kind, ...counts } }) },
    }))
  }
}

async function rematchOneVersion(db: Kysely<Database>, index: MatchIndex, components: readonly AffectedComponent[], withPlatforms: boolean): Promise<ServiceResult<VersionCounts & { full: boolean }>> {
  const first = components[0]
  if (!first) return { ok: true, value: { added: 0, reopened: 0, resolved: 0, present: 0, full: false } }
  const scope = scopeFor(first.orgId)
  const latest = await findingsRepository.lastRun(db, scope, first.productVersionId)
  if (components.some((c) => c.revisionId !== first.revisionId) || latest?.revisionId !== first.revisionId) {
    const full = await rematchVersionInRun(db, scope, first.productVersionId)
    return full.ok ? { ok: true, value: { ...full.value, full: true } } : full
  }
  const ids = components.map((c) => c.componentId)
  const wanted = new Set(ids)
  // With an AND configuration among the changes, the SBOM's declared CPEs are the platforms the engine checks.
  const loaded = await findingsRepository.componentsForRematch(db, scope, first.revisionId, ids, withPlatforms)
  const report = matchComponents(index, loaded.map(toMatchComponent))
  const affected = loaded.filter((c) => wanted.has(c.id))
  const upserts = findingUpserts(report.findings, affected, first.revisionId)
  const now = new Date()
  const counts = await db.transaction().execute(async (trx) => {
    const applied = await findingsRepository.applyRun(trx, scope, first.productVersionId, {
      revisionId: first.revisionId,
      kbGeneration: '',
      findings: upserts,
      now,
      only: { componentIds: ids, componentKeys: affected.map((c) => componentKeyOf(c)) },
    })
    await emitNewFindings(trx, scope, first.productVersionId, applied.added)
    return applied
  })
  return { ok: true, value: { ...counts, full: false } }
}

/**
 * Re-matches only the given components, grouped by product version (each version in its own transaction), and
 * records the run with one audit entry per organization.
 */
export async function rematchAffected(db: Kysely<Database>, set: AffectedSet, actor: Actor = SYSTEM_ACTOR): Promise<TargetedRematchCounts> {
  const index = await currentMatchIndex(db)
  const byVersion = new Map<string, AffectedComponent[]>()
  for (const c of set.components) byVersion.set(c.productVersionId, [...(byVersion.get(c.productVersionId) ?? []), c])
  const tallies = new Map<string, OrgTally>()
  for (const components of byVersion.values()) {
    const result = await rematchOneVersion(db, index, components, set.touched.needsPlatforms)
    const orgId = components[0]?.orgId
    if (result.ok && orgId) tally(tallies, orgId, result.value, components.length, result.value.full)
  }
  await auditRematchRun(db, actor, 'targeted', tallies)
  return { ...sum(tallies), productVersions: byVersion.size, components: set.components.length }
}

/**
 * Re-matches what the knowledge base changed since the cursor: the statements imported after it touch keys, the
 * inverted index names the components, and only those are matched again; then the cursor and every watermark
 * advance. Without a cursor (a new installation of the index) every product version is matched in full once, which
 * also fills the index.
 */
export async function rematchKbChanges(db: Kysely<Database>, now: () => Date = () => new Date()): Promise<KbRematchSummary> {
  const started = performance.now()
  // The generation is read first: a change committed during the run makes the next run see a different one.
  const generation = await kbRepository.generation(db)
  const cursor = await findingKeysRepository.cursor(db)
  if (!cursor) {
    const statements = await findingKeysRepository.changedStatements(db, null)
    const through = await cursorAfter(db, statements, null, now())
    const versions = await findingKeysRepository.versionsToMatch(db, '')
    const tallies = new Map<string, OrgTally>()
    for (const v of versions) {
      const result = await rematchVersionInRun(db, scopeFor(v.orgId), v.productVersionId)
      if (result.ok) tally(tallies, v.orgId, result.value, result.value.components, true)
    }
    await auditRematchRun(db, SYSTEM_ACTOR, 'backfill', tallies)
    await findingKeysRepository.saveCursor(db, { through, generation }, now())
    const ms = performance.now() - started
    const { added, reopened, resolved, present, fullMatches } = sum(tallies)
    return { kind: 'backfill', statements: statements.length, keys: 0, productVersions: versions.length, components: 0, added, reopened, resolved, present, fullMatches, affectedSetMs: 0, rematchMs: ms, through: through?.toISOString() ?? null }
  }
  const statements = await findingKeysRepository.changedStatements(db, cursor.through)
  const set = await affectedSet(db, statements)
  const found = performance.now()
  const counts = await rematchAffected(db, set)
  const through = await cursorAfter(db, statements, cursor.through, now())
  await findingKeysRepository.saveCursor(db, { through, generation }, now())
  await findingKeysRepository.advanceWatermarks(db, generation)
  return {
    kind: 'targeted',
    statements: statements.length,
    keys: set.touched.keys.size + set.touched.cpePatterns.length,
    ...counts,
    affectedSetMs: Math.round(found - started),
    rematchMs: Math.round(performance.now() - found),
    through: through?.toISOString() ?? null,
  }
}
