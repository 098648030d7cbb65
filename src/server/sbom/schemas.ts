import { Type } from '@fastify/type-provider-typebox'
import { supportLevels } from '../../domain/sbom/index.js'
import { NullableTimestamp, Timestamp, TlpSchema } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])

/** An FDA level of support. */
export const SupportLevelSchema = Type.Unsafe<(typeof supportLevels)[number]>({ type: 'string', enum: [...supportLevels] })

/** A stored SBOM revision. */
export const RevisionSchema = Type.Object({
  id: Type.String(),
  productVersionId: Type.String(),
  revision: Type.Integer(),
  filename: Type.String(),
  mediaType: NullableString,
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  format: Type.String(),
  specVersion: Type.String(),
  encoding: Type.String(),
  components: Type.Integer(),
  dependencies: Type.Integer(),
  warnings: Type.Integer(),
  tlp: TlpSchema,
  uploadedBy: Type.String(),
  uploadedAt: Timestamp,
})

/** What an upload answers. */
export const UploadedSchema = Type.Object({ revision: RevisionSchema, warnings: Type.Integer() })

/** The JSON form of an upload: the file as base64. */
export const UploadJsonBody = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255 }),
  contentBase64: Type.String({ minLength: 1, description: 'the SBOM file, base64 (a data: URL prefix is accepted)' }),
  tlp: Type.Optional(TlpSchema),
})

/** A product version's SBOM page. */
export const VersionSbomsSchema = Type.Object({
  product: Type.Object({ id: Type.String(), name: Type.String(), modelNumber: NullableString, udiDi: NullableString }),
  version: Type.Object({ id: Type.String(), version: Type.String() }),
  revisions: Type.Array(RevisionSchema),
  otherVersions: Type.Array(Type.Object({ id: Type.String(), version: Type.String(), latestRevisionId: NullableString })),
})

/** A component of the component table. */
export const ComponentSchema = Type.Object({
  id: Type.String(),
  ordinal: Type.Integer(),
  ref: Type.String(),
  type: Type.String(),
  name: Type.String(),
  group: NullableString,
  version: NullableString,
  supplier: NullableString,
  purl: NullableString,
  cpe: NullableString,
  licenses: Type.Array(Type.String()),
  hashes: Type.Array(Type.Object({ alg: Type.String(), value: Type.String() })),
  supportLevel: Type.Union([SupportLevelSchema, Type.Null()]),
  endOfSupport: NullableString,
  editedAt: NullableTimestamp,
  editedBy: NullableString,
})

/** A page of components. */
export const ComponentPageSchema = Type.Object({ total: Type.Integer(), offset: Type.Integer(), components: Type.Array(ComponentSchema) })

/** The component list query. */
export const ComponentQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'matches name, group, version, supplier, purl or CPE' })),
  type: Type.Optional(Type.String({ maxLength: 100 })),
  supportLevel: Type.Optional(Type.Unsafe<(typeof supportLevels)[number] | 'none'>({ type: 'string', enum: [...supportLevels, 'none'] })),
  sort: Type.Optional(Type.Unsafe<'ordinal' | 'name' | 'version' | 'type' | 'supplier' | 'purl' | 'supportLevel' | 'endOfSupport'>({ type: 'string', enum: ['ordinal', 'name', 'version', 'type', 'supplier', 'purl', 'supportLevel', 'endOfSupport'] })),
  order: Type.Optional(Type.Unsafe<'asc' | 'desc'>({ type: 'string', enum: ['asc', 'desc'] })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

/** The FDA field edit of a component. */
export const SupportEditBody = Type.Object(
  {
    supportLevel: Type.Optional(Type.Union([SupportLevelSchema, Type.Null()])),
    endOfSupport: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  },
  { additionalProperties: false },
)

const ComponentGapsSchema = Type.Object({
  ref: Type.String(),
  name: Type.String(),
  version: Type.Optional(Type.String()),
  ntiaComplete: Type.Boolean(),
  gaps: Type.Array(Type.String()),
})

/** The quality report of a revision. */
export const QualitySchema = Type.Object({
  components: Type.Integer(),
  dependencies: Type.Integer(),
  ntia: Type.Object({
    componentsComplete: Type.Integer(),
    missing: Type.Object({ supplier: Type.Integer(), name: Type.Integer(), version: Type.Integer(), identifier: Type.Integer() }),
    withoutDependencyRelationship: Type.Integer(),
    author: Type.Boolean(),
    timestamp: Type.Boolean(),
  }),
  fda: Type.Object({ supportLevel: Type.Integer(), endOfSupport: Type.Integer() }),
  identifiers: Type.Object({ purl: Type.Integer(), cpe: Type.Integer() }),
  score: Type.Integer(),
  documentGaps: Type.Array(Type.String()),
  gapCounts: Type.Record(Type.String(), Type.Integer()),
  componentsWithGaps: Type.Array(ComponentGapsSchema),
  omitted: Type.Integer(),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
})

const ComponentSummarySchema = Type.Object({
  ref: Type.String(),
  type: Type.String(),
  name: Type.String(),
  group: NullableString,
  version: NullableString,
  purl: NullableString,
  supplier: NullableString,
})

const DiffSideSchema = Type.Object({ ...RevisionSchema.properties, product: Type.String(), version: Type.String() })

/** What changed between two revisions. */
export const DiffSchema = Type.Object({
  from: DiffSideSchema,
  to: DiffSideSchema,
  added: Type.Array(ComponentSummarySchema),
  removed: Type.Array(ComponentSummarySchema),
  changed: Type.Array(
    Type.Object({
      key: Type.String(),
      before: ComponentSummarySchema,
      after: ComponentSummarySchema,
      fields: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
    }),
  ),
  unchanged: Type.Integer(),
})
