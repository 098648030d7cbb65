import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csafFileName, validateCsaf } from '../../domain/csaf/index.js'
import { openTestDatabase } from '../../../test/support/database.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { fetchCsafProvider, providerMetadataUrl } from './fetch-provider.js'
import { generateSigningKey, signDetached } from './openpgp.js'

const examplesDir = testdataPath('csaf-oasis/csaf_2.0/examples/csaf')

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : []
  })
}

/** The OASIS examples, read in place: the path each is served at, its file and its tracking id. */
const examples = jsonFiles(examplesDir).map((file) => {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { document: { tracking: { id: string; initial_release_date: string } } }
  const year = doc.document.tracking.initial_release_date.slice(0, 4)
  return { file, trackingId: doc.document.tracking.id, path: `/white/${year}/${csafFileName(doc.document.tracking.id)}`, valid: validateCsaf(doc, { level: 'basic' }).valid }
})

// One document is served with a hash file that does not match, one with a signature by another key.
const tamperedHash = examples[0]!.path
const foreignSignature = examples[1]!.path

/** A CSAF provider on 127.0.0.1 built from the OASIS examples: ROLIE, or a directory with index.txt. */
async function startProvider(mode: 'rolie' | 'directory'): Promise<{ server: Server; base: string }> {
  const key = await generateSigningKey('Example provider', 'csaf@provider.example')
  const stranger = await generateSigningKey('Someone else', 'x@else.example')
  const server = createServer((request, response) => {
    void (async () => {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const url = request.url ?? '/'
      const send = (status: number, body: string | Uint8Array, type = 'application/json') => response.writeHead(status, { 'content-type': type }).end(body)
      if (url === '/.well-known/csaf/provider-metadata.json') {
        return send(200, JSON.stringify({
          canonical_url: `${base}/.well-known/csaf/provider-metadata.json`,
          distributions: [mode === 'rolie' ? { rolie: { feeds: [{ summary: 'All', tlp_label: 'WHITE', url: `${base}/feed-tlp-white.json` }, { summary: 'Protected', tlp_label: 'AMBER', url: `${base}/feed-tlp-amber.json` }] } } : { directory_url: `${base}/white/` }],
          last_updated: '2024-01-01T00:00:00.000Z',
          list_on_CSAF_aggregators: true,
          metadata_version: '2.0',
          mirror_on_CSAF_aggregators: true,
          public_openpgp_keys: [{ fingerprint: key.fingerprint, url: `${base}/openpgp/${key.fingerprint}.asc` }],
          publisher: { category: 'coordinator', name: 'OASIS examples', namespace: 'https://docs.oasis-open.org' },
          role: 'csaf_trusted_provider',
        }))
      }
      if (url === `/openpgp/${key.fingerprint}.asc`) return send(200, key.publicKey, 'application/pgp-keys')
      if (url === '/feed-tlp-amber.json') return send(401, '{}')
      if (url === '/feed-tlp-white.json') {
        return send(200, JSON.stringify({ feed: { id: 'examples', title: 'examples', entry: examples.map((e) => ({ id: e.trackingId, title: e.trackingId, link: [{ rel: 'self', href: `${base}${e.path}` }, { rel: 'hash', href: `${base}${e.path}.sha512` }, { rel: 'signature', href: `${base}${e.path}.asc` }], content: { type: 'application/json', src: `${base}${e.path}` } })) } }))
      }
      if (url === '/white/index.txt') return send(200, examples.map((e) => e.path.slice('/white/'.length)).join('\n') + '\n', 'text/plain')
      const match = /^(\/white\/\d{4}\/[^/]+\.json)(\.sha256|\.sha512|\.asc)?$/.exec(url)
      const example = examples.find((e) => e.path === match?.[1])
      if (!match || !example) return send(404, '{}')
      const bytes = readFileSync(example.file)
      if (match[2] === '.sha512' || match[2] === '.sha256') {
        const hash = createHash(match[2].slice(1)).update(example.path === tamperedHash ? Buffer.from('other bytes') : bytes).digest('hex')
        return send(200, `${hash}  ${csafFileName(example.trackingId)}\n`, 'text/plain')
      }
      if (match[2] === '.asc') return send(200, await signDetached(example.path === foreignSignature ? stranger.privateKey : key.privateKey, bytes), 'application/pgp-signature')
      return send(200, bytes)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

describe('csaf fetch against a local provider built from the OASIS examples', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>
  const servers: Server[] = []
  beforeAll(async () => {
    database = await openTestDatabase('pglite')
  })
  afterAll(async () => {
    for (const server of servers) server.close()
    await database.close()
  })

  it('reads 19 examples, all valid (schema and mandatory tests)', () => {
    expect(examples).toHaveLength(19)
    expect(examples.filter((e) => !e.valid).map((e) => e.file)).toEqual([])
  })

  it('follows ROLIE, checks hashes and signatures, rejects the tampered ones and imports the rest into the KB', async () => {
    const { server, base } = await startProvider('rolie')
    servers.push(server)
    const result = await fetchCsafProvider(database.db, base)
    if (!result.ok) throw new Error(result.error.message)
    const report = result.value
    expect(report.distribution).toBe('rolie')
    expect(report.keys).toHaveLength(1)
    expect(report.skippedFeeds).toEqual([{ url: `${base}/feed-tlp-amber.json`, reason: 'HTTP 401' }])
    expect(report.documents).toHaveLength(19)
    const rejected = report.documents.filter((d) => !d.accepted).map((d) => [new URL(d.url).pathname, d.reason])
    expect(rejected).toEqual([
      [tamperedHash, 'hash mismatch'],
      [foreignSignature, 'signature invalid'],
    ])
    expect(report.accepted).toBe(17)
    expect(report.imported?.documents).toBe(17)
    expect(report.imported?.records).toBeGreaterThan(0)
    const statements = await database.db.selectFrom('kb_statements').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', 'csaf').executeTakeFirstOrThrow()
    expect(Number(statements.n)).toBeGreaterThan(0)
  })

  it('falls back to the directory distribution (index.txt) when there is no ROLIE feed', async () => {
    const { server, base } = await startProvider('directory')
    servers.push(server)
    const result = await fetchCsafProvider(database.db, `${base}/.well-known/csaf/provider-metadata.json`, { import: false })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.distribution).toBe('directory')
    expect(result.value.documents).toHaveLength(19)
    expect(result.value.accepted).toBe(17)
    expect(result.value.imported).toBeNull()
  })

  it('resolves domains to the well-known URL and refuses plain http except on loopback', () => {
    expect(providerMetadataUrl('psirt.example.com')).toEqual({ ok: true, value: 'https://psirt.example.com/.well-known/csaf/provider-metadata.json' })
    expect(providerMetadataUrl('http://psirt.example.com').ok).toBe(false)
    expect(providerMetadataUrl('http://127.0.0.1:8080/orgs/acme/.well-known/csaf/provider-metadata.json').ok).toBe(true)
  })
})
