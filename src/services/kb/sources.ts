import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, gunzipSync } from 'node:zlib'
import { isNvdApiUrl, openNvdApiPages } from './nvd-api.js'
import { zipEntries } from './zip-entries.js'

/**
 * One document of a source: parsed JSON, or a text file read line by line (EPSS CSV, bundles). A JSON file also
 * gives its size and its text in pieces, so that a large feed can be read record by record (see import-kb.ts).
 */
export type SourceDocument =
  | { readonly kind: 'json'; readonly name: string; read(): Promise<unknown>; readonly size?: number; text?(): AsyncIterable<string> }
  | { readonly kind: 'lines'; readonly name: string; lines(): AsyncIterable<string> }

/** The documents of a location, in a stable order (so that an interrupted import can resume by position). */
export interface SourceListing {
  readonly location: string
  readonly documents: readonly SourceDocument[]
  /** HTTP validators of a downloaded source. */
  readonly etag: string | null
  readonly lastModified: string | null
  /** True when the server answered 304: nothing changed since the last import. */
  readonly notModified: boolean
  /** Removes downloaded temporary files. */
  cleanup(): Promise<void>
}

const isJson = (name: string) => /\.json(\.gz)?$/i.test(name)
const isLines = (name: string) => /\.(csv|jsonl|ndjson)(\.gz)?$/i.test(name)

function parseJson(bytes: Buffer, name: string): unknown {
  const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
}

function fileText(path: string, name: string): AsyncIterable<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 20 })
  const bytes = name.endsWith('.gz') ? stream.pipe(createGunzip()) : stream
  bytes.setEncoding('utf8')
  return bytes as AsyncIterable<string>
}

async function fileDocuments(path: string, name: string): Promise<SourceDocument[]> {
  if (isLines(name)) {
    return [{
      kind: 'lines',
      name,
      lines: () => {
        const stream = createReadStream(path)
        return createInterface({ input: name.endsWith('.gz') ? stream.pipe(createGunzip()) : stream, crlfDelay: Infinity })
      },
    }]
  }
  const { size } = await stat(path)
  return [{ kind: 'json', name, read: async () => parseJson(await readFile(path), name), size, text: () => fileText(path, name) }]
}

async function zipDocuments(path: string, label: string): Promise<SourceDocument[]> {
  const entries = await zipEntries(path)
  return entries
    .filter((e) => isJson(e.name) || isLines(e.name))
    .map((e): SourceDocument => {
      const name = `${label}!${e.name}`
      if (isLines(e.name)) {
        return {
          kind: 'lines',
          name,
          lines: async function* () {
            const bytes = await e.read()
            const text = (e.name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')
            yield* text.split(/\r?\n/)
          },
        }
      }
      return { kind: 'json', name, read: async () => parseJson(await e.read(), e.name) }
    })
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await walk(path)))
    else if (entry.isFile()) out.push(path)
  }
  return out
}

async function pathDocuments(path: string): Promise<SourceDocument[]> {
  const info = await stat(path)
  if (info.isDirectory()) {
    const out: SourceDocument[] = []
    for (const file of await walk(path)) {
      const name = relative(path, file)
      if (/\.zip$/i.test(file)) out.push(...(await zipDocuments(file, join(basename(path), name))))
      else if (isJson(file) || isLines(file)) out.push(...(await fileDocuments(file, join(basename(path), name))))
    }
    return out
  }
  if (/\.zip$/i.test(path)) return zipDocuments(path, basename(path))
  // Named by the file alone, as in a directory or a ZIP: the name becomes the statements' origin, which every tenant
  // sees, and the server's folders are none of their business (the operator sees the whole path in the import list).
  return fileDocuments(path, basename(path))
}

/** Previous HTTP validators of a URL source, sent as If-None-Match / If-Modified-Since. */
export interface Validators {
  readonly etag: string | null
  readonly lastModified: string | null
}

/**
 * Lists the documents of a file, a directory (walked in name order; ZIP, JSON, gzip and CSV files), a ZIP archive,
 * or an HTTP(S) URL downloaded with the previous validators (a 304 gives no documents).
 */
export async function openSource(location: string, previous: Validators = { etag: null, lastModified: null }, fetchImpl: typeof fetch = fetch): Promise<SourceListing> {
  // The NVD API answers a query in pages; lastModified windows are chosen by importNvdApi (nvd-api.ts).
  if (isNvdApiUrl(location)) return openNvdApiPages(location, { fetchImpl })
  if (!/^https?:\/\//i.test(location)) {
    return { location, documents: await pathDocuments(location), etag: null, lastModified: null, notModified: false, cleanup: async () => {} }
  }
  const headers: Record<string, string> = { 'user-agent': 'medsec-kb' }
  if (previous.etag) headers['if-none-match'] = previous.etag
  if (previous.lastModified) headers['if-modified-since'] = previous.lastModified
  const response = await fetchImpl(location, { headers, redirect: 'follow' })
  const etag = response.headers.get('etag') ?? previous.etag
  const lastModified = response.headers.get('last-modified') ?? previous.lastModified
  if (response.status === 304) return { location, documents: [], etag, lastModified, notModified: true, cleanup: async () => {} }
  if (!response.ok || !response.body) throw new Error(`GET ${location} answered ${response.status}`)
  const dir = await mkdtemp(join(tmpdir(), 'medsec-kb-'))
  const urlName = basename(new URL(location).pathname) || 'download.json'
  const type = response.headers.get('content-type') ?? ''
  const name = /\.(json|zip|csv|gz|jsonl)$/i.test(urlName) ? urlName : type.includes('zip') ? `${urlName}.zip` : type.includes('csv') ? `${urlName}.csv` : `${urlName}.json`
  const file = join(dir, name)
  // Written to the file as it arrives: a large feed never sits in memory whole.
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), createWriteStream(file))
  const documents = (await pathDocuments(file)).map((d) => ({ ...d, name: d.name.replace(file, location) }))
  return { location, documents, etag, lastModified, notModified: false, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
