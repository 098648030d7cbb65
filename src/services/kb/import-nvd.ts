import type { Kysely } from 'kysely'
import { fail, ok, problem, type Result } from '../../domain/result.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { nvdWindowRepository } from '../../store/repositories/nvd-windows.js'
import type { Database } from '../../store/schema.js'
import { importKb, type ImportCounts, type ImportOptions } from './import-kb.js'
import { nvdBaseUrl, nvdWindows, windowUrl } from './nvd-api.js'

/** What an incremental NVD import did: the summed counts of its windows. */
export interface NvdImportCounts extends ImportCounts {
  readonly windows: number
  /** Where the next import starts (the end of the last window), ISO 8601. */
  readonly through: string
}

function sum(a: ImportCounts, b: ImportCounts): ImportCounts {
  return {
    ...b,
    location: a.location,
    documents: a.documents + b.documents,
    records: a.records + b.records,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    kev: a.kev + b.kev,
    epss: a.epss + b.epss,
    resumedSkipped: a.resumedSkipped + b.resumedSkipped,
    problems: a.problems + b.problems,
    problemSamples: [...a.problemSamples, ...b.problemSamples].slice(0, 20),
    seconds: a.seconds + b.seconds,
  }
}

/**
 * Imports the NVD CVE API 2.0 incrementally: from the end of the last successful import (stored as the base URL's
 * import state) to now, in lastModified windows of at most 120 days, each paged. Resumable: every finished window
 * moves the stored start forward, and a window interrupted part-way is resumed by position when its URL recurs (all
 * but the last window are full 120-day ranges). Without a previous import (and no `since`) the whole API is paged.
 */
export async function importNvdApi(db: Kysely<Database>, location: string, options: ImportOptions & { readonly now?: Date; readonly since?: Date } = {}): Promise<Result<NvdImportCounts>> {
  const base = nvdBaseUrl(location)
  const end = options.now ?? new Date()
  const previous = await kbRepository.importState(db, base)
  const stored = previous?.lastModified ? new Date(previous.lastModified) : null
  const start = stored && !Number.isNaN(stored.getTime()) ? stored : (options.since ?? null)
  const startedAt = new Date()
  const save = (status: 'running' | 'completed' | 'failed', through: Date | null, counts: ImportCounts | null, error: string | null) =>
    kbRepository.saveImportState(db, { location: base, kind: 'nvd', status, etag: null, lastModified: through?.toISOString() ?? null, checkpoint: null, counts: counts ?? {}, error, startedAt, finishedAt: status === 'running' ? null : new Date() })

  if (start === null) {
    // The first import pages the whole API under the base URL itself; its end time becomes the next start.
    const full = await importKb(db, base, { ...options, kind: 'nvd' })
    if (!full.ok) return full
    await save('completed', end, full.value, null)
    return ok({ ...full.value, windows: 0, through: end.toISOString() })
  }
  const windows = nvdWindows(start, end)
  let total: ImportCounts | null = null
  let through = start
  for (const window of windows) {
    const result = await importKb(db, windowUrl(base, window), { ...options, kind: 'nvd' })
    if (!result.ok) {
      await save('failed', through, total, result.error.message)
      return fail(problem(result.error.code, result.error.message, { through: through.toISOString(), failedWindow: { start: window.start.toISOString(), end: window.end.toISOString() } }))
    }
    total = total ? sum(total, result.value) : { ...result.value, location: base }
    through = window.end
    await save('running', through, total, null)
  }
  // The windows' own import rows are done with: the base URL's row says where the next import starts.
  await nvdWindowRepository.forgetWindows(db, base)
  const counts: ImportCounts = total ?? { location: base, documents: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, kev: 0, epss: 0, resumedSkipped: 0, problems: 0, problemSamples: [], notModified: false, seconds: 0 }
  await save('completed', through, counts, null)
  return ok({ ...counts, windows: windows.length, through: through.toISOString() })
}
