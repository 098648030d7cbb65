import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { createGzip } from 'node:zlib'
import type { Kysely } from 'kysely'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { BUNDLE_MARKER } from './import-kb.js'

/** What an exported bundle holds. */
export interface BundleCounts {
  readonly file: string
  readonly statements: number
  readonly kev: number
  readonly epss: number
}

/**
 * Writes the whole knowledge base as an offline bundle for air-gapped sites: gzip'd JSON lines, a header line then
 * one record per line (statements with their origins, KEV entries, EPSS scores). `kb import <file>` reads it back.
 */
export async function exportBundle(db: Kysely<Database>, file: string): Promise<BundleCounts> {
  const gzip = createGzip()
  const out = createWriteStream(file)
  gzip.pipe(out)
  const write = async (line: string) => {
    if (!gzip.write(line + '\n')) await once(gzip, 'drain')
  }
  await write(JSON.stringify({ kind: BUNDLE_MARKER, version: 1, exportedAt: new Date().toISOString() }))
  let statements = 0
  for await (const s of kbRepository.allStatements(db)) {
    await write(JSON.stringify(s.statement))
    statements++
  }
  const kev = await kbRepository.allKev(db)
  for (const k of kev) await write(JSON.stringify(k))
  const epss = await kbRepository.allEpss(db)
  for (const e of epss) await write(JSON.stringify(e))
  gzip.end()
  await once(out, 'finish')
  return { file, statements, kev: kev.length, epss: epss.length }
}
