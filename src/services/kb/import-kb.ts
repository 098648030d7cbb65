import type { Kysely } from 'kysely'
import { epssScoreDate, looksLikeEpss, mergeAliasGroups, parseEpssLine, recordsOfJson } from '../../domain/kb/index.js'
import type { EpssScore, KbRecord, KbSourceKind, KevEntry } from '../../domain/kb/index.js'
import { fail, ok, problem } from '../../domain/result.js'
import type { Problem, Result } from '../../domain/result.js'
import { kbRepository } from '../../store/repositories/kb.js'
import type { Database } from '../../store/schema.js'
import { JsonFeedReader } from './json-feed-reader.js'
import type { JsonKind } from './json-feed-reader.js'
import { prepareRecord } from './prepared-record.js'
import type { PreparedRecord, PreparedStatement } from './prepared-record.js'
import { RecordReaderThread } from './record-reader-thread.js'
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
  /** Read JSON files of at least this many bytes record by record (default {@link STREAM_JSON_ABOVE}). */
  readonly streamAbove?: number
  /** Read large JSON files in a worker thread while batches are written (default true; false: in this thread). */
  readonly readerThread?: boolean
  /** JSON files of at least this many bytes go to the reader thread (default {@link READER_THREAD_ABOVE}). */
  readonly threadAbove?: number
}

interface Position {
  readonly document: number
  readonly record: number
}

function after(a: Position, b: Position | null): boolean {
  return b === null || a.document > b.document || (a.document === b.document && a.record > b.record)
}

/** JSON files at least this large are read record by record instead of parsed whole. */
export const STREAM_JSON_ABOVE = 8 << 20

/**
 * JSON files at least this large are read record by record by the reader thread during an import. Smaller than
 * {@link STREAM_JSON_ABOVE}: the thread is worth its start (about 0.44 s of CPU, measured on a loaded machine) from a
 * few thousand records on, and reads those in pieces too.
 */
export const READER_THREAD_ABOVE = 4 << 20

/** Options of {@link documentRecords}. */
export interface DocumentReadOptions {
  /** Read JSON files of at least this many bytes record by record (default {@link STREAM_JSON_ABOVE}). */
  readonly streamAbove?: number
}

/**
 * The records of a large JSON feed, read in pieces in this thread (see {@link JsonFeedReader}); 'whole' before any
 * record when the document is to be parsed whole instead.
 */
async function* streamedRecords(name: string, text: AsyncIterable<string>, kind: JsonKind | undefined, problems: Problem[]): AsyncGenerator<KbRecord, 'whole' | 'done'> {
  const reader = new JsonFeedReader(name, kind)
  for await (const piece of text) {
    const result = reader.push(piece)
    problems.push(...result.problems)
    yield* result.records
    if (result.outcome !== 'more') return result.outcome
  }
  const result = reader.end()
  return result.outcome === 'more' ? 'done' : result.outcome
}

type TextDocument = Extract<SourceDocument, { kind: 'json' }> & { text(): AsyncIterable<string> }

const hasText = (document: SourceDocument, above: number): document is TextDocument =>
  document.kind === 'json' && document.text !== undefined && document.size !== undefined && document.size >= above

const streams = (document: SourceDocument, options: DocumentReadOptions): document is TextDocument => hasText(document, options.streamAbove ?? STREAM_JSON_ABOVE)

const threadReads = (document: SourceDocument, options: ImportOptions): document is TextDocument => hasText(document, options.threadAbove ?? READER_THREAD_ABOVE)

// Passes a piecewise reader's records on. True when the document is finished with (read to its end, or unreadable:
// the problem is recorded); false when the reader found no record array, so the document must be read whole.
async function* passOn<T>(name: string, reader: AsyncGenerator<T, 'whole' | 'done'>, problems: Problem[]): AsyncGenerator<T, boolean> {
  try {
    for (;;) {
      const next = await reader.next()
      if (next.done) return next.value === 'done'
      yield next.value
    }
  } catch (err) {
    problems.push(problem('kb_document_unreadable', `${name}: ${(err as Error).message}`))
    return true
  }
}

/** The records of one source document (JSON feed, EPSS CSV or bundle); problems are collected, not thrown. */
export async function* documentRecords(document: SourceDocument, kind: KbSourceKind | undefined, problems: Problem[], options: DocumentReadOptions = {}): AsyncGenerator<KbRecord> {
  if (document.kind === 'json') {
    const jsonKind = kind === 'epss' ? undefined : kind
    if (streams(document, options) && (yield* passOn(document.name, streamedRecords(document.name, document.text(), jsonKind, problems), problems))) return
    let json: unknown
    try {
      json = await document.read()
    } catch (err) {
      problems.push(problem('kb_document_unreadable', `${document.name}: ${(err as Error).message}`))
      return
    }
    const result = recordsOfJson(json, document.name, jsonKind)
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
 * The records of one document ready to store: a large NVD or OSV feed is read by the reader thread when there is
 * one, anything else in this thread as {@link documentRecords} reads it.
 */
async function* preparedRecords(document: SourceDocument, kind: KbSourceKind | undefined, problems: Problem[], options: ImportOptions, thread: RecordReaderThread | null): AsyncGenerator<PreparedRecord> {
  if (thread?.usable && threadReads(document, options)) {
    if (yield* passOn(document.name, thread.read(document.name, kind === 'epss' ? undefined : kind, document.text(), problems), problems)) return
    // Not an NVD or OSV record array: read whole, as documentRecords does after its streaming attempt.
    for await (const record of documentRecords(document, kind, problems, { streamAbove: Infinity })) yield prepareRecord(record)
    return
  }
  for await (const record of documentRecords(document, kind, problems, options)) yield prepareRecord(record)
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

  // Started at the first document large enough to stream (null: it could not start; reading stays in this thread).
  let thread: RecordReaderThread | null | undefined
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
    const batchSize = options.batchSize ?? 2000
    let pending: { record: PreparedRecord; position: Position }[] = []
    let batches = 0
    // One transaction per batch with a fixed handful of statements (see kbRepository.storeStatements).
    const write = async (batch: readonly { record: PreparedRecord; position: Position }[]) => {
      const last = batch[batch.length - 1]?.position ?? null
      let statementCount = 0
      const kev: KevEntry[] = []
      const epss: EpssScore[] = []
      // The same record may appear twice in a batch (a feed listing it twice): the last one wins.
      const latest = new Map<string, PreparedStatement>()
      for (const { record } of batch) {
        if (record.kind === 'statement') {
          statementCount++
          latest.set(kbRepository.keyOf(record.source, record.sourceId), record)
        } else if (record.kind === 'kev') kev.push(record)
        else epss.push(record)
      }
      await db.transaction().execute(async (trx) => {
        const hashes = await kbRepository.hashesOf(trx, [...latest.values()].map((s) => ({ source: s.source, sourceId: s.sourceId })))
        const changed: { statement: PreparedStatement; isNew: boolean }[] = []
        for (const [key, statement] of latest) {
          const stored = hashes.get(key)
          if (stored === statement.hash) counts.unchanged++
          else {
            if (stored === undefined) counts.inserted++
            else counts.updated++
            changed.push({ statement, isNew: stored === undefined })
          }
        }
        counts.unchanged += statementCount - latest.size
        if (changed.length > 0) {
          const existing = await kbRepository.groupsOf(trx, changed.flatMap((c) => c.statement.ids))
          const merge = mergeAliasGroups(changed.map((c) => c.statement.ids), existing)
          const rows = changed.map(({ statement: s, isNew }, i) => ({
            source: s.source,
            sourceId: s.sourceId,
            origin: s.origin,
            modified: s.modified,
            withdrawn: s.withdrawn,
            json: s.json,
            hash: s.hash,
            group: merge.groups[i] as string,
            packageKeys: s.packageKeys,
            isNew,
          }))
          await kbRepository.storeStatements(trx, rows, merge, new Date())
        }
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
    // The write of one batch overlaps the reading of the next: with PostgreSQL the server works while Node parses,
    // and a large feed is parsed in the reader thread while PGlite (which runs in this thread) writes. Batches still
    // commit one after the other, in order, so the checkpoint stays a prefix of the source.
    let writing: Promise<void> | null = null
    const flush = async () => {
      if (writing) await writing
      writing = null
      if (pending.length === 0) return
      const batch = pending
      pending = []
      writing = write(batch)
      // Handled when awaited (next flush or the end); this keeps a failure from being reported as unhandled meanwhile.
      writing.catch(() => undefined)
    }
    for (let d = 0; d < listing.documents.length; d++) {
      const document = listing.documents[d] as SourceDocument
      counts.documents++
      if (thread === undefined && options.readerThread !== false && threadReads(document, options)) thread = await RecordReaderThread.start()
      let r = 0
      for await (const record of preparedRecords(document, options.kind, problems, options, thread ?? null)) {
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
    await flush()
    // Problems and not one record read (a broken, truncated or unrecognised source) is a failed import, not an empty one.
    if (counts.records === 0 && problems.length > 0) {
      const message = `nothing imported from ${location}: ${(problems[0] as Problem).message}`
      await save('failed', null, null, message)
      return fail(problem('kb_nothing_imported', message, snapshot()))
    }
    await save('completed', listing.etag, listing.lastModified, null)
    return ok(snapshot())
  } catch (err) {
    await save('failed', null, null, (err as Error).message).catch(() => undefined)
    return fail(problem('kb_import_failed', `${location}: ${(err as Error).message}`, snapshot()))
  } finally {
    await thread?.close()
    await listing.cleanup()
  }
}
