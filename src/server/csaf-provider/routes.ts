import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { openOrganization, principalFromToken, userFromSession } from '../../services/auth/principal.js'
import { myOrganizations } from '../../services/auth/my-organizations.js'
import { anonymousReader, readerFor, type SharingReader } from '../../services/sharing/shared-artifacts.js'
import {
  aggregatorDocument,
  directoryChanges,
  directoryIndex,
  directoryListing,
  providerFile,
  providerMetadata,
  providerPublicKey,
  rolieFeed,
  tlpOfFolder,
} from '../../services/csaf-provider/provider.js'
import type { AdvisoryTlp } from '../../store/tables/advisories.js'
import { replyWith, sendError, sendServiceError } from '../errors.js'
import { baseUrl, sendText } from '../public/http.js'
import { SESSION_COOKIE } from '../request-context.js'

const tags = ['csaf provider']
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) })
const FolderParams = Type.Object({ slug: Type.String({ maxLength: 100 }), tlp: Type.String({ maxLength: 10 }) })
const FileParams = Type.Object({ slug: Type.String({ maxLength: 100 }), tlp: Type.String({ maxLength: 10 }), year: Type.String({ pattern: '^[0-9]{4}$' }), file: Type.String({ maxLength: 250 }) })

/**
 * Who reads a provider: an API token (the organization it belongs to), a session cookie (every organization of the
 * user), or nobody. These routes are outside /api, so they resolve credentials themselves; a bad credential is 401.
 */
async function readersOf(db: Kysely<Database>, request: FastifyRequest): Promise<{ ok: true; readers: SharingReader[] } | { ok: false }> {
  const authorization = request.headers.authorization
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization)
    const token = match ? await principalFromToken(db, match[1]!) : undefined
    if (!token?.ok) return { ok: false }
    const ctx = await openOrganization(db, token.value, token.value.orgId)
    return ctx.ok ? { ok: true, readers: [await readerFor(ctx.value)] } : { ok: false }
  }
  const session = request.cookies[SESSION_COOKIE]
  if (session) {
    const user = await userFromSession(db, session)
    if (!user.ok) return { ok: false }
    const readers: SharingReader[] = []
    for (const org of await myOrganizations(db, user.value.id)) {
      const ctx = await openOrganization(db, user.value, org.id)
      if (ctx.ok) readers.push(await readerFor(ctx.value))
    }
    return { ok: true, readers }
  }
  return { ok: true, readers: [anonymousReader(db)] }
}

function unauthenticated(reply: FastifyReply, message: string): FastifyReply {
  return sendError(reply.header('www-authenticate', 'Bearer realm="medsec CSAF provider"'), 401, 'unauthenticated', message)
}

/**
 * Resolves the TLP folder of a request and its readers: TLP:CLEAR (white) is public; any other folder needs a
 * credential (401 without one), and then shows only what the TLP policy allows the reader's organizations.
 */
async function folderAccess(db: Kysely<Database>, request: FastifyRequest, reply: FastifyReply, folder: string): Promise<{ tlp: AdvisoryTlp; readers: SharingReader[] } | undefined> {
  const tlp = tlpOfFolder(folder)
  if (!tlp) {
    sendError(reply, 404, 'not_found', 'no such TLP folder (white, green, amber, red)')
    return undefined
  }
  const resolved = await readersOf(db, request)
  if (!resolved.ok) {
    unauthenticated(reply, 'the credential is invalid, expired or revoked')
    return undefined
  }
  if (tlp !== 'CLEAR' && resolved.readers.every((r) => r.viewer.kind === 'anonymous')) {
    unauthenticated(reply, `TLP:${tlp} advisories are only for authenticated organizations entitled to them; send an API token`)
    return undefined
  }
  return { tlp, readers: resolved.readers }
}

function sendJson(reply: FastifyReply, body: string | Record<string, unknown>): FastifyReply {
  return reply.header('content-type', 'application/json; charset=utf-8').header('x-content-type-options', 'nosniff').send(typeof body === 'string' ? body : JSON.stringify(body, null, 2))
}

/**
 * The public CSAF 2.0 side of the instance: each manufacturer's provider under /orgs/<slug>/.well-known/csaf/
 * (provider-metadata.json, per-TLP directories with index.txt, changes.csv, documents with .sha256, .sha512 and
 * .asc, ROLIE feeds, the public OpenPGP key), customer HTML and PDF pages, the instance's aggregator.json, and
 * /.well-known/csaf/provider-metadata.json when MEDSEC_CSAF_SINGLE_PUBLISHER names one manufacturer.
 */
export function csafProviderRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/.well-known/csaf-aggregator/aggregator.json', { schema: { tags, summary: "The instance's CSAF lister: every manufacturer's provider" } }, async (request, reply) => {
      const aggregator = await aggregatorDocument(db, baseUrl(request))
      return sendJson(reply, aggregator.document)
    })

    app.get('/.well-known/csaf/provider-metadata.json', { schema: { tags, summary: 'The provider metadata of the single publisher (MEDSEC_CSAF_SINGLE_PUBLISHER)' } }, async (request, reply) => {
      const slug = process.env.MEDSEC_CSAF_SINGLE_PUBLISHER?.trim()
      if (!slug) return sendError(reply, 404, 'not_found', 'this instance hosts several publishers; see /.well-known/csaf-aggregator/aggregator.json')
      const base = baseUrl(request)
      const result = await providerMetadata(db, slug, base, `${base}/.well-known/csaf/provider-metadata.json`)
      return replyWith(reply, result, (value) => sendJson(reply, value.document))
    })

    app.get('/orgs/:slug/.well-known/csaf/provider-metadata.json', { schema: { tags, summary: "A manufacturer's CSAF provider metadata", params: SlugParams } }, async (request, reply) => {
      const result = await providerMetadata(db, request.params.slug, baseUrl(request))
      return replyWith(reply, result, (value) => sendJson(reply, value.document))
    })

    app.get(
      '/orgs/:slug/.well-known/csaf/openpgp/:key',
      { schema: { tags, summary: "A manufacturer's public OpenPGP key (<fingerprint>.asc)", params: Type.Object({ slug: Type.String({ maxLength: 100 }), key: Type.String({ maxLength: 100 }) }) } },
      async (request, reply) => {
        const fingerprint = /^([0-9A-Fa-f]{40,64})\.asc$/.exec(request.params.key)?.[1]
        if (!fingerprint) return sendError(reply, 404, 'not_found', 'no such key')
        const result = await providerPublicKey(db, request.params.slug, fingerprint)
        return replyWith(reply, result, (value) => sendText(reply, value, 'application/pgp-keys; charset=utf-8'))
      },
    )

    app.get(
      '/orgs/:slug/.well-known/csaf/:feed',
      { schema: { tags, summary: 'A ROLIE feed of one TLP folder (feed-tlp-<white|green|amber|red>.json)', params: Type.Object({ slug: Type.String({ maxLength: 100 }), feed: Type.String({ maxLength: 40 }) }) } },
      async (request, reply) => {
        const folder = /^feed-tlp-([a-z]+)\.json$/.exec(request.params.feed)?.[1]
        if (!folder) return sendError(reply, 404, 'not_found', `no route GET ${request.url}`)
        const access = await folderAccess(db, request, reply, folder)
        if (!access) return reply
        const result = await rolieFeed(db, request.params.slug, access.tlp, access.readers, baseUrl(request))
        return replyWith(reply, result, (value) => sendJson(reply, value))
      },
    )

    app.get('/orgs/:slug/.well-known/csaf/:tlp/', { schema: { tags, summary: 'Directory listing of a TLP folder', params: FolderParams } }, async (request, reply) => {
      const access = await folderAccess(db, request, reply, request.params.tlp)
      if (!access) return reply
      const result = await directoryListing(db, request.params.slug, access.tlp, access.readers)
      if (!result.ok) return sendServiceError(reply, result.error)
      const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`)
      const items = ['index.txt', 'changes.csv', ...result.value].map((path) => `<li><a href="${escape(path)}">${escape(path)}</a></li>`).join('')
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Index of ${escape(request.params.tlp)}</title></head><body><h1>Index of ${escape(request.params.tlp)}/</h1><ul>${items}</ul></body></html>`)
    })

    app.get(
      '/orgs/:slug/.well-known/csaf/:tlp/:name',
      { schema: { tags, summary: 'index.txt or changes.csv of a TLP folder', params: Type.Object({ slug: Type.String({ maxLength: 100 }), tlp: Type.String({ maxLength: 10 }), name: Type.String({ maxLength: 20 }) }) } },
      async (request, reply) => {
        const { name } = request.params
        if (name !== 'index.txt' && name !== 'changes.csv') return sendError(reply, 404, 'not_found', `no route GET ${request.url}`)
        const access = await folderAccess(db, request, reply, request.params.tlp)
        if (!access) return reply
        const result = name === 'index.txt'
          ? await directoryIndex(db, request.params.slug, access.tlp, access.readers)
          : await directoryChanges(db, request.params.slug, access.tlp, access.readers)
        return replyWith(reply, result, (value) => sendText(reply, value, name === 'index.txt' ? 'text/plain; charset=utf-8' : 'text/csv; charset=utf-8'))
      },
    )

    app.get('/orgs/:slug/.well-known/csaf/:tlp/:year/:file', { schema: { tags, summary: 'A CSAF document, its .sha256, .sha512 or .asc signature', params: FileParams } }, async (request, reply) => {
      const match = /^([a-z0-9+\-_]+\.json)(\.sha256|\.sha512|\.asc)?$/.exec(request.params.file)
      if (!match) return sendError(reply, 404, 'not_found', 'no such document')
      const access = await folderAccess(db, request, reply, request.params.tlp)
      if (!access) return reply
      const result = await providerFile(db, request.params.slug, access.tlp, request.params.year, match[1]!, access.readers)
      if (!result.ok) return sendServiceError(reply, result.error)
      const file = result.value
      switch (match[2]) {
        case '.sha256':
          return sendText(reply, `${file.sha256}  ${file.filename}\n`)
        case '.sha512':
          return sendText(reply, `${file.sha512}  ${file.filename}\n`)
        case '.asc':
          return sendText(reply, file.signature, 'application/pgp-signature')
        default:
          return sendJson(reply, file.content)
      }
    })

    app.get('/orgs/:slug/advisories/:tlp/:year/:file', { schema: { tags, summary: 'A published advisory for customers: <name>.html or <name>.pdf', params: FileParams } }, async (request, reply) => {
      const match = /^([a-z0-9+\-_]+)\.(html|pdf)$/.exec(request.params.file)
      if (!match) return sendError(reply, 404, 'not_found', 'no such advisory')
      const access = await folderAccess(db, request, reply, request.params.tlp)
      if (!access) return reply
      const filename = `${match[1]}.json`
      const result = await providerFile(db, request.params.slug, access.tlp, request.params.year, filename, access.readers)
      if (!result.ok) return sendServiceError(reply, result.error)
      const doc = JSON.parse(result.value.content) as Record<string, unknown>
      if (match[2] === 'pdf') {
        const { renderAdvisoryPdf } = await import('../../services/advisories/render-pdf.js')
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${match[1]}.pdf"`).send(Buffer.from(await renderAdvisoryPdf(doc)))
      }
      const { renderAdvisoryHtml } = await import('../../services/advisories/render-html.js')
      const base = `${baseUrl(request)}/orgs/${encodeURIComponent(request.params.slug)}`
      const path = `${request.params.tlp}/${request.params.year}`
      return reply.type('text/html; charset=utf-8').send(renderAdvisoryHtml(doc, { json: `${base}/.well-known/csaf/${path}/${filename}`, pdf: `${base}/advisories/${path}/${match[1]}.pdf` }))
    })
  }
}
