import type { Kysely } from 'kysely'
import * as foundation from './0001-foundation.js'

/** A forward-only migration, identified by its number. */
export interface Migration {
  readonly id: number
  readonly name: string
  readonly up: (db: Kysely<unknown>) => Promise<void>
}

/** Every migration in order; append new ones, never edit or reorder applied ones. */
export const migrations: readonly Migration[] = [{ id: 1, name: 'foundation', up: foundation.up }]
