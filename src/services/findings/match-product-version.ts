import type { Kysely } from 'kysely'
import { groupFindings, packageIdOf } from '../../domain/findings/index.js'
import { matchComponents, type MatchComponent } from '../../domain/matching/index.js'
import { findingsRepository, type FindingUpsert } from '../../store/repositories/findings.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import type { OrgScope } from '../../store/scope.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type Actor, type OrgContext, type ServiceResult } from '../context.js'
import { currentMatchIndex } from '../kb/match-index.js'

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

/**
 * Matches the latest SBOM revision of a product version against the KB and stores the findings: new ones get
 * first_seen, vanished ones are marked resolved (never deleted). Without an SBOM every finding is resolved.
 */
export async function rematchVersion(db: Kysely<Database>, scope: OrgScope, actor: Actor, productVersionId: string): Promise<ServiceResult<MatchRunSummary>> {
  const header = await findingsRepository.versionHeader(db, scope, productVersionId)
  if (!header) return serviceError('not_found', 'no such product version')
  // The generation is read before the index so that a KB change during the run leaves the watermark stale.
  const generation = await kbRepository.generation(db)
  const index = await currentMatchIndex(db)
  const revision = await findingsRepository.latestRevision(db, scope, productVersionId)
  const components = revision ? await findingsRepository.components(db, scope, revision.id) : []
  const byId = new Map(components.map((c) => [c.id, c]))
  const matchInput: MatchComponent[] = components.map((c) => ({
    ref: c.id,
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.cpe ? { cpe: c.cpe } : {}),
    ...(c.supplier ? { supplier: c.supplier } : {}),
  }))
  const report = matchComponents(index, matchInput)
  const upserts: FindingUpsert[] = []
  for (const group of groupFindings(report.findings)) {
    const component = byId.get(group.lead.component.ref)
    if (!component || !revision) continue
    const lead = group.lead
    upserts.push({
      revisionId: revision.id,
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
  const now = new Date()
  return auditedWrite(db, async (trx) => {
    const counts = await findingsRepository.applyRun(trx, scope, productVersionId, { revisionId: revision?.id ?? null, kbGeneration: generation, findings: upserts, now })
    const value: MatchRunSummary = {
      productVersionId,
      revisionId: revision?.id ?? null,
      components: components.length,
      unmatchedComponents: report.unmatchedComponents.length,
      ...counts,
      matchedAt: now.toISOString(),
    }
    return {
      ok: true,
      value: { value, audit: auditFrom({ actor, scope }, { action: 'findings.match', targetType: 'product_version', targetId: productVersionId, details: { revisionId: value.revisionId, added: counts.added, reopened: counts.reopened, resolved: counts.resolved, present: counts.present } }) },
    }
  })
}

/** Re-matches a product version on request (analysts and admins). */
export async function matchProductVersion(ctx: OrgContext, productVersionId: string): Promise<ServiceResult<MatchRunSummary>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  return rematchVersion(ctx.db, ctx.scope, ctx.actor, productVersionId)
}
