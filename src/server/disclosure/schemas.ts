import { Type } from '@fastify/type-provider-typebox'
import { MAX_ATTACHMENTS } from '../../domain/disclosure/index.js'

/** A file sent as JSON: its name and base64 content (the size limit is checked on the decoded bytes). */
export const UploadedFileSchema = Type.Object(
  { filename: Type.String({ minLength: 1, maxLength: 255 }), contentBase64: Type.String({ maxLength: 3_000_000 }) },
  { additionalProperties: false },
)

/** Up to the allowed number of files. */
export const UploadsSchema = Type.Optional(Type.Array(UploadedFileSchema, { maxItems: MAX_ATTACHMENTS }))

/** Request bodies that carry attachments may be this large (three 2 MiB files in base64, plus text). */
export const ATTACHMENT_BODY_LIMIT = 9 * 1024 * 1024

/** A view whose shape is documented by its TypeScript type (src/services/disclosure). */
export const View = (description: string) => Type.Unknown({ description })

/** A case id and an attachment id in the path. */
export const CaseParams = Type.Object({ orgId: Type.String(), caseId: Type.String() })

/** A case and one of its attachments in the path. */
export const AttachmentParams = Type.Object({ orgId: Type.String(), caseId: Type.String(), attachmentId: Type.String() })

/** A message body: plain text (rendered as text, never as HTML). */
export const MessageBody = Type.String({ maxLength: 100_000 })
