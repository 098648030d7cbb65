import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { canonicalJson } from '../../domain/audit/canonical.js'
import { epssScoreDate, looksLikeEpss, mergeAliasGroups, parseEpssLine, recordsOfJson, statementPackageKeys } from '../../domain/kb/index.js'
import type { EpssScore, KbRecord, KbSourceKind, KbStatement, KevEntry } from '../../domain/kb/index.js'
import { fail, ok, problem } from '../../domain/result.js'
import type { Problem, Result } from '../../domain/result.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { openSource } from './sources.js'
import type { SourceDocument } from './sources.js'

/** The first line of an offline bundle (see export-bundle.ts). */
export const BUNDLE_MARKER = 'medsec-kb-bundle'

/** What an import did. */
export interface ImportCounts {
  readonly location: string
  readonly documents: number
  readonly records: number
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly kev: number
  readonly epss: number
  /** Records skipped because an interrupted earlier run had already committed them. */
  readonly resumedSkipped: number
  readonly problems: number
  readonly problemSamples: readonly Problem[]
  /** The HTTP server said nothing changed since the last import (304). */
  readonly notModified: boolean
  readonly seconds: number
}

/** Options of an import. */
export interface ImportOptions {
  /** The feed kind; detected per document from its content when absent. */
  readonly kind?: KbSourceKind
  readonly batchSize?: number
  readonly onProgress?: (counts: ImportCounts) => void
  readonly fetchImpl?: typeof fetch
  /** Called after each committed batch (tests use it to simulate a crash). */
  readonly afterBatch?: (batch: number) => void
}

interface Position {
  readonly document: number
  readonly record: number
}

function after(a: Position, b: Position | null): boolean {
  return b === null || a.document > b.document || (a.document === b.document && a.record > b.record)
}

function hashOf(statement: KbStatement): string {
  return createHash('sha256').update(canonicalJson(statement)).digest('hex')
}

/** The records of one source document (JSON feed, EPSS CSV or bundle); problems are collected, not thrown. */
export async function* documentRecords(document: SourceDocument, kind: KbSourceKind | undefined, problems: Problem[]): AsyncGenerator<KbRecord> {
  if (document.kind === 'json') {
    let json: unknown
    try {
      json = await document.read()
    } catch (err) {
      problems.push(problem('kb_document_unreadable', `${document.name}: ${(err as Error).message}`))
      return
    }
    const result = recordsOfJson(json, document.name, kind === 'epss' ? undefined : kind)
    if (!result.ok) {
      problems.push(result.error)
      return
    }
    problems.push(...result.value.problems)
    yield* result.value.records
    return
  }
  let mode: 'epss' | 'bundle' | null = null
  let scoreDate: string | null = null
  for await (const line of document.lines()) {
    if (mode === null) {
      if (line.trim() === '') continue
      if (line.includes(BUNDLE_MARKER)) {
        mode = 'bundle'
        continue
      }
      if (!looksLikeEpss(line)) {
        problems.push(problem('kb_unknown_document', `${document.name}: neither an EPSS CSV nor a medsec KB bundle`))
        return
      }
      mode = 'epss'
    }
    if (mode === 'epss') {
      if (line.startsWith('#')) scoreDate = epssScoreDate(line) ?? scoreDate
      const score = parseEpssLine(line, scoreDate)
      if (!score.ok) problems.push(problem(score.error.code, `${document.name}: ${score.error.message}`))
      else if (score.value) yield score.value
    } else if (line.trim() !== '') {
      try {
        yield JSON.parse(line) as KbRecord
      } catch {
        problems.push(problem('kb_bundle_invalid_line', `${document.name}: a bundle line is not JSON`))
      }
    }
  }
}

/**
 * Imports a feed from a file, directory, ZIP archive or HTTP(S) URL into the knowledge base. Idempotent (a record
 * whose content hash is unchanged is not rewritten), resumable (each batch commits with its position, and a run
 * after an interrupted one skips what was committed), incremental over HTTP (ETag / Last-Modified), with progress.
 */
export async function importKb(db: Kysely<Database>, location: string, options: ImportOptions = {}): Promise<Result<ImportCounts>> {
  const started = Date.now()
  const startedAt = new Date()
  const previous = await kbRepository.importState(db, location)
  const resumeFrom = previous && previous.status !== 'completed' ? ((previous.checkpoint as Position | null) ?? null) : null
  const validators = previous?.status === 'completed' ? { etag: previous.etag, lastModified: previous.lastModified } : { etag: null, lastModified: null }
  const problems: Problem[] = []
  const counts = { documents: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, kev: 0, epss: 0, resumedSkipped: 0 }
  let checkpoint: Position | null = resumeFrom
  const snapshot = (notModified = false): ImportCounts => ({
    location,
    ...counts,
    problems: problems.length,
    problemSamples: problems.slice(0, 20),
    notModified,
    seconds: (Date.now() - started) / 1000,
  })
  const save = (status: 'running' | 'completed' | 'failed', etag: string | null, lastModified: string | null, error: string | null, target: Kysely<Database> = db) =>
    kbRepository.saveImportState(target, {
      location,
      kind: options.kind ?? null,
      status,
      etag,
      lastModified,
      checkpoint: status === 'completed' ? null : checkpoint,
      counts: snapshot(),
      error,
      startedAt,
      finishedAt: status === 'running' ? null : new Date(),
    })

  let listing
  try {
    listing = await openSource(location, validators, options.fetchImpl)
  } catch (err) {
    return fail(problem('kb_source_unreadable', `${location}: ${(err as Error).message}`))
  }
  try {
    if (listing.notModified) {
      await save('completed', listing.etag, listing.lastModified, null)
      return ok(snapshot(true))
    }
    await save('running', null, null, null)
    const batchSize = options.batchSize ?? 500
    let pending: { record: KbRecord; position: Position }[] = []
    let batches = 0
    const flush = async () => {
      if (pending.length === 0) return
      const batch = pending
      pending = []
      const last = batch[batch.length - 1]?.position ?? null
      await db.transaction().execute(async (trx) => {
        const statements = batch.map((b) => b.record).filter((r): r is KbStatement => r.kind === 'statement')
        // The same record may appear twice in a batch (a feed listing it twice): the last one wins.
        const latest = new Map(statements.map((s) => [kbRepository.keyOf(s.source, s.sourceId), s]))
        const hashes = await kbRepository.hashesOf(trx, [...latest.values()].map((s) => ({ source: s.source, sourceId: s.sourceId })))
        const changed: { statement: KbStatement; hash: string }[] = []
        for (const [key, s] of latest) {
          const hash = hashOf(s)
          const stored = hashes.get(key)
          if (stored === hash) counts.unchanged++
          else {
            if (stored === undefined) counts.inserted++
            else counts.updated++
            changed.push({ statement: s, hash })
          }
        }
        counts.unchanged += statements.length - latest.size
        if (changed.length > 0) {
          const existing = await kbRepository.groupsOf(trx, changed.flatMap((c) => c.statement.ids))
          const merge = mergeAliasGroups(changed.map((c) => c.statement.ids), existing)
          const rows = changed.map((c, i) => ({ ...c, group: merge.groups[i] as string, packageKeys: statementPackageKeys(c.statement) }))
          await kbRepository.storeStatements(trx, rows, merge, new Date())
        }
        const kev = batch.map((b) => b.record).filter((r): r is KevEntry => r.kind === 'kev')
        const epss = batch.map((b) => b.record).filter((r): r is EpssScore => r.kind === 'epss')
        if (kev.length > 0) await kbRepository.storeKev(trx, kev, location, new Date())
        if (epss.length > 0) await kbRepository.storeEpss(trx, epss, location, new Date())
        counts.kev += kev.length
        counts.epss += epss.length
        checkpoint = last
        await save('running', null, null, null, trx)
      })
      batches++
      options.onProgress?.(snapshot())
      options.afterBatch?.(batches)
    }
    for (let d = 0; d < listing.documents.length; d++) {
      const document = listing.documents[d] as SourceDocument
      counts.documents++
      let r = 0
      for await (const record of documentRecords(document, options.kind, problems)) {
        const position = { document: d, record: r++ }
        counts.records++
        if (!after(position, resumeFrom)) {
          counts.resumedSkipped++
          continue
        }
        pending.push({ record, position })
        if (pending.length >= batchSize) await flush()
      }
    }
    await flush()
    await save('completed', listing.etag, listing.lastModified, null)
    return ok(snapshot())
  } catch (err) {
    await save('failed', null, null, (err as Error).message).catch(() => undefined)
    return fail(problem('kb_import_failed', `${location}: ${(err as Error).message}`, snapshot()))
  } finally {
    await listing.cleanup()
  }
}
