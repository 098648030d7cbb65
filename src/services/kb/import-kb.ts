import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { JsonRecordSplitter, detectJsonKind, epssScoreDate, looksLikeEpss, mergeAliasGroups, parseEpssLine, recordsOfJson, statementPackageKeys } from '../../domain/kb/index.js'
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
  /** Read JSON files of at least this many bytes record by record (default {@link STREAM_JSON_ABOVE}). */
  readonly streamAbove?: number
}

interface Position {
  readonly document: number
  readonly record: number
}

function after(a: Position, b: Position | null): boolean {
  return b === null || a.document > b.document || (a.document === b.document && a.record > b.record)
}

// The stored form of a statement and its content hash. The readers build statements with a fixed key order, so
// the serialisation is deterministic: hashing the bytes that are stored detects every change of the statement,
// costs one JSON.stringify (needed for the insert anyway) and no canonical re-serialisation (ADR 0063).
function serialised(statement: KbStatement): { json: string; hash: string } {
  const json = JSON.stringify(statement)
  return { json, hash: createHash('sha256').update(json).digest('hex') }
}

/** JSON files at least this large are read record by record instead of parsed whole. */
export const STREAM_JSON_ABOVE = 8 << 20

/** Options of {@link documentRecords}. */
export interface DocumentReadOptions {
  /** Read JSON files of at least this many bytes record by record (default {@link STREAM_JSON_ABOVE}). */
  readonly streamAbove?: number
}

type JsonDocument = Extract<SourceDocument, { kind: 'json' }>
type JsonKind = Exclude<KbSourceKind, 'epss'>

/**
 * The records of a large JSON feed, read in pieces: each element of its record array is parsed on its own and read
 * as if it were the only record of the document. NVD (1.1 and 2.0) and OSV arrays stream; any other document (CSAF,
 * CVE 5, KEV, or a shape the splitter does not know) answers 'whole' before yielding anything, to be parsed whole.
 */
async function* streamedRecords(document: JsonDocument, text: AsyncIterable<string>, kind: JsonKind | undefined, problems: Problem[]): AsyncGenerator<KbRecord, 'whole' | 'done'> {
  const splitter = new JsonRecordSplitter()
  let detected: JsonKind | null | undefined
  const wrap = (element: unknown) => {
    const key = splitter.recordsKey
    return key === null ? [element] : { [key]: [element] }
  }
  for await (const piece of text) {
    for (const element of splitter.push(piece)) {
      let json: unknown
      try {
        json = JSON.parse(element)
      } catch (err) {
        if (detected === undefined) return 'whole'
        problems.push(problem('kb_record_invalid', `${document.name}: a record is not JSON (${(err as Error).message})`))
        continue
      }
      if (detected === undefined) {
        // The document's kind, from its skeleton so far with this first record in its array.
        let sample: unknown
        try {
          const skeleton = splitter.skeleton.replace(/^\uFEFF/, '')
          sample = JSON.parse(`${skeleton}${element}]${splitter.recordsKey === null ? '' : '}'}`)
        } catch {
          return 'whole'
        }
        detected = kind ?? detectJsonKind(sample)
        if (detected !== 'nvd' && detected !== 'osv') return 'whole'
      }
      const result = recordsOfJson(wrap(json), document.name, detected as JsonKind)
      if (!result.ok) {
        problems.push(result.error)
        continue
      }
      problems.push(...result.value.problems)
      yield* result.value.records
    }
    if (splitter.state === 'not_splittable') {
      if (detected === undefined) return 'whole'
      problems.push(problem('kb_document_invalid', `${document.name}: the record array holds something other than records; reading stopped`))
      return 'done'
    }
  }
  if (detected === undefined) return 'whole'
  return 'done'
}

/** The records of one source document (JSON feed, EPSS CSV or bundle); problems are collected, not thrown. */
export async function* documentRecords(document: SourceDocument, kind: KbSourceKind | undefined, problems: Problem[], options: DocumentReadOptions = {}): AsyncGenerator<KbRecord> {
  if (document.kind === 'json') {
    const jsonKind = kind === 'epss' ? undefined : kind
    if (document.text && document.size !== undefined && document.size >= (options.streamAbove ?? STREAM_JSON_ABOVE)) {
      try {
        const streamed = streamedRecords(document, document.text(), jsonKind, problems)
        for (;;) {
          const next = await streamed.next()
          if (next.done) {
            if (next.value === 'done') return
            break
          }
          yield next.value
        }
      } catch (err) {
        problems.push(problem('kb_document_unreadable', `${document.name}: ${(err as Error).message}`))
        return
      }
    }
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
    const batchSize = options.batchSize ?? 2000
    let pending: { record: KbRecord; position: Position }[] = []
    let batches = 0
    // One transaction per batch with a fixed handful of statements (see kbRepository.storeStatements).
    const write = async (batch: readonly { record: KbRecord; position: Position }[]) => {
      const last = batch[batch.length - 1]?.position ?? null
      let statementCount = 0
      const kev: KevEntry[] = []
      const epss: EpssScore[] = []
      // The same record may appear twice in a batch (a feed listing it twice): the last one wins.
      const latest = new Map<string, KbStatement>()
      for (const { record } of batch) {
        if (record.kind === 'statement') {
          statementCount++
          latest.set(kbRepository.keyOf(record.source, record.sourceId), record)
        } else if (record.kind === 'kev') kev.push(record)
        else epss.push(record)
      }
      await db.transaction().execute(async (trx) => {
        const hashes = await kbRepository.hashesOf(trx, [...latest.values()].map((s) => ({ source: s.source, sourceId: s.sourceId })))
        const changed: { statement: KbStatement; hash: string; json: string }[] = []
        for (const [key, s] of latest) {
          const { json, hash } = serialised(s)
          const stored = hashes.get(key)
          if (stored === hash) counts.unchanged++
          else {
            if (stored === undefined) counts.inserted++
            else counts.updated++
            changed.push({ statement: s, hash, json })
          }
        }
        counts.unchanged += statementCount - latest.size
        if (changed.length > 0) {
          const existing = await kbRepository.groupsOf(trx, changed.flatMap((c) => c.statement.ids))
          const merge = mergeAliasGroups(changed.map((c) => c.statement.ids), existing)
          const rows = changed.map((c, i) => ({ ...c, group: merge.groups[i] as string, packageKeys: statementPackageKeys(c.statement) }))
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
    // The write of one batch overlaps the reading of the next: with PostgreSQL the server works while Node parses.
    // Batches still commit one after the other, in order, so the checkpoint stays a prefix of the source.
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
      let r = 0
      for await (const record of documentRecords(document, options.kind, problems, options)) {
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
    await save('completed', listing.etag, listing.lastModified, null)
    return ok(snapshot())
  } catch (err) {
    await save('failed', null, null, (err as Error).message).catch(() => undefined)
    return fail(problem('kb_import_failed', `${location}: ${(err as Error).message}`, snapshot()))
  } finally {
    await listing.cleanup()
  }
}
