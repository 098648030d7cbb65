import { Type } from '@fastify/type-provider-typebox'
import { mds2DocumentSchema, requirementProfileSchema } from '../../domain/mds2/index.js'
import { NullableTimestamp, Timestamp, TlpSchema } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])

// The domain's JSON schemas, without the keywords that name them as standalone documents.
const { $schema: _documentDialect, $id: _documentId, ...documentSchema } = mds2DocumentSchema
const { $schema: _profileDialect, $id: _profileId, ...profileSchema } = requirementProfileSchema

/** An MDS2 document (header and answers), as the domain's JSON schema describes it. */
export const Mds2DocumentBody = Type.Unsafe<unknown>(documentSchema)

/** A requirement profile, as the domain's JSON schema describes it. */
export const ProfileBody = Type.Unsafe<unknown>(profileSchema)

/** A product version with the product's name. */
export const ProductVersionSchema = Type.Object({ id: Type.String(), productId: Type.String(), productName: Type.String(), version: Type.String(), tlp: TlpSchema })

/** One product version in the MDS2 list. */
export const VersionListingSchema = Type.Object({
  id: Type.String(),
  productId: Type.String(),
  productName: Type.String(),
  version: Type.String(),
  tlp: TlpSchema,
  documentId: NullableString,
  currentRevision: NullableInteger,
  completenessPercent: NullableInteger,
  documentTlp: Type.Union([TlpSchema, Type.Null()]),
  updatedAt: NullableTimestamp,
})

const IssueSchema = Type.Object({
  code: Type.String(),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  message: Type.String(),
  questionId: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
})

const CompletenessSchema = Type.Object({
  headerFilled: Type.Integer(),
  headerTotal: Type.Integer(),
  missingHeader: Type.Array(Type.String()),
  answered: Type.Integer(),
  total: Type.Integer(),
  percent: Type.Integer(),
  complete: Type.Boolean(),
  sections: Type.Array(Type.Object({ section: Type.String(), title: Type.String(), total: Type.Integer(), answered: Type.Integer(), missing: Type.Array(Type.String()) })),
})

/** A manufacturer's MDS2 of one product version, with issues and completeness. */
export const DocumentViewSchema = Type.Object({
  productVersion: ProductVersionSchema,
  documentId: NullableString,
  revision: NullableInteger,
  currentRevision: NullableInteger,
  tlp: TlpSchema,
  document: Type.Unknown(),
  issues: Type.Array(IssueSchema),
  completeness: CompletenessSchema,
  savedAt: NullableTimestamp,
  savedBy: NullableString,
  note: NullableString,
})

/** A saved revision's metadata. */
export const RevisionSchema = Type.Object({
  revision: Type.Integer(),
  note: NullableString,
  completenessPercent: Type.Integer(),
  createdBy: NullableString,
  createdByLabel: Type.String(),
  createdAt: Timestamp,
})

const ChangeSchema = Type.Object({
  kind: Type.String(),
  field: Type.Optional(Type.String()),
  questionId: Type.Optional(Type.String()),
  before: Type.Union([Type.String(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Null()]),
})

const DiffProperties = {
  changes: Type.Array(ChangeSchema),
  counts: Type.Object({ header: Type.Integer(), answer: Type.Integer(), note: Type.Integer() }),
  identical: Type.Boolean(),
}

/** Two revisions compared. */
export const RevisionDiffSchema = Type.Object({ from: Type.Integer(), to: Type.Integer(), ...DiffProperties })

/** Two product versions' current MDS2 compared. */
export const VersionDiffSchema = Type.Object({
  before: Type.Object({ ...ProductVersionSchema.properties, revision: Type.Integer() }),
  after: Type.Object({ ...ProductVersionSchema.properties, revision: Type.Integer() }),
  ...DiffProperties,
})

const UploadMetaProperties = {
  id: Type.String(),
  filename: Type.String(),
  mediaType: NullableString,
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  vendorName: Type.String(),
  modelName: Type.String(),
  tlp: TlpSchema,
  completenessPercent: Type.Integer(),
  unmappedCount: Type.Integer(),
  uploadedByLabel: Type.String(),
  createdAt: Timestamp,
}

const UnmappedSchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  location: Type.Optional(Type.String()),
  questionId: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
})

/** An uploaded vendor file's metadata. */
export const UploadMetaSchema = Type.Object(UploadMetaProperties)

/** An upload as just stored, with what could not be mapped. */
export const UploadedSchema = Type.Object({ ...UploadMetaProperties, unmapped: Type.Array(UnmappedSchema) })

/** An upload with its document and checks. */
export const UploadViewSchema = Type.Object({
  ...UploadMetaProperties,
  document: Type.Unknown(),
  unmapped: Type.Array(UnmappedSchema),
  issues: Type.Array(IssueSchema),
  completeness: CompletenessSchema,
})

/** The JSON form of an upload: the file as base64 and its name. */
export const UploadJsonBody = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({ minLength: 1, description: 'the file, base64 (a data: URL prefix is accepted)' }),
  vendorName: Type.Optional(Type.String({ maxLength: 200 })),
  modelName: Type.Optional(Type.String({ maxLength: 200 })),
  tlp: Type.Optional(TlpSchema),
})

/** The organization's requirement profile. */
export const ProfileViewSchema = Type.Object({
  profile: Type.Unknown(),
  source: Type.Union([Type.Literal('default'), Type.Literal('organization')]),
  updatedAt: NullableTimestamp,
  updatedBy: NullableString,
})

/** What to compare. */
export const CompareBody = Type.Object({
  ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 20, description: 'ids of uploads or of manufacturer documents of the organization' }),
  profile: Type.Optional(ProfileBody),
})

/** A procurement comparison with the items compared. */
export const ComparisonViewSchema = Type.Object({
  comparison: Type.Unknown(),
  items: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), label: Type.String(), tlp: Type.String() })),
})
