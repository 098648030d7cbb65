import { parseMinContributors, suppressBreakdown, suppressCell, type Cell, type RawCell } from '../../domain/sharing/aggregates.js'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { regulatorRepository, type AggregateRow } from '../../store/repositories/regulator.js'
import { requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/**
 * Platform-wide aggregates for a regulator: counts only, each suppressed when fewer than `minContributors`
 * organizations contribute to it, and no organization names except public (TLP:CLEAR) products.
 */
export interface RegulatorOverview {
  readonly generatedAt: Date
  /** The suppression threshold k: a figure needs at least k contributing organizations. */
  readonly minContributors: number
  readonly organizations: Readonly<Record<string, Cell>>
  readonly relationships: Readonly<Record<string, Cell>>
  readonly recipientsWithAccess: Cell
  /** Null when no relationship has been decided yet. */
  readonly medianHoursToApproval: Cell | null
  readonly products: { readonly total: Cell; readonly byTlp: Readonly<Record<string, Cell>> }
  readonly productsWithSbom: Cell
  readonly devices: { readonly total: Cell; readonly pastEndOfSupport: Cell | null; readonly pastEndOfSupportShare: number | null }
  readonly restrictedReadsLast30Days: Readonly<Record<string, Cell>>
  readonly publicProducts: readonly { readonly manufacturer: string; readonly name: string; readonly tlp: TlpLabel }[]
}

const raw = (row: AggregateRow | undefined): RawCell => ({ value: Number(row?.n ?? 0), contributors: Number(row?.contributors ?? 0) })
const byKey = (rows: readonly AggregateRow[]): Record<string, RawCell> => Object.fromEntries(rows.map((r) => [r.key ?? '', raw(r)]))

/**
 * De-identified aggregates across the platform; regulator organizations only. Contributors are counted per figure:
 * organizations for counts of organizations, owners for products and devices, and both sides (the smaller number)
 * for relationships and reads, since either side could be recognised from a small figure.
 */
export async function regulatorOverview(ctx: OrgContext, now = new Date(), minContributors = parseMinContributors(process.env.MEDSEC_REGULATOR_MIN_ORGS)): Promise<ServiceResult<RegulatorOverview>> {
  const allowed = requireRole(ctx, 'viewer')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'regulator') return serviceError('forbidden', 'the platform overview is for regulators')
  const since = new Date(now.getTime() - 30 * 24 * 3600_000)
  const k = minContributors
  const { orgs, relationships, recipients, median, products, productTotal, withSbom, devices, reads, publicProducts } = await regulatorRepository.aggregates(ctx.db, since)
  const medianRow = median.rows[0]
  const productsTotal = suppressCell(raw(productTotal.rows[0]), k)
  return {
    ok: true,
    value: {
      generatedAt: now,
      minContributors: k,
      organizations: suppressBreakdown(byKey(orgs.rows), k, false),
      relationships: suppressBreakdown(byKey(relationships.rows), k, false),
      recipientsWithAccess: suppressCell(raw(recipients.rows[0]), k),
      medianHoursToApproval: medianRow?.n === null || medianRow?.n === undefined ? null : suppressCell({ value: Math.round(Number(medianRow.n) * 10) / 10, contributors: Number(medianRow.contributors) }, k),
      products: { total: productsTotal, byTlp: suppressBreakdown(byKey(products.rows), k, productsTotal.kind === 'value') },
      productsWithSbom: suppressCell(raw(withSbom.rows[0]), k),
      devices: { total: suppressCell(raw(devices.rows[0]), k), pastEndOfSupport: null, pastEndOfSupportShare: null },
      restrictedReadsLast30Days: suppressBreakdown(byKey(reads.rows), k, false),
      publicProducts: publicProducts.map((p) => ({ manufacturer: p.manufacturer, name: p.name, tlp: p.tlp })),
    },
  }
}
