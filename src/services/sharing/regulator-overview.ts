import { sql } from 'kysely'
import type { TlpLabel } from '../../domain/tlp/tlp.js'
import { requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'

/** Platform-wide aggregates for a regulator: counts only, no organization names except public (TLP:CLEAR) products. */
export interface RegulatorOverview {
  readonly generatedAt: Date
  readonly organizations: Readonly<Record<string, number>>
  readonly relationships: Readonly<Record<string, number>>
  readonly recipientsWithAccess: number
  readonly medianHoursToApproval: number | null
  readonly products: { readonly total: number; readonly byTlp: Readonly<Record<string, number>> }
  /** Products with at least one SBOM; null until an SBOM store exists. */
  readonly productsWithSbom: number | null
  readonly devices: { readonly total: number; readonly pastEndOfSupport: number | null; readonly pastEndOfSupportShare: number | null }
  readonly restrictedReadsLast30Days: Readonly<Record<string, number>>
  readonly publicProducts: readonly { readonly manufacturer: string; readonly name: string; readonly tlp: TlpLabel }[]
}

function tally(rows: readonly { key: string; n: number | string }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]))
}

/** De-identified aggregates across the platform; regulator organizations only. */
export async function regulatorOverview(ctx: OrgContext, now = new Date()): Promise<ServiceResult<RegulatorOverview>> {
  const allowed = requireRole(ctx, 'viewer')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'regulator') return serviceError('forbidden', 'the platform overview is for regulators')
  const db = ctx.db
  const since = new Date(now.getTime() - 30 * 24 * 3600_000)
  const [orgs, relationships, recipients, median, products, devices, reads, publicProducts, sbomTable] = await Promise.all([
    db.selectFrom('organizations').select(['kind as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute(),
    db.selectFrom('sharing_relationships').select(['status as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    db.selectFrom('sharing_relationships').select((eb) => eb.fn.count<number>('recipient_org_id').distinct().as('n')).where('status', '=', 'approved').executeTakeFirstOrThrow(),
    sql<{ hours: number | string | null }>`
      select percentile_cont(0.5) within group (order by extract(epoch from (decided_at - created_at)) / 3600) as hours
      from sharing_relationships where decided_at is not null and status in ('approved', 'revoked')`.execute(db),
    db.selectFrom('products').select(['tlp as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tlp').execute(),
    db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('access_log').select(['tlp as key', (eb) => eb.fn.countAll<number>().as('n')]).where('created_at', '>=', since).groupBy('tlp').execute(),
    db
      .selectFrom('products as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .select(['o.name as manufacturer', 'p.name', 'p.tlp'])
      .where('p.tlp', '=', 'CLEAR')
      .orderBy('o.name')
      .orderBy('p.name')
      .execute(),
    sql<{ found: string | null }>`select to_regclass('public.sboms')::text as found`.execute(db),
  ])
  let productsWithSbom: number | null = null
  if (sbomTable.rows[0]?.found) {
    const counted = await sql<{ n: number | string }>`select count(distinct product_id) as n from sboms where product_id is not null`.execute(db).catch(() => undefined)
    productsWithSbom = counted ? Number(counted.rows[0]?.n ?? 0) : null
  }
  const byTlp = tally(products)
  const hours = median.rows[0]?.hours
  return {
    ok: true,
    value: {
      generatedAt: now,
      organizations: tally(orgs),
      relationships: tally(relationships),
      recipientsWithAccess: Number(recipients.n),
      medianHoursToApproval: hours === null || hours === undefined ? null : Math.round(Number(hours) * 10) / 10,
      products: { total: Object.values(byTlp).reduce((a, b) => a + b, 0), byTlp },
      productsWithSbom,
      devices: { total: Number(devices.n), pastEndOfSupport: null, pastEndOfSupportShare: null },
      restrictedReadsLast30Days: tally(reads),
      publicProducts: publicProducts.map((p) => ({ manufacturer: p.manufacturer, name: p.name, tlp: p.tlp })),
    },
  }
}
