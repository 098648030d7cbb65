import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import type { ServiceError } from '../../services/context.js'
import type { Download } from '../../services/sbom/views.js'
import { MAX_SBOM_UPLOAD_BYTES, uploadSbom } from '../../services/sbom/upload-sbom.js'
import { getVersionSboms } from '../../services/sbom/version-sboms.js'
import { listSbomComponents } from '../../services/sbom/list-components.js'
import { sbomQuality } from '../../services/sbom/quality.js'
import { diffSbomRevisions, diffSbomVersions } from '../../services/sbom/diff.js'
import { exportSbom, sbomExportFormats, type SbomExportFormat } from '../../services/sbom/export-sbom.js'
import { downloadSbomOriginal } from '../../services/sbom/download-original.js'
import { editComponentSupport } from '../../services/sbom/edit-component-support.js'
import { errorResponses, replyWith, sendError, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams, TlpSchema, Uuid } from '../schemas.js'
import { ComponentPageSchema, ComponentQuerySchema, ComponentSchema, DiffSchema, QualitySchema, SupportEditBody, UploadedSchema, UploadJsonBody, VersionSbomsSchema } from './schemas.js'

const VersionParams = Type.Object({ orgId: Type.String(), versionId: Uuid })
const RevisionParams = Type.Object({ orgId: Type.String(), revisionId: Uuid })
const ComponentParams = Type.Object({ orgId: Type.String(), revisionId: Uuid, componentId: Uuid })
const fileResponses = { ...errorResponses, 413: Type.Ref('ErrorBody') }

// Media types accepted as a raw upload body (the SBOM file itself); application/json is the base64 envelope.
const RAW_UPLOAD_TYPES = [
  'application/octet-stream',
  'application/vnd.cyclonedx+json',
  'application/vnd.cyclonedx+xml',
  'application/spdx+json',
  'application/ld+json',
  'application/xml',
  'text/xml',
  'text/spdx',
  'text/plain',
]
// Base64 grows a file by a third; the envelope gets that much room plus a little for its other fields.
const JSON_UPLOAD_LIMIT = Math.ceil((MAX_SBOM_UPLOAD_BYTES * 4) / 3) + 64 * 1024

function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength))
}

// An unreadable file answers with the parser's own code (sbom_json_malformed, sbom_schema_invalid...), 413 when too large.
function sendUploadError(reply: FastifyReply, error: ServiceError): FastifyReply {
  const details = error.details as { fileCode?: unknown; problem?: unknown } | undefined
  if (error.code !== 'validation_failed' || typeof details?.fileCode !== 'string') return sendServiceError(reply, error)
  return sendError(reply, details.fileCode === 'sbom_too_large' ? 413 : 400, details.fileCode, error.message, details.problem)
}

function decodeBase64(text: string): Uint8Array | undefined {
  const payload = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '')
  if (payload.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) return undefined
  return Buffer.from(payload, payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64')
}

/** SBOMs of product versions: upload (revisions), component table, FDA field edits, quality report, diffs and exports. */
export function sbomRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The upload route lives in its own scope, so that its raw-body parsers and its size error apply to it alone.
    await app.register(async (scope) => {
      scope.addContentTypeParser(RAW_UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_SBOM_UPLOAD_BYTES }, (_request, body, done) => done(null, body))
      scope.setErrorHandler((error: FastifyError, _request, reply) => {
        if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'sbom_too_large', `the SBOM is larger than the limit of ${MAX_SBOM_UPLOAD_BYTES} bytes`)
        throw error
      })
      scope.post(
        '/api/orgs/:orgId/product-versions/:versionId/sboms',
        {
          preHandler: withOrg(db),
          bodyLimit: JSON_UPLOAD_LIMIT,
          schema: {
            tags: ['sbom'],
            summary: 'Upload an SBOM to a product version as its next revision (CycloneDX 1.2-1.6 JSON/XML, SPDX 2.2/2.3 JSON or tag-value, SPDX 3.0; 50 MB)',
            description:
              'Send `application/json` `{"filename","contentBase64","tlp"?}`, or the file itself as ' +
              `${RAW_UPLOAD_TYPES.join(', ')} with its name in ?filename=. A file that cannot be read answers 400 with the parser's code ` +
              '(sbom_json_malformed, sbom_binary_content, sbom_unknown_format, sbom_unsupported_spec_version, sbom_schema_invalid, ...) and nothing is stored; ' +
              'a file above 50 MB answers 413 sbom_too_large.',
            params: VersionParams,
            querystring: Type.Object({ filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), tlp: Type.Optional(TlpSchema) }),
            // Only the JSON envelope is validated here; a raw body is the file itself, checked by the parser.
            body: { content: { 'application/json': { schema: UploadJsonBody } } },
            response: { 201: UploadedSchema, ...fileResponses },
          },
        },
        async (request, reply) => {
          const body = request.body as unknown
          const query = request.query as { filename?: string; tlp?: 'AMBER' }
          const { versionId } = request.params as { versionId: string }
          // A request without a body is validated by no schema (only the JSON envelope has one).
          if (body === undefined || body === null) return sendError(reply, 400, 'sbom_file_missing', 'send the SBOM: a JSON body {"filename","contentBase64"} or the file itself')
          let input
          if (Buffer.isBuffer(body)) {
            if (!query.filename) return sendError(reply, 400, 'sbom_filename_missing', 'a raw upload needs ?filename= (e.g. bom.cdx.json)')
            const mediaType = request.headers['content-type'] ?? null
            input = { versionId, bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), filename: query.filename, mediaType, ...(query.tlp ? { tlp: query.tlp } : {}) }
          } else {
            const json = body as { filename: string; contentBase64: string; tlp?: 'AMBER' }
            const bytes = decodeBase64(json.contentBase64)
            if (!bytes) return sendError(reply, 400, 'invalid_base64', 'contentBase64 is not valid base64')
            const tlp = json.tlp ?? query.tlp
            input = { versionId, bytes, filename: json.filename, mediaType: null, ...(tlp ? { tlp } : {}) }
          }
          const result = await uploadSbom(orgOf(request), input)
          return result.ok ? reply.status(201).send(result.value) : sendUploadError(reply, result.error)
        },
      )
    })

    app.get(
      '/api/orgs/:orgId/product-versions/:versionId/sboms',
      { preHandler: withOrg(db), schema: { tags: ['sbom'], summary: "A product version with its SBOM revisions (newest first) and the product's other versions", params: VersionParams, response: { 200: VersionSbomsSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getVersionSboms(orgOf(request), request.params.versionId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/sboms/:revisionId/components',
      {
        preHandler: withOrg(db),
        schema: { tags: ['sbom'], summary: "A revision's components: search, filter by type or support level ('none' for missing), sort, page", params: RevisionParams, querystring: ComponentQuerySchema, response: { 200: ComponentPageSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const { q, ...rest } = request.query
        const result = await listSbomComponents(orgOf(request), request.params.revisionId, { ...rest, ...(q === undefined ? {} : { search: q }) })
        return replyWith(reply, result)
      },
    )

    app.patch(
      '/api/orgs/:orgId/sboms/:revisionId/components/:componentId',
      {
        preHandler: withOrg(db),
        schema: { tags: ['sbom'], summary: "Edit a component's FDA level of support and end-of-support date (null clears; audited)", params: ComponentParams, body: SupportEditBody, response: { 200: ComponentSchema, ...errorResponses } },
      },
      async (request, reply) => {
        const result = await editComponentSupport(orgOf(request), request.params.revisionId, request.params.componentId, request.body)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/sboms/:revisionId/quality',
      { preHandler: withOrg(db), schema: { tags: ['sbom'], summary: 'The NTIA/FDA quality report of a revision (score, gaps)', params: RevisionParams, response: { 200: QualitySchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await sbomQuality(orgOf(request), request.params.revisionId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/sboms/:revisionId/export',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['sbom'],
          summary: 'Download a revision (with its FDA edits) as CycloneDX 1.6 JSON/XML, SPDX 2.3 JSON, or the FDA premarket table (CSV, XLSX)',
          params: RevisionParams,
          querystring: Type.Object({ format: Type.Optional(Type.Unsafe<SbomExportFormat>({ type: 'string', enum: [...sbomExportFormats], description: 'default cyclonedx-json' })) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const result = await exportSbom(orgOf(request), request.params.revisionId, request.query.format ?? 'cyclonedx-json')
        return replyWith(reply, result, (value) => sendDownload(reply, value))
      },
    )

    app.get(
      '/api/orgs/:orgId/sboms/:revisionId/original',
      { preHandler: withOrg(db), schema: { tags: ['sbom'], summary: 'Download the uploaded file exactly as received (SHA-256 in x-content-sha256)', params: RevisionParams, response: errorResponses } },
      async (request, reply) => {
        const result = await downloadSbomOriginal(orgOf(request), request.params.revisionId)
        return replyWith(reply, result, (value) => sendDownload(reply.header('x-content-sha256', value.sha256), value))
      },
    )

    app.get(
      '/api/orgs/:orgId/sboms/diff',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['sbom'],
          summary: 'Added, removed and changed components between two revisions (from, to) or the latest SBOMs of two versions (fromVersion, toVersion)',
          params: OrgParams,
          querystring: Type.Object({ from: Type.Optional(Uuid), to: Type.Optional(Uuid), fromVersion: Type.Optional(Uuid), toVersion: Type.Optional(Uuid) }),
          response: { 200: DiffSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { from, to, fromVersion, toVersion } = request.query
        const ctx = orgOf(request)
        const result =
          from && to ? await diffSbomRevisions(ctx, from, to) : fromVersion && toVersion ? await diffSbomVersions(ctx, fromVersion, toVersion) : undefined
        if (!result) return sendError(reply, 400, 'validation_failed', 'give from and to (revision ids) or fromVersion and toVersion (product version ids)')
        return replyWith(reply, result)
      },
    )
  }
}
