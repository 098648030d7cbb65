import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** One background job as pg-boss keeps it (live or archived). */
export interface JobRow {
  readonly id: string
  readonly queue: string
  readonly state: string
  readonly data: unknown
  readonly output: unknown
  readonly retryCount: number
  readonly createdOn: Date
  readonly startedOn: Date | null
  readonly completedOn: Date | null
}

interface RawJob {
  id: string
  name: string
  state: string
  data: unknown
  output: unknown
  retry_count: number
  created_on: Date | string
  started_on: Date | string | null
  completed_on: Date | string | null
}

const asDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value))

// pg-boss owns its schema (created when the job runner first starts), so its tables are read with plain SQL and are
// absent until then: the listing is empty rather than an error.

/** Recent background jobs of the findings queues, read from the pg-boss schema. */
export const jobsRepository = {
  /** Whether the pg-boss schema exists in this database. */
  async available(db: Kysely<Database>, schema: string): Promise<boolean> {
    const row = await sql<{ t: string | null }>`select to_regclass(${`${schema}.archive`})::text as t`.execute(db)
    return (row.rows[0]?.t ?? null) !== null
  },

  /**
   * The newest jobs of the queues, live and archived: those of one organization (data.orgId) and, when asked, the
   * instance-wide ones (no organization in their data). Without a scope (operators) every job is listed.
   */
  async recent(db: Kysely<Database>, schema: string, input: { queues: readonly string[]; scope: OrgScope | null; includeInstanceWide: boolean; limit: number }): Promise<JobRow[]> {
    const tenant = input.scope
      ? input.includeInstanceWide
        ? sql`and (data->>'orgId' = ${input.scope.orgId} or data->>'orgId' is null)`
        : sql`and data->>'orgId' = ${input.scope.orgId}`
      : sql``
    const columns = sql`id::text as id, name, state::text as state, data, output, retry_count, created_on, started_on, completed_on`
    const queues = sql.join(input.queues)
    const rows = await sql<RawJob>`
      select * from (
        select ${columns} from ${sql.table(`${schema}.job`)} where name in (${queues}) ${tenant}
        union all
        select ${columns} from ${sql.table(`${schema}.archive`)} where name in (${queues}) ${tenant}
      ) jobs
      order by created_on desc
      limit ${input.limit}
    `.execute(db)
    return rows.rows.map((r) => ({
      id: r.id,
      queue: r.name,
      state: r.state,
      data: r.data,
      output: r.output,
      retryCount: Number(r.retry_count),
      createdOn: asDate(r.created_on) ?? new Date(0),
      startedOn: asDate(r.started_on),
      completedOn: asDate(r.completed_on),
    }))
  },
}
