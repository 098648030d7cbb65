import { effectiveDecision } from '../../domain/findings/index.js'
import { findingsRepository, type VersionHeader } from '../../store/repositories/findings.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { decisionOf, findingView, type FindingView } from './views.js'

/** The findings of a product version with their effective decisions and the last match run. */
export interface VersionFindings {
  readonly productVersion: VersionHeader
  readonly lastMatch: { readonly revisionId: string | null; readonly matchedAt: string } | null
  readonly counts: { readonly present: number; readonly resolved: number; readonly untriaged: number }
  readonly findings: readonly FindingView[]
}

/** Lists a product version's findings (any member). */
export async function listFindings(ctx: OrgContext, productVersionId: string): Promise<ServiceResult<VersionFindings>> {
  const header = await findingsRepository.versionHeader(ctx.db, ctx.scope, productVersionId)
  if (!header) return serviceError('not_found', 'no such product version')
  const [rows, run] = await Promise.all([findingsRepository.list(ctx.db, ctx.scope, productVersionId), findingsRepository.lastRun(ctx.db, ctx.scope, productVersionId)])
  const decisions = (await findingsRepository.decisionsFor(ctx.db, ctx.scope, rows.map((r) => r.vulnerability_id))).map(decisionOf)
  const findings = rows.map((row) =>
    findingView(row, effectiveDecision({ productVersionId, productId: header.productId, vulnerabilityId: row.vulnerability_id, packageId: row.package_id }, decisions)),
  )
  const present = findings.filter((f) => f.status === 'present')
  return {
    ok: true,
    value: {
      productVersion: header,
      lastMatch: run ? { revisionId: run.revisionId, matchedAt: run.matchedAt.toISOString() } : null,
      counts: { present: present.length, resolved: findings.length - present.length, untriaged: present.filter((f) => f.decision === null).length },
      findings,
    },
  }
}
