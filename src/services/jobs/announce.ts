import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'

/** What a running job system accepts from other services (kept apart from pg-boss, so that announcing is cheap to import). */
export interface JobSink {
  enqueueVersionMatch(orgId: string, productVersionId: string, reason: 'sbom_upload' | 'sweep'): Promise<string | null>
}

const sinks = new WeakMap<Kysely<Database>, JobSink>()

/** Registers (or, with null, removes) the job system of a database in this process. */
export function registerJobSink(db: Kysely<Database>, sink: JobSink | null): void {
  if (sink) sinks.set(db, sink)
  else sinks.delete(db)
}

/**
 * Tells the job system of this process that a product version has a new SBOM revision: its match is enqueued at
 * once. Without a job system (tests, the CLI) nothing happens here; a server's periodic check finds the revision later.
 */
export async function announceSbomRevision(db: Kysely<Database>, orgId: string, productVersionId: string): Promise<void> {
  await sinks.get(db)?.enqueueVersionMatch(orgId, productVersionId, 'sbom_upload').catch(() => null)
}
