import type { MatchIndex } from '../domain/matching/index.js'
import { printError } from './database-option.js'

/**
 * The matching index of `--kb` feed files or directories for an offline scan, with the count of feed problems on
 * stderr; null (after printing the error) when a location cannot be read at all.
 */
export async function offlineIndexOf(locations: readonly string[]): Promise<MatchIndex | null> {
  const { offlineMatchIndex } = await import('../services/kb/offline-index.js')
  const built = await offlineMatchIndex(locations)
  if (!built.ok) {
    printError(built.error.code, built.error.message)
    return null
  }
  const { index, problems } = built.value
  if (problems.length > 0) process.stderr.write(`${problems.length} feed problems (first: ${problems[0]?.message ?? ''})\n`)
  return index
}
