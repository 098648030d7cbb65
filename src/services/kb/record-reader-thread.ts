import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Problem } from '../../domain/result.js'
import type { JsonKind } from './json-feed-reader.js'
import type { PreparedRecord } from './prepared-record.js'

/** A piece of a document's text for the reader thread (null: the text has ended). */
export interface ReaderRequest {
  readonly doc: number
  readonly name: string
  readonly kind: JsonKind | undefined
  readonly piece: string | null
}

/** The reader thread's answer to one request, in request order (or its start-up signal). */
export type ReaderReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'records'; readonly doc: number; readonly records: PreparedRecord[]; readonly problems: Problem[]; readonly outcome: 'more' | 'whole' | 'done' }
  | { readonly kind: 'failed'; readonly doc: number; readonly message: string }

type Answer = Exclude<ReaderReply, { kind: 'ready' }>

// The worker's entry is TypeScript when the sources run through tsx (CLI, tests) and JavaScript once compiled; a
// TypeScript entry registers tsx in the worker first, since module hooks registered at run time are per thread.
const entry = new URL(`./record-reader-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)
const bootstrap = `
const { workerData } = require('node:worker_threads')
;(workerData.tsx ? import(workerData.tsx).then((tsx) => tsx.register()) : Promise.resolve()).then(() => import(workerData.entry))
`

/** How many pieces of text may wait at the reader thread: a few batches ahead of the importer. */
const PIECES_AHEAD = 4

/**
 * A worker thread that reads large JSON feeds (NVD, OSV arrays) into prepared records while the importing thread
 * writes the previous batch: on a machine with two cores, parsing no longer waits for the database or vice versa.
 * Pieces are sent at most {@link PIECES_AHEAD} ahead of what the importer has taken, so memory stays bounded.
 */
export class RecordReaderThread {
  #documents = 0
  #failure: Error | null = null
  readonly #waiting: { resolve: (answer: Answer) => void; reject: (err: Error) => void }[] = []

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: ReaderReply) => {
      if (reply.kind !== 'ready') this.#waiting.shift()?.resolve(reply)
    })
    const broken = (err: Error) => {
      this.#failure ??= err
      for (const waiter of this.#waiting.splice(0)) waiter.reject(err)
    }
    worker.on('error', broken)
    worker.on('exit', (code) => broken(new Error(`the reader thread stopped (exit code ${code})`)))
  }

  /** Starts a reader thread; null when one cannot start here (the import then reads in its own thread). */
  static async start(): Promise<RecordReaderThread | null> {
    let worker: Worker
    try {
      // tsx's ESM register() (its package exports map 'tsx/esm/api' to this file for import).
      const tsx = entry.pathname.endsWith('.ts') ? new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href : null
      worker = new Worker(bootstrap, { eval: true, workerData: { entry: entry.href, tsx } })
    } catch {
      return null
    }
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (reply: ReaderReply) => resolve(reply.kind === 'ready'))
      worker.once('error', () => resolve(false))
      worker.once('exit', () => resolve(false))
    })
    if (!ready) {
      await worker.terminate()
      return null
    }
    // Idle between documents, the thread does not keep the process alive (see read()).
    worker.unref()
    return new RecordReaderThread(worker)
  }

  /** False once the thread has failed or stopped. */
  get usable(): boolean {
    return this.#failure === null
  }

  /**
   * The prepared records of one document's text; 'whole' (before any record) when the document is to be parsed
   * whole instead, as {@link JsonFeedReader} decides. Throws when the text cannot be read or the thread fails.
   */
  async *read(name: string, kind: JsonKind | undefined, text: AsyncIterable<string>, problems: Problem[]): AsyncGenerator<PreparedRecord, 'whole' | 'done'> {
    const doc = ++this.#documents
    const pieces = text[Symbol.asyncIterator]()
    // While a document is read, the importer may wait on nothing but the thread's answers: the thread keeps the
    // process alive then, and only then.
    this.worker.ref()
    const answers: Promise<Answer>[] = []
    let open = true
    const sendNext = async () => {
      const next = await pieces.next()
      open = !next.done
      answers.push(this.#ask({ doc, name, kind, piece: next.done ? null : next.value }))
    }
    try {
      while (open && answers.length < PIECES_AHEAD) await sendNext()
      while (answers.length > 0) {
        const answer = await (answers.shift() as Promise<Answer>)
        if (answer.kind === 'failed') throw new Error(answer.message)
        problems.push(...answer.problems)
        if (answer.outcome !== 'more') {
          // Later answers of this document are empty now; they are awaited so that the queue stays in order.
          await Promise.allSettled(answers.splice(0))
          yield* answer.records
          return answer.outcome
        }
        // The next piece goes out before these records are handed on, so the thread reads while the importer writes.
        if (open) await sendNext()
        yield* answer.records
      }
      return 'done'
    } finally {
      await Promise.allSettled(answers)
      if (open) await pieces.return?.()
      this.worker.unref()
    }
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit')
    await this.worker.terminate()
  }

  #ask(request: ReaderRequest): Promise<Answer> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise<Answer>((resolve, reject) => {
      this.#waiting.push({ resolve, reject })
      this.worker.postMessage(request)
    })
  }
}
