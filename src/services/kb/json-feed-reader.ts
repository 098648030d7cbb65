import { JsonRecordSplitter, detectJsonKind, recordsOfJson } from '../../domain/kb/index.js'
import type { KbRecord, KbSourceKind } from '../../domain/kb/index.js'
import { problem } from '../../domain/result.js'
import type { Problem } from '../../domain/result.js'

/** A JSON feed kind (every source kind but the EPSS CSV). */
export type JsonKind = Exclude<KbSourceKind, 'epss'>

/**
 * What one piece of a feed gave: its records and problems, and whether to go on ('more'), stop ('done'), or read
 * the document whole instead ('whole': it is not an NVD or OSV record array; answered before any record).
 */
export interface FeedPieceResult {
  readonly records: KbRecord[]
  readonly problems: Problem[]
  readonly outcome: 'more' | 'whole' | 'done'
}

/**
 * Reads a large JSON feed in pieces: each element of its record array is parsed on its own and read as if it were
 * the only record of the document. NVD (1.1 and 2.0) and OSV arrays stream; any other document (CSAF, CVE 5, KEV,
 * or a shape the splitter does not know) answers 'whole' before giving any record. Synchronous and free of I/O, so
 * the same reader runs in the importing thread or in the reader thread (record-reader-thread.ts).
 */
export class JsonFeedReader {
  readonly #splitter = new JsonRecordSplitter()
  #detected: JsonKind | null | undefined
  #finished: 'whole' | 'done' | null = null

  constructor(
    private readonly name: string,
    private readonly kind: JsonKind | undefined,
  ) {}

  /** Reads the next piece of the document's text. */
  push(piece: string): FeedPieceResult {
    const records: KbRecord[] = []
    const problems: Problem[] = []
    if (this.#finished) return { records, problems, outcome: this.#finished }
    const splitter = this.#splitter
    for (const element of splitter.push(piece)) {
      let json: unknown
      try {
        json = JSON.parse(element)
      } catch (err) {
        if (this.#detected === undefined) return this.#finish('whole', records, problems)
        problems.push(problem('kb_record_invalid', `${this.name}: a record is not JSON (${(err as Error).message})`))
        continue
      }
      if (this.#detected === undefined) {
        // The document's kind, from its skeleton so far with this first record in its array.
        let sample: unknown
        try {
          const skeleton = splitter.skeleton.replace(/^\uFEFF/, '')
          sample = JSON.parse(`${skeleton}${element}]${splitter.recordsKey === null ? '' : '}'}`)
        } catch {
          return this.#finish('whole', records, problems)
        }
        this.#detected = this.kind ?? detectJsonKind(sample)
        if (this.#detected !== 'nvd' && this.#detected !== 'osv') return this.#finish('whole', records, problems)
      }
      const key = splitter.recordsKey
      const result = recordsOfJson(key === null ? [json] : { [key]: [json] }, this.name, this.#detected as JsonKind)
      if (!result.ok) {
        problems.push(result.error)
        continue
      }
      problems.push(...result.value.problems)
      for (const record of result.value.records) records.push(record)
    }
    if (splitter.state === 'not_splittable') {
      if (this.#detected === undefined) return this.#finish('whole', records, problems)
      problems.push(problem('kb_document_invalid', `${this.name}: the record array holds something other than records; reading stopped`))
      return this.#finish('done', records, problems)
    }
    return { records, problems, outcome: 'more' }
  }

  /** The document's text has ended. */
  end(): FeedPieceResult {
    return this.#finish(this.#finished ?? (this.#detected === undefined ? 'whole' : 'done'), [], [])
  }

  #finish(outcome: 'whole' | 'done', records: KbRecord[], problems: Problem[]): FeedPieceResult {
    this.#finished = outcome
    return { records, problems, outcome }
  }
}
