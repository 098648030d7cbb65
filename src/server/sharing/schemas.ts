import { Type } from '@fastify/type-provider-typebox'
import { SHAREABLE_KINDS } from '../../domain/sharing/artifacts.js'
import { RELATIONSHIP_STATUSES } from '../../domain/sharing/relationship.js'
import { NullableTimestamp, OrganizationKindSchema, Timestamp, TlpSchema } from '../schemas.js'

const NullableString = Type.Union([Type.String(), Type.Null()])

/** An artifact kind a relationship can cover. */
export const ShareableKindSchema = Type.Unsafe<(typeof SHAREABLE_KINDS)[number]>({ type: 'string', enum: [...SHAREABLE_KINDS] })

/** A relationship between a manufacturer and a recipient. */
export const RelationshipSchema = Type.Object({
  id: Type.String(),
  manufacturer: Type.Object({ id: Type.String(), name: Type.String() }),
  recipient: Type.Object({ id: Type.String(), name: Type.String(), kind: OrganizationKindSchema }),
  status: Type.Unsafe<(typeof RELATIONSHIP_STATUSES)[number]>({ type: 'string', enum: [...RELATIONSHIP_STATUSES] }),
  initiatedBy: Type.Union([Type.Literal('manufacturer'), Type.Literal('recipient')]),
  allProducts: Type.Boolean(),
  productIds: Type.Array(Type.String()),
  artifactKinds: Type.Array(ShareableKindSchema),
  message: NullableString,
  createdBy: Type.String(),
  createdAt: Timestamp,
  decidedBy: NullableString,
  decidedAt: NullableTimestamp,
  revokedBy: NullableString,
  revokedAt: NullableTimestamp,
  acceptances: Type.Array(Type.Object({ orgId: Type.String(), version: Type.Integer(), by: Type.String(), at: Timestamp })),
})

/** The scope fields of a request, invitation, approval or scope change. */
export const ScopeBody = {
  allProducts: Type.Optional(Type.Boolean()),
  productIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })),
  artifactKinds: Type.Optional(Type.Array(ShareableKindSchema, { maxItems: SHAREABLE_KINDS.length })),
}

/** A shared product as a recipient sees it. */
export const SharedProductSchema = Type.Object({
  id: Type.String(),
  manufacturer: Type.Object({ id: Type.String(), name: Type.String() }),
  name: Type.String(),
  modelNumber: NullableString,
  udiDi: NullableString,
  tlp: TlpSchema,
  createdAt: Timestamp,
  versions: Type.Array(Type.Object({ id: Type.String(), version: Type.String(), tlp: TlpSchema, createdAt: Timestamp })),
})

/** One access-log entry. */
export const AccessEntrySchema = Type.Object({
  id: Type.String(),
  viewerOrg: Type.Object({ id: Type.String(), name: Type.String() }),
  viewer: Type.String(),
  artifactKind: Type.String(),
  artifactId: Type.String(),
  productId: NullableString,
  tlp: TlpSchema,
  action: Type.String(),
  reason: Type.String(),
  at: Timestamp,
})

/** A regulator figure: its value, or suppressed when fewer organizations than the threshold contribute to it. */
const Cell = Type.Union([Type.Object({ kind: Type.Literal('value'), value: Type.Number() }), Type.Object({ kind: Type.Literal('suppressed') })])
const Cells = Type.Record(Type.String(), Cell)

/** The regulator's de-identified overview. */
export const RegulatorOverviewSchema = Type.Object({
  generatedAt: Timestamp,
  minContributors: Type.Integer({ minimum: 1 }),
  organizations: Cells,
  relationships: Cells,
  recipientsWithAccess: Cell,
  medianHoursToApproval: Type.Union([Cell, Type.Null()]),
  products: Type.Object({ total: Cell, byTlp: Cells }),
  productsWithSbom: Cell,
  devices: Type.Object({ total: Cell, pastEndOfSupport: Type.Union([Cell, Type.Null()]), pastEndOfSupportShare: Type.Union([Type.Number(), Type.Null()]) }),
  restrictedReadsLast30Days: Cells,
  publicProducts: Type.Array(Type.Object({ manufacturer: Type.String(), name: Type.String(), tlp: TlpSchema })),
})
