import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'

/** One aggregate figure: a count (or a median) and how many organizations contribute to it, optionally per key. */
export type AggregateRow = { key?: string; n: number | string | null; contributors: number | string }

/** Platform-wide counts for the regulator view; no organization names except those of public (TLP:CLEAR) products. */
export const regulatorRepository = {
  async aggregates(db: Kysely<Database>, since: Date) {
    const [orgs, relationships, recipients, median, products, productTotal, withSbom, devices, reads, publicProducts] = await Promise.all([
    sql<AggregateRow>`select kind as key, count(*) as n, count(*) as contributors from organizations group by kind`.execute(db),
    sql<AggregateRow>`select status as key, count(*) as n, least(count(distinct org_id), count(distinct recipient_org_id)) as contributors
      from sharing_relationships group by status`.execute(db),
    sql<AggregateRow>`select count(distinct recipient_org_id) as n, least(count(distinct org_id), count(distinct recipient_org_id)) as contributors
      from sharing_relationships where status = 'approved'`.execute(db),
    sql<AggregateRow>`select percentile_cont(0.5) within group (order by extract(epoch from (decided_at - created_at)) / 3600) as n,
        least(count(distinct org_id), count(distinct recipient_org_id)) as contributors
      from sharing_relationships where decided_at is not null and status in ('approved', 'revoked')`.execute(db),
    sql<AggregateRow>`select tlp as key, count(*) as n, count(distinct org_id) as contributors from products group by tlp`.execute(db),
    sql<AggregateRow>`select count(*) as n, count(distinct org_id) as contributors from products`.execute(db),
    sql<AggregateRow>`select count(distinct v.product_id) as n, count(distinct s.org_id) as contributors
      from sbom_revisions s join product_versions v on v.id = s.product_version_id`.execute(db),
    sql<AggregateRow>`select count(*) as n, count(distinct org_id) as contributors from devices`.execute(db),
    sql<AggregateRow>`select tlp as key, count(*) as n, least(count(distinct org_id), count(distinct viewer_org_id)) as contributors
      from access_log where created_at >= ${since} group by tlp`.execute(db),
    db
      .selectFrom('products as p')
      .innerJoin('organizations as o', 'o.id', 'p.org_id')
      .select(['o.name as manufacturer', 'p.name', 'p.tlp'])
      .where('p.tlp', '=', 'CLEAR')
      .orderBy('o.name')
      .orderBy('p.name')
      .execute(),
    ])
    return { orgs, relationships, recipients, median, products, productTotal, withSbom, devices, reads, publicProducts }
  },
}
