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

  /** The counter of the parsed advisories alone (no organization). */
  async advisories(db: Kysely<Database>): Promise<string> {
    const { rows } = await sql<{ generation: string }>`select generation::text as generation from fleet_generations where scope = 'advisories'`.execute(db)
    return rows[0]?.generation ?? '0'
  },
}
