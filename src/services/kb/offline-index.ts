import { mergeAliasGroups } from '../../domain/kb/index.js'
import type { EpssScore, KbStatement, KevEntry } from '../../domain/kb/index.js'
import { buildMatchIndex } from '../../domain/matching/index.js'
import type { MatchIndex } from '../../domain/matching/index.js'
import { fail, ok, problem } from '../../domain/result.js'
import type { Problem, Result } from '../../domain/result.js'
import { documentRecords } from './import-kb.js'
import { openSource } from './sources.js'

/**
 * Builds a matching index straight from feed files or directories, without a database (offline scans). A location
 * that cannot be opened, or that yields problems and not one record (a broken or unrecognised file), fails the build:
 * a scan against a knowledge base it could not read would report fewer findings than there are.
 */
export async function offlineMatchIndex(locations: readonly string[]): Promise<Result<{ index: MatchIndex; problems: Problem[] }>> {
  const statements = new Map<string, KbStatement>()
  const kev: KevEntry[] = []
  const epss: EpssScore[] = []
  const problems: Problem[] = []
  for (const location of locations) {
    let listing
    try {
      listing = await openSource(location)
    } catch (err) {
      return fail(problem('kb_source_unreadable', `${location}: ${(err as Error).message}`))
    }
    const problemsBefore = problems.length
    let records = 0
    try {
      for (const document of listing.documents) {
        for await (const record of documentRecords(document, undefined, problems)) {
          records++
          if (record.kind === 'statement') statements.set(`${record.source}\u0000${record.sourceId}`, record)
          else if (record.kind === 'kev') kev.push(record)
          else epss.push(record)
        }
      }
    } finally {
      await listing.cleanup()
    }
    const first = problems[problemsBefore]
    if (records === 0 && first !== undefined) return fail(problem('kb_nothing_read', `nothing read from ${location}: ${first.message}`))
  }
  const list = [...statements.values()]
  const merge = mergeAliasGroups(list.map((s) => s.ids), new Map())
  const index = buildMatchIndex({ statements: list.map((statement, i) => ({ vulnerabilityId: merge.groups[i] as string, statement })), kev, epss })
  return ok({ index, problems })
}
