import { decisionFromStatement, packageIdOf, scopeKey, type DecisionScope } from '../../domain/findings/index.js'
import { parsePurl } from '../../domain/purl/purl.js'
import { detectVexFormat, parseVex, type VexProduct } from '../../domain/vex/index.js'
import { findingsRepository } from '../../store/repositories/findings.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { FindingRow } from '../../store/tables/findings.js'
import { auditFrom, auditedWrite, requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** What a VEX import did: each statement applied to scopes, or left unmatched. */
export interface VexImportReport {
  readonly format: string
  readonly statements: number
  readonly applied: readonly { readonly vulnerabilityId: string; readonly scope: string; readonly state: string; readonly matchedBy: string }[]
  readonly unmatched: readonly { readonly vulnerabilityId: string; readonly products: readonly string[] }[]
}

const describe = (p: VexProduct): string => p.purl ?? p.cpe ?? [p.name, p.version].filter(Boolean).join(' ') ?? p.ref ?? '?'

/**
 * Imports a VEX document (any of the three formats): each statement is applied by identity, not only by CVE: a
 * product name (and version) of the organization, a purl (with version: the product versions holding that package
 * version; without: the component across the organization) or a CPE of a stored component. Analysts and admins.
 */
export async function importVex(ctx: OrgContext, input: unknown): Promise<ServiceResult<VexImportReport>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  const parsed = parseVex(input)
  if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code })
  const format = detectVexFormat(input) ?? 'unknown'
  const document = parsed.value
  const products = await findingsRepository.productsOfOrg(ctx.db, ctx.scope)
  const present = await findingsRepository.presentOfOrg(ctx.db, ctx.scope)
  const ids = document.statements.flatMap((s) => [s.vulnerability.id, ...s.vulnerability.aliases])
  const groups = await kbRepository.groupsOf(ctx.db, ids)
  const origin = `vex:${format}:${document.id ?? 'unnamed'}`
  const applied: { vulnerabilityId: string; scope: string; state: string; matchedBy: string }[] = []
  const unmatched: { vulnerabilityId: string; products: string[] }[] = []

  const scopesOf = (product: VexProduct, vulnerabilityId: string): { scope: DecisionScope; matchedBy: string }[] => {
    const out: { scope: DecisionScope; matchedBy: string }[] = []
    const named = product.name ? products.filter((p) => p.name === product.name || (p.modelNumber !== null && p.modelNumber === product.name)) : []
    for (const p of named) {
      if (!product.version) out.push({ scope: { kind: 'product', productId: p.id }, matchedBy: 'product' })
      for (const v of p.versions.filter((v) => v.version === product.version)) out.push({ scope: { kind: 'product_version', productVersionId: v.id }, matchedBy: 'product' })
    }
    if (out.length > 0) return out
    const versionsWith = (hit: (f: FindingRow) => boolean, matchedBy: string) =>
      [...new Set(present.filter((f) => f.vulnerability_id === vulnerabilityId && hit(f)).map((f) => f.product_version_id))].map((id) => ({ scope: { kind: 'product_version' as const, productVersionId: id }, matchedBy }))
    if (product.purl) {
      const packageId = packageIdOf(product.purl)
      const parsedPurl = parsePurl(product.purl)
      const version = parsedPurl.ok ? parsedPurl.value.version : null
      if (packageId && version === null) out.push({ scope: { kind: 'component', packageId }, matchedBy: 'purl' })
      else if (packageId) out.push(...versionsWith((f) => f.package_id === packageId && f.component_version === version, 'purl'))
    }
    if (product.cpe) {
      const cpe = product.cpe.toLowerCase()
      out.push(...versionsWith((f) => f.component_cpe?.toLowerCase() === cpe, 'cpe'))
    }
    return out
  }

  return auditedWrite(ctx.db, async (trx) => {
    for (const statement of document.statements) {
      const vulnerabilityId = groups.get(statement.vulnerability.id) ?? statement.vulnerability.aliases.map((a) => groups.get(a)).find((g) => g !== undefined) ?? statement.vulnerability.id
      const content = decisionFromStatement(statement)
      const targets = new Map<string, { scope: DecisionScope; matchedBy: string }>()
      for (const product of statement.products) {
        for (const t of scopesOf(product, vulnerabilityId)) targets.set(scopeKey(t.scope), t)
        if (targets.size === 0) for (const sub of product.subcomponents ?? []) for (const t of scopesOf(sub, vulnerabilityId)) targets.set(scopeKey(t.scope), t)
      }
      if (targets.size === 0) {
        unmatched.push({ vulnerabilityId, products: statement.products.map(describe) })
        continue
      }
      for (const [key, { scope, matchedBy }] of targets) {
        await findingsRepository.upsertDecision(
          trx,
          ctx.scope,
          {
            scopeKind: scope.kind,
            scopeKey: key,
            productVersionId: scope.kind === 'product_version' ? scope.productVersionId : null,
            productId: scope.kind === 'product' ? scope.productId : null,
            packageId: scope.kind === 'component' ? scope.packageId : null,
            vulnerabilityId,
            ...content,
            decidedBy: ctx.actor.kind === 'user' ? ctx.actor.id : null,
            decidedByLabel: ctx.actor.label,
            origin,
          },
          new Date(),
        )
        applied.push({ vulnerabilityId, scope: key, state: content.state, matchedBy })
      }
    }
    const report: VexImportReport = { format, statements: document.statements.length, applied, unmatched }
    return { ok: true, value: { value: report, audit: auditFrom(ctx, { action: 'triage.vex_import', targetType: 'vex_document', targetId: null, details: { origin, statements: report.statements, applied, unmatched: unmatched.length } }) } }
  })
}
