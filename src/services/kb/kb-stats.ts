import type { Kysely } from 'kysely'
import { kbRepository, type ImportState } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import type { ServiceResult } from '../context.js'

/** Counts of the knowledge base and the state of every imported source. */
export interface KbStats {
  readonly vulnerabilities: number
  readonly aliases: number
  readonly statements: Readonly<Record<string, number>>
  readonly kev: number
  readonly epss: number
  readonly imports: readonly ImportState[]
}

/** The knowledge base's counts and import history. */
export async function kbStats(db: Kysely<Database>): Promise<ServiceResult<KbStats>> {
  const [stats, imports] = await Promise.all([kbRepository.stats(db), kbRepository.listImports(db)])
  return { ok: true, value: { ...stats, imports } }
}
