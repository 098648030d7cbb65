import { mergeAliasGroups } from '../../domain/kb/index.js'
import type { EpssScore, KbStatement, KevEntry } from '../../domain/kb/index.js'
import { buildMatchIndex } from '../../domain/matching/index.js'
import type { MatchIndex } from '../../domain/matching/index.js'
import type { Problem } from '../../domain/result.js'
import { documentRecords } from './import-kb.js'
import { openSource } from './sources.js'

/** Builds a matching index straight from feed files or directories, without a database (offline scans). */
export async function offlineMatchIndex(locations: readonly string[]): Promise<{ index: MatchIndex; problems: Problem[] }> {
  const statements = new Map<string, KbStatement>()
  const kev: KevEntry[] = []
  const epss: EpssScore[] = []
  const problems: Problem[] = []
  for (const location of locations) {
    const listing = await openSource(location)
    try {
      for (const document of listing.documents) {
        for await (const record of documentRecords(document, undefined, problems)) {
          if (record.kind === 'statement') statements.set(`${record.source}\u0000${record.sourceId}`, record)
          else if (record.kind === 'kev') kev.push(record)
          else epss.push(record)
        }
      }
    } finally {
      await listing.cleanup()
    }
  }
  const list = [...statements.values()]
  const merge = mergeAliasGroups(list.map((s) => s.ids), new Map())
  const index = buildMatchIndex({ statements: list.map((statement, i) => ({ vulnerabilityId: merge.groups[i] as string, statement })), kev, epss })
  return { index, problems }
}
