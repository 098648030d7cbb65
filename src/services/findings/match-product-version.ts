import type { Kysely } from 'kysely'
import { groupFindings, packageIdOf } from '../../domain/findings/index.js'
import { matchComponents, type Finding, type MatchComponent } from '../../domain/matching/index.js'
import { findingKeysRepository } from '../../store/repositories/finding-keys.js'
import { findingsRepository, type FindingUpsert, type StoredComponent } from '../../store/repositories/findings.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { emitNewFindings } from '../notifications/product-events.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type Actor, type OrgContext, type ServiceResult } from '../context.js'
import { currentMatchIndex } from '../kb/match-index.js'
import { componentMatchKeys } from './match-keys.js'

/** The outcome of a match run of a product version. */
export interface MatchRunSummary {
  readonly productVersionId: string
  readonly revisionId: string | null
  readonly components: number
  readonly unmatchedComponents: number
  readonly added: number
  readonly reopened: number
  readonly resolved: number
  readonly present: number
  readonly matchedAt: string
}

/** A stored component as the matching engine takes it (its row id is the reference). */
export function toMatchComponent(c: StoredComponent): MatchComponent {
  return {
    ref: c.id,
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.cpe ? { cpe: c.cpe } : {}),
    ...(c.supplier ? { supplier: c.supplier } : {}),
  }
}

/** The findings to store for matched components: one per (component, vulnerability), the most confident match leading. */
export function findingUpserts(findings: readonly Finding[], components: readonly StoredComponent[], revisionId: string): FindingUpsert[] {
  const byId = new Map(components.map((c) => [c.id, c]))
  const upserts: FindingUpsert[] = []
  for (const group of groupFindings(findings)) {
    const component = byId.get(group.lead.component.ref)
    if (!component) continue
    const lead = group.lead
    upserts.push({
      revisionId,
      componentId: component.id,
      componentKey: group.componentKey,
      componentRef: component.bomRef,
      componentName: component.name,
      componentVersion: component.version,
      componentPurl: component.purl,
      componentCpe: component.cpe,
      packageId: packageIdOf(component.purl),
      vulnerabilityId: group.vulnerabilityId,
      aliases: lead.aliases,
      source: lead.source,
      sourceId: lead.sourceId,
      matchKind: lead.kind,
      range: lead.range,
      sourceStatus: lead.status,
      reason: group.matches,
      confidence: lead.confidence,
    })
  }
  return upserts
}

// Everything a match run of one version stores, computed before its transaction opens.
interface PreparedMatch {
  readonly productVersionId: string
  readonly generation: string
  readonly revisionId: string | null
  readonly components: readonly StoredComponent[]
  readonly unmatchedComponents: number
  readonly upserts: readonly FindingUpsert[]
}

async function prepareMatch(db: Kysely<Database>, scope: OrgScope, productVersionId: string): Promise<ServiceResult<PreparedMatch>> {
  const header = await findingsRepository.versionHeader(db, scope, productVersionId)
  if (!header) return serviceError('not_found', 'no such product version')
  // The generation is read before the index so that a KB change during the run leaves the watermark stale.
  const generation = await kbRepository.generation(db)
  const index = await currentMatchIndex(db)
  const revision = await findingsRepository.latestRevision(db, scope, productVersionId)
  const components = revision ? await findingsRepository.components(db, scope, revision.id) : []
  const report = matchComponents(index, components.map(toMatchComponent))
  const upserts = revision ? findingUpserts(report.findings, components, revision.id) : []
  return { ok: true, value: { productVersionId, generation, revisionId: revision?.id ?? null, components, unmatchedComponents: report.unmatchedComponents.length, upserts } }
}

async function storeMatch(trx: Kysely<Database>, scope: OrgScope, match: PreparedMatch): Promise<MatchRunSummary> {
  const now = new Date()
  const counts = await findingsRepository.applyRun(trx, scope, match.productVersionId, { revisionId: match.revisionId, kbGeneration: match.generation, findings: [...match.upserts], now })
  await findingKeysRepository.replaceVersionKeys(trx, scope, match.productVersionId, match.revisionId, match.components.map((c) => ({ id: c.id, keys: componentMatchKeys(c) })))
  await emitNewFindings(trx, scope, match.productVersionId, counts.added)
  return {
    productVersionId: match.productVersionId,
    revisionId: match.revisionId,
    components: match.components.length,
    unmatchedComponents: match.unmatchedComponents,
    ...counts,
    matchedAt: now.toISOString(),
  }
}

/**
 * Matches the latest SBOM revision of a product version against the KB and stores the findings: new ones get
 * first_seen, vanished ones are marked resolved (never deleted). Without an SBOM every finding is resolved.
 */
export async function rematchVersion(db: Kysely<Database>, scope: OrgScope, actor: Actor, productVersionId: string): Promise<ServiceResult<MatchRunSummary>> {
  const prepared = await prepareMatch(db, scope, productVersionId)
  if (!prepared.ok) return prepared
  return auditedWrite(db, async (trx) => {
    const value = await storeMatch(trx, scope, prepared.value)
    return {
      ok: true,
      value: { value, audit: auditFrom({ actor, scope }, { action: 'findings.match', targetType: 'product_version', targetId: productVersionId, details: { revisionId: value.revisionId, added: value.added, reopened: value.reopened, resolved: value.resolved, present: value.present } }) },
    }
  })
}

/**
 * {@link rematchVersion} as one step of a knowledge-base re-match run: the same findings and history, in its own
 * transaction but without an audit entry of its own, because the run records one per organization (see
 * rematch-affected.ts).
 */
export async function rematchVersionInRun(db: Kysely<Database>, scope: OrgScope, productVersionId: string): Promise<ServiceResult<MatchRunSummary>> {
  const prepared = await prepareMatch(db, scope, productVersionId)
  if (!prepared.ok) return prepared
  return { ok: true, value: await db.transaction().execute((trx) => storeMatch(trx, scope, prepared.value)) }
}

/** Re-matches a product version on request (analysts and admins). */
export async function matchProductVersion(ctx: OrgContext, productVersionId: string): Promise<ServiceResult<MatchRunSummary>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return rematchVersion(ctx.db, ctx.scope, ctx.actor, productVersionId)
}
