// The reader thread's entry (started by record-reader-thread.ts): turns pieces of a feed's text into prepared
// records, so that parsing, conversion, serialisation and hashing run on another core than the database writes.
import { parentPort } from 'node:worker_threads'
import { JsonFeedReader } from './json-feed-reader.js'
import { prepareRecord } from './prepared-record.js'
import type { ReaderReply, ReaderRequest } from './record-reader-thread.js'

let current: { readonly doc: number; readonly reader: JsonFeedReader } | null = null
const port = parentPort

port?.on('message', (request: ReaderRequest) => {
  let reply: ReaderReply
  try {
    if (current === null || current.doc !== request.doc) current = { doc: request.doc, reader: new JsonFeedReader(request.name, request.kind) }
    const result = request.piece === null ? current.reader.end() : current.reader.push(request.piece)
    reply = { kind: 'records', doc: request.doc, records: result.records.map(prepareRecord), problems: result.problems, outcome: result.outcome }
  } catch (err) {
    reply = { kind: 'failed', doc: request.doc, message: (err as Error).message }
  }
  port.postMessage(reply)
})
port?.postMessage({ kind: 'ready' } satisfies ReaderReply)
