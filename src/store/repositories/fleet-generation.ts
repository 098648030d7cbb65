import { sql, type Kysely } from 'kysely'
import type { Database } from '../schema.js'
import type { OrgScope } from '../scope.js'

/** The counters a fleet view depends on; each changes in the same transaction as a write to its tables (migration 19). */
export interface FleetGenerations {
  /** The organization's devices (inventory fields, links, patch status). */
  readonly devices: string
  /** The organization's risk register and its controls (acceptances included). */
  readonly register: string
  /** Every organization's shared inputs: findings, triage decisions, SBOMs, products, versions, organizations, advisories. */
  readonly shared: string
  /** What the parsed advisories depend on: published advisory files, products, versions and organizations. */
  readonly advisories: string
}

/**
 * The fleet generations of migration 19. The counters are bumped by statement-level triggers, never by application
 * code, so every write path (services, imports, tests writing rows directly) invalidates what was computed before it.
 */
export const fleetGenerationRepository = {
  /** The current counters of one organization and of the shared inputs, in one query (0 where nothing was written yet). */
  async current(db: Kysely<Database>, scope: OrgScope): Promise<FleetGenerations> {
    const devices = `devices:${scope.orgId}`
    const register = `register:${scope.orgId}`
    const { rows } = await sql<{ scope: string; generation: string }>`
      select scope, generation::text as generation from fleet_generations where scope = any(${[devices, register, 'shared', 'advisories']}::text[])`.execute(db)
    const of = (name: string) => rows.find((r) => r.scope === name)?.generation ?? '0'
    return { devices: of(devices), register: of(register), shared: of('shared'), advisories: of('advisories') }
  },

  /**
   * Takes the row locks of the organization's counters (devices, then register: the order the triggers bump them in)
   * until the transaction ends, creating them at 0 (what {@link current} reads for a missing row) when absent. Every
   * writer of the organization's devices, risk entries or controls calls it first in its transaction: the counters are
   * bumped AFTER each statement (migration 19), so without it a writer holding a device row could wait for a counter
   * held by a writer that later waits for that device row (a deadlock on PostgreSQL); with it they queue.
   */
  async lockHospital(trx: Kysely<Database>, scope: OrgScope): Promise<void> {
    // Setting the generation to itself locks the row without changing the key a cached view was stored under.
    await sql`
      insert into fleet_generations as g (scope, generation) values (${`devices:${scope.orgId}`}, 0), (${`register:${scope.orgId}`}, 0)
      on conflict (scope) do update set generation = g.generation`.execute(trx)
  },

  /** The counter of the parsed advisories alone (no organization). */
  async advisories(db: Kysely<Database>): Promise<string> {
    const { rows } = await sql<{ generation: string }>`select generation::text as generation from fleet_generations where scope = 'advisories'`.execute(db)
    return rows[0]?.generation ?? '0'
  },
}
