import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import { csafFileName, validateCsaf, type CsafFinding } from '../../domain/csaf/index.js'
import { fail, ok, problem, type Result } from '../../domain/result.js'
import type { Database } from '../../store/schema.js'
import { importKb, type ImportCounts } from '../kb/import-kb.js'
import { digest } from '../advisories/common.js'
import { fingerprintOf, verifyDetached } from './openpgp.js'
import { validateProviderMetadata } from './schema-validation.js'

/** What was checked for one fetched document. */
export interface FetchedDocument {
  readonly url: string
  readonly trackingId: string | null
  readonly hash: 'ok' | 'mismatch' | 'missing'
  readonly signature: 'ok' | 'invalid' | 'missing'
  readonly valid: boolean
  readonly errors: readonly CsafFinding[]
  /** Accepted documents passed every check and are imported. */
  readonly accepted: boolean
  readonly reason?: string
}

/** The outcome of fetching a provider. */
export interface FetchReport {
  readonly providerMetadataUrl: string
  readonly publisher: string
  readonly distribution: 'rolie' | 'directory'
  readonly keys: readonly string[]
  readonly skippedFeeds: readonly { url: string; reason: string }[]
  readonly documents: readonly FetchedDocument[]
  readonly accepted: number
  readonly rejected: number
  readonly imported: ImportCounts | null
}

/** Options of a fetch. */
export interface FetchOptions {
  readonly fetchImpl?: typeof fetch
  /** Send this bearer token (for TLP:GREEN/AMBER/RED feeds of a medsec provider). */
  readonly token?: string
  /** Import accepted documents into the knowledge base (default true). */
  readonly import?: boolean
  readonly limit?: number
}

const loopback = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The provider-metadata.json URL of an argument: a URL ending in .json as given, a domain as
 * https://<domain>/.well-known/csaf/provider-metadata.json. CSAF requires TLS; plain http is accepted for loopback only.
 */
export function providerMetadataUrl(target: string): Result<string> {
  const withScheme = /^[a-z]+:\/\//i.test(target) ? target : `https://${target}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return fail(problem('csaf_fetch_bad_url', `not a URL or domain: ${target}`))
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback.has(url.hostname))) return fail(problem('csaf_fetch_insecure', 'CSAF providers are fetched over https (http only on loopback)'))
  if (!url.pathname.endsWith('.json')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/.well-known/csaf/provider-metadata.json`
  return ok(url.toString())
}

type Json = Record<string, unknown>

/**
 * Fetches a CSAF provider: reads provider-metadata.json (schema-checked), its public OpenPGP keys (fingerprints
 * checked), then the ROLIE feeds (preferred) or the directory's index.txt; for each document checks the SHA-512 or
 * SHA-256 file, the detached signature, the file name (§5.1) and validity (schema and mandatory tests). Documents
 * that pass every check are imported into the knowledge base (src/services/kb) so their product identities match SBOMs.
 */
export async function fetchCsafProvider(db: Kysely<Database>, target: string, options: FetchOptions = {}): Promise<Result<FetchReport>> {
  const fetchImpl = options.fetchImpl ?? fetch
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {}
  const metadataUrl = providerMetadataUrl(target)
  if (!metadataUrl.ok) return metadataUrl
  const get = async (url: string): Promise<{ status: number; bytes: Uint8Array }> => {
    const response = await fetchImpl(url, { headers, redirect: 'error' })
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) }
  }
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

  let metadata: Json
  try {
    const got = await get(metadataUrl.value)
    if (got.status !== 200) return fail(problem('csaf_fetch_metadata_missing', `${metadataUrl.value}: HTTP ${got.status}`))
    metadata = JSON.parse(text(got.bytes)) as Json
  } catch (err) {
    return fail(problem('csaf_fetch_metadata_unreadable', `${metadataUrl.value}: ${(err as Error).message}`))
  }
  const schemaErrors = validateProviderMetadata(metadata)
  if (schemaErrors.length > 0) return fail(problem('csaf_fetch_metadata_invalid', `provider-metadata.json is not valid: ${schemaErrors.map((e) => `${e.path} ${e.message}`).join('; ')}`, schemaErrors))

  const keys: string[] = []
  for (const key of (metadata.public_openpgp_keys as { fingerprint?: string; url: string }[] | undefined) ?? []) {
    const got = await get(key.url).catch(() => undefined)
    if (got?.status !== 200) continue
    const armored = text(got.bytes)
    const fingerprint = await fingerprintOf(armored)
    if (fingerprint && (!key.fingerprint || key.fingerprint.toUpperCase() === fingerprint)) keys.push(armored)
  }

  const distributions = metadata.distributions as { directory_url?: string; rolie?: { feeds: { url: string }[] } }[]
  const feeds = distributions.flatMap((d) => d.rolie?.feeds ?? [])
  const skippedFeeds: { url: string; reason: string }[] = []
  const entries: { url: string; hashUrls: string[]; signatureUrl: string }[] = []
  if (feeds.length > 0) {
    for (const feed of feeds) {
      const got = await get(feed.url).catch((err: Error) => ({ status: 0, bytes: new TextEncoder().encode(err.message) }))
      if (got.status !== 200) {
        skippedFeeds.push({ url: feed.url, reason: got.status === 0 ? text(got.bytes) : `HTTP ${got.status}` })
        continue
      }
      const parsed = JSON.parse(text(got.bytes)) as { feed?: { entry?: { content?: { src?: string }; link?: { rel: string; href: string }[] }[] } }
      for (const entry of parsed.feed?.entry ?? []) {
        const links = entry.link ?? []
        const url = entry.content?.src ?? links.find((l) => l.rel === 'self')?.href
        if (!url) continue
        const hashUrls = links.filter((l) => l.rel === 'hash').map((l) => l.href)
        entries.push({ url, hashUrls: hashUrls.length > 0 ? hashUrls : [`${url}.sha512`, `${url}.sha256`], signatureUrl: links.find((l) => l.rel === 'signature')?.href ?? `${url}.asc` })
      }
    }
  } else {
    for (const directory of distributions.flatMap((d) => (d.directory_url ? [d.directory_url.replace(/\/?$/, '/')] : []))) {
      const got = await get(`${directory}index.txt`).catch(() => undefined)
      if (got?.status !== 200) {
        skippedFeeds.push({ url: `${directory}index.txt`, reason: got ? `HTTP ${got.status}` : 'unreachable' })
        continue
      }
      for (const line of text(got.bytes).split('\n').map((l) => l.trim()).filter(Boolean)) {
        const url = new URL(line, directory).toString()
        entries.push({ url, hashUrls: [`${url}.sha512`, `${url}.sha256`], signatureUrl: `${url}.asc` })
      }
    }
  }

  const documents: FetchedDocument[] = []
  const accepted: { name: string; bytes: Uint8Array }[] = []
  for (const entry of entries.slice(0, options.limit ?? entries.length)) {
    documents.push(await checkDocument(entry, get, keys, accepted))
  }

  let imported: ImportCounts | null = null
  if (options.import !== false && accepted.length > 0) {
    // The KB importer reads a folder of feed files; the verified documents are handed to it through a private one.
    const folder = await mkdtemp(join(tmpdir(), 'medsec-csaf-fetch-'))
    try {
      for (const [i, doc] of accepted.entries()) await writeFile(join(folder, `${String(i).padStart(5, '0')}-${doc.name}`), doc.bytes)
      const result = await importKb(db, folder, { kind: 'csaf' })
      if (!result.ok) return result
      imported = result.value
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
  const publisher = (metadata.publisher as { name?: string } | undefined)?.name ?? ''
  const acceptedCount = documents.filter((d) => d.accepted).length
  return ok({
    providerMetadataUrl: metadataUrl.value,
    publisher,
    distribution: feeds.length > 0 ? 'rolie' : 'directory',
    keys: await Promise.all(keys.map(async (k) => (await fingerprintOf(k)) ?? '')),
    skippedFeeds,
    documents,
    accepted: acceptedCount,
    rejected: documents.length - acceptedCount,
    imported,
  })
}

async function checkDocument(
  entry: { url: string; hashUrls: string[]; signatureUrl: string },
  get: (url: string) => Promise<{ status: number; bytes: Uint8Array }>,
  keys: readonly string[],
  accepted: { name: string; bytes: Uint8Array }[],
): Promise<FetchedDocument> {
  const rejected = (reason: string, partial: Partial<FetchedDocument> = {}): FetchedDocument => ({
    url: entry.url, trackingId: null, hash: 'missing', signature: 'missing', valid: false, errors: [], accepted: false, reason, ...partial,
  })
  const got = await get(entry.url).catch(() => undefined)
  if (got?.status !== 200) return rejected(got ? `HTTP ${got.status}` : 'unreachable')
  const bytes = got.bytes

  let hash: FetchedDocument['hash'] = 'missing'
  for (const hashUrl of entry.hashUrls) {
    const algorithm = hashUrl.endsWith('.sha512') ? 'sha512' : hashUrl.endsWith('.sha256') ? 'sha256' : undefined
    if (!algorithm) continue
    const file = await get(hashUrl).catch(() => undefined)
    if (file?.status !== 200) continue
    const expected = new TextDecoder().decode(file.bytes).trim().split(/\s+/)[0]?.toLowerCase()
    hash = expected === digest(algorithm, bytes) ? 'ok' : 'mismatch'
    if (hash === 'mismatch') break
  }
  const signatureFile = await get(entry.signatureUrl).catch(() => undefined)
  const signature: FetchedDocument['signature'] = signatureFile?.status !== 200 ? 'missing' : (await verifyDetached(keys, bytes, new TextDecoder().decode(signatureFile.bytes))) ? 'ok' : 'invalid'

  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return rejected('not JSON', { hash, signature })
  }
  const trackingId = (doc as { document?: { tracking?: { id?: unknown } } }).document?.tracking?.id
  const report = validateCsaf(doc, { level: 'basic' })
  const name = typeof trackingId === 'string' ? csafFileName(trackingId) : null
  const checks = { trackingId: typeof trackingId === 'string' ? trackingId : null, hash, signature, valid: report.valid, errors: report.errors }
  const reason =
    hash !== 'ok' ? `hash ${hash}` :
    signature !== 'ok' ? `signature ${signature}` :
    !report.valid ? `invalid CSAF (${report.errors.length} errors)` :
    name === null || !decodeURIComponent(new URL(entry.url).pathname).endsWith(`/${name}`) ? `file name does not follow §5.1 (expected ${name ?? 'a tracking id'})` :
    undefined
  if (reason) return { url: entry.url, ...checks, accepted: false, reason }
  accepted.push({ name: name!, bytes })
  return { url: entry.url, ...checks, accepted: true }
}
