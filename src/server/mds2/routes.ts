import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import type { ServiceError } from '../../services/context.js'
import type { Download } from '../../services/mds2/views.js'
import { listMds2Documents } from '../../services/mds2/list-documents.js'
import { getMds2Document } from '../../services/mds2/get-document.js'
import { saveMds2Revision } from '../../services/mds2/save-revision.js'
import { suggestMds2FromSbom } from '../../services/mds2/suggest-from-sbom.js'
import { listMds2Revisions } from '../../services/mds2/list-revisions.js'
import { diffMds2Revisions } from '../../services/mds2/diff-revisions.js'
import { diffMds2Versions } from '../../services/mds2/diff-versions.js'
import { exportMds2Document } from '../../services/mds2/export-document.js'
import { MAX_UPLOAD_BYTES, uploadMds2File, type UploadMds2Input } from '../../services/mds2/upload-file.js'
import { listMds2Uploads } from '../../services/mds2/list-uploads.js'
import { getMds2Upload } from '../../services/mds2/get-upload.js'
import { downloadMds2Upload } from '../../services/mds2/download-upload.js'
import { removeMds2Upload } from '../../services/mds2/remove-upload.js'
import { getDefaultMds2Profile, getMds2Profile } from '../../services/mds2/get-profile.js'
import { saveMds2Profile } from '../../services/mds2/save-profile.js'
import { compareMds2 } from '../../services/mds2/compare.js'
import { exportMds2Comparison } from '../../services/mds2/export-comparison.js'
import { errorResponses, replyWith, sendError, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams, TlpSchema, Uuid } from '../schemas.js'
import {
  CompareBody, ComparisonViewSchema, DocumentViewSchema, Mds2DocumentBody, ProfileBody, ProfileViewSchema, RevisionDiffSchema,
  RevisionSchema, UploadedSchema, UploadJsonBody, UploadMetaSchema, UploadViewSchema, VersionDiffSchema, VersionListingSchema,
} from './schemas.js'

const VersionParams = Type.Object({ orgId: Type.String(), versionId: Uuid })
const UploadParams = Type.Object({ orgId: Type.String(), uploadId: Uuid })
const Revision = Type.Integer({ minimum: 1, maximum: 1_000_000 })
const UploadQuery = Type.Object({
  filename: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  vendorName: Type.Optional(Type.String({ maxLength: 200 })),
  modelName: Type.Optional(Type.String({ maxLength: 200 })),
  tlp: Type.Optional(TlpSchema),
})
const fileResponses = { ...errorResponses, 413: Type.Ref('ErrorBody') }

// Media types accepted as a raw upload body (the file itself); JSON bodies carry the file as base64.
const RAW_UPLOAD_TYPES = [
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'text/csv',
]
// Base64 grows a file by a third; the JSON envelope gets that much room plus a little for its other fields.
const JSON_UPLOAD_LIMIT = Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) + 64 * 1024
const DOCUMENT_BODY_LIMIT = 5 * 1024 * 1024

function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength))
}

// An unreadable file answers with the reader's own code (xlsx_zip_bomb, mds2_json_schema, ...), 413 when too large.
function sendUploadError(reply: FastifyReply, error: ServiceError): FastifyReply {
  const fileCode = (error.details as { fileCode?: unknown } | undefined)?.fileCode
  if (error.code !== 'validation_failed' || typeof fileCode !== 'string') return sendServiceError(reply, error)
  return sendError(reply, fileCode === 'mds2_file_too_large' ? 413 : 400, fileCode, error.message)
}

function decodeBase64(text: string): Uint8Array | undefined {
  const payload = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '')
  if (payload.length % 4 === 1 || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) return undefined
  return Buffer.from(payload, payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64')
}

/** MDS2: manufacturers' documents with revisions and diffs; uploaded vendor files, requirement profiles and comparisons. */
export function mds2Routes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/mds2/documents',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: 'Product versions with the state of their MDS2', params: OrgParams, response: { 200: Type.Array(VersionListingSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listMds2Documents(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/versions/:versionId',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['mds2'],
          summary: 'The MDS2 of a product version (current or a given revision), with issues and completeness',
          params: VersionParams,
          querystring: Type.Object({ revision: Type.Optional(Revision) }),
          response: { 200: DocumentViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await getMds2Document(orgOf(request), request.params.versionId, request.query.revision)
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/mds2/versions/:versionId',
      {
        preHandler: withOrg(db),
        bodyLimit: DOCUMENT_BODY_LIMIT,
        schema: {
          tags: ['mds2'],
          summary: 'Save the MDS2 of a product version as a new revision (manufacturers; analysts and admins)',
          params: VersionParams,
          body: Type.Object({
            document: Mds2DocumentBody,
            note: Type.Optional(Type.String({ maxLength: 2000 })),
            tlp: Type.Optional(TlpSchema),
            baseRevision: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'the revision edited; a later save by someone else answers 409' })),
          }),
          response: { 200: DocumentViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const { document, note, tlp, baseRevision } = request.body
        const result = await saveMds2Revision(orgOf(request), request.params.versionId, { document, note: note ?? null, ...(tlp ? { tlp } : {}), baseRevision: baseRevision ?? null })
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/versions/:versionId/suggestions',
      {
        preHandler: withOrg(db),
        schema: { tags: ['mds2'], summary: "Answers the version's latest SBOM suggests, each with its reason (never applied by the server)", params: VersionParams, response: { 200: Type.Unknown({ description: 'Mds2Suggestions' }), ...errorResponses } },
      },
      async (request, reply) => {
        const result = await suggestMds2FromSbom(orgOf(request), request.params.versionId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/versions/:versionId/revisions',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: 'Saved revisions, newest first', params: VersionParams, response: { 200: Type.Array(RevisionSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listMds2Revisions(orgOf(request), request.params.versionId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/versions/:versionId/diff',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['mds2'],
          summary: 'Changes between two revisions (default: the current one and the one before)',
          params: VersionParams,
          querystring: Type.Object({ from: Type.Optional(Revision), to: Type.Optional(Revision) }),
          response: { 200: RevisionDiffSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await diffMds2Revisions(orgOf(request), request.params.versionId, request.query.from, request.query.to)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/diff/:beforeVersionId/:afterVersionId',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['mds2'],
          summary: 'Changes between the current MDS2 of two product versions',
          params: Type.Object({ orgId: Type.String(), beforeVersionId: Uuid, afterVersionId: Uuid }),
          response: { 200: VersionDiffSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await diffMds2Versions(orgOf(request), request.params.beforeVersionId, request.params.afterVersionId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/versions/:versionId/export',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['mds2'],
          summary: 'Download the MDS2 as XLSX (NEMA-like layout), CSV, JSON or PDF',
          params: VersionParams,
          querystring: Type.Object({ format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv'), Type.Literal('json'), Type.Literal('pdf')], { default: 'xlsx' }), revision: Type.Optional(Revision) }),
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const result = await exportMds2Document(orgOf(request), request.params.versionId, request.query.format, request.query.revision)
        return replyWith(reply, result, (value) => sendDownload(reply, value))
      },
    )

    // The upload route lives in its own scope, so that its raw-body parsers apply to it alone.
    await app.register(async (scope) => {
      // The route's bodyLimit bounds what is read; the service then holds the file itself to exactly 10 MB.
      scope.addContentTypeParser(RAW_UPLOAD_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body))
      scope.post(
        '/api/orgs/:orgId/mds2/uploads',
        {
          preHandler: withOrg(db),
          bodyLimit: JSON_UPLOAD_LIMIT,
          schema: {
            tags: ['mds2'],
            summary: "Upload a vendor's MDS2 file (.xlsx, .csv, .json; 10 MB): JSON with base64 content, or the raw file with ?filename=",
            description:
              'Send `application/json` `{"filename","contentBase64","vendorName"?,"modelName"?,"tlp"?}`, or the file itself as ' +
              `${RAW_UPLOAD_TYPES.join(', ')} with the name in ?filename=. An unreadable file answers 400 with the reader's code ` +
              '(xlsx_not_zip, xlsx_zip_bomb, xlsx_legacy_xls, mds2_json_invalid, mds2_json_schema, mds2_no_questions_found, ...).',
            params: OrgParams,
            querystring: UploadQuery,
            body: {
              content: {
                'application/json': { schema: UploadJsonBody },
                ...Object.fromEntries(RAW_UPLOAD_TYPES.map((type) => [type, { schema: { description: 'the file itself (binary)' } }])),
              },
            },
            response: { 201: UploadedSchema, ...fileResponses },
          },
        },
        async (request, reply) => {
          // The body schema is chosen by content type, which the type provider cannot follow: the body is a Buffer or the JSON form.
          const body = request.body as Buffer | Static<typeof UploadJsonBody>
          const query = request.query as Static<typeof UploadQuery>
          let input: UploadMds2Input
          if (typeof body !== 'object' || body === null) return sendError(reply, 400, 'mds2_file_missing', 'send the file as JSON {"filename","contentBase64"} or as the raw body with ?filename=')
          if (Buffer.isBuffer(body)) {
            if (!query.filename) return sendError(reply, 400, 'mds2_filename_missing', 'a raw upload needs ?filename= (e.g. vendor-mds2.xlsx)')
            input = { bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength), filename: query.filename, mediaType: request.headers['content-type'] ?? null, vendorName: query.vendorName ?? null, modelName: query.modelName ?? null, ...(query.tlp ? { tlp: query.tlp } : {}) }
          } else {
            const bytes = decodeBase64(body.contentBase64)
            if (!bytes) return sendError(reply, 400, 'invalid_base64', 'contentBase64 is not valid base64')
            const tlp = body.tlp ?? query.tlp
            input = { bytes, filename: body.filename, mediaType: null, vendorName: body.vendorName ?? query.vendorName ?? null, modelName: body.modelName ?? query.modelName ?? null, ...(tlp ? { tlp } : {}) }
          }
          const result = await uploadMds2File(orgOf(request), input)
          return result.ok ? reply.status(201).send(result.value) : sendUploadError(reply, result.error)
        },
      )
    })

    app.get(
      '/api/orgs/:orgId/mds2/uploads',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: "Uploaded vendors' MDS2 files, newest first", params: OrgParams, response: { 200: Type.Array(UploadMetaSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listMds2Uploads(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/uploads/:uploadId',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: 'One upload: the parsed document, what was not mapped, issues and completeness', params: UploadParams, response: { 200: UploadViewSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getMds2Upload(orgOf(request), request.params.uploadId)
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/uploads/:uploadId/original',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: 'The uploaded file exactly as received (its SHA-256 in x-content-sha256)', params: UploadParams, response: errorResponses } },
      async (request, reply) => {
        const result = await downloadMds2Upload(orgOf(request), request.params.uploadId)
        return replyWith(reply, result, (value) => sendDownload(reply.header('x-content-sha256', value.sha256), value))
      },
    )

    app.delete(
      '/api/orgs/:orgId/mds2/uploads/:uploadId',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: 'Remove an upload from lists and comparisons (the original stays stored)', params: UploadParams, response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        const result = await removeMds2Upload(orgOf(request), request.params.uploadId)
        return replyWith(reply, result, () => reply.status(204).send(null))
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/profile',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: "The organization's requirement profile (the default until saved)", params: OrgParams, response: { 200: ProfileViewSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getMds2Profile(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/mds2/profile/default',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: 'The shipped default requirement profile', params: OrgParams, response: { 200: Type.Unknown(), ...errorResponses } } },
      async (request, reply) => {
        const result = await getDefaultMds2Profile(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.put(
      '/api/orgs/:orgId/mds2/profile',
      { preHandler: withOrg(db), schema: { tags: ['mds2'], summary: "Save the organization's requirement profile (analysts and admins)", params: OrgParams, body: ProfileBody, response: { 200: ProfileViewSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await saveMds2Profile(orgOf(request), request.body)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/mds2/comparisons',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['mds2'],
          summary: 'Procurement comparison: MDS2 (uploads or own documents) against a profile, per requirement met/unmet/unknown, scores',
          params: OrgParams,
          body: CompareBody,
          response: { 200: ComparisonViewSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await compareMds2(orgOf(request), request.body)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/mds2/comparisons/export',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['mds2'],
          summary: 'Download a procurement comparison as XLSX, PDF or JSON',
          params: OrgParams,
          querystring: Type.Object({ format: Type.Union([Type.Literal('xlsx'), Type.Literal('pdf'), Type.Literal('json')], { default: 'xlsx' }) }),
          body: CompareBody,
          response: errorResponses,
        },
      },
      async (request, reply) => {
        const result = await exportMds2Comparison(orgOf(request), request.body, request.query.format)
        return replyWith(reply, result, (value) => sendDownload(reply, value))
      },
    )
  }
}
