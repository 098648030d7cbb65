import { Type } from '@fastify/type-provider-typebox'
import type { CsafReport } from '../../domain/csaf/index.js'
import { NullableTimestamp, Timestamp } from '../schemas.js'

const Text = (maxLength: number) => Type.String({ maxLength })
const Ids = Type.Array(Text(200), { maxItems: 500 })
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)))

const Note = Type.Object(
  { category: literals(['description', 'details', 'faq', 'general', 'legal_disclaimer', 'other', 'summary'] as const), text: Text(50_000), title: Type.Optional(Text(500)) },
  { additionalProperties: false },
)
const Reference = Type.Object({ url: Text(2000), summary: Text(2000), category: Type.Optional(literals(['external', 'self'] as const)) }, { additionalProperties: false })
const ProductStatus = Type.Object(
  {
    known_affected: Type.Optional(Ids),
    known_not_affected: Type.Optional(Ids),
    fixed: Type.Optional(Ids),
    under_investigation: Type.Optional(Ids),
    first_affected: Type.Optional(Ids),
    last_affected: Type.Optional(Ids),
    first_fixed: Type.Optional(Ids),
    recommended: Type.Optional(Ids),
  },
  { additionalProperties: false },
)
const Vulnerability = Type.Object(
  {
    cve: Type.Optional(Text(50)),
    ids: Type.Optional(Type.Array(Type.Object({ systemName: Text(200), text: Text(200) }), { maxItems: 50 })),
    title: Type.Optional(Text(500)),
    cwe: Type.Optional(Type.Object({ id: Text(20), name: Text(500) })),
    notes: Type.Array(Note, { maxItems: 50 }),
    references: Type.Optional(Type.Array(Reference, { maxItems: 100 })),
    scores: Type.Optional(Type.Array(Type.Object({ vector: Text(300), productIds: Ids }), { maxItems: 20 })),
    productStatus: ProductStatus,
    remediations: Type.Optional(
      Type.Array(
        Type.Object({
          category: literals(['vendor_fix', 'mitigation', 'workaround', 'no_fix_planned', 'none_available'] as const),
          details: Text(20_000),
          productIds: Ids,
          url: Type.Optional(Text(2000)),
          date: Type.Optional(Text(40)),
        }),
        { maxItems: 50 },
      ),
    ),
    flags: Type.Optional(Type.Array(Type.Object({ label: Text(100), productIds: Ids, date: Type.Optional(Text(40)) }), { maxItems: 50 })),
    impacts: Type.Optional(Type.Array(Type.Object({ details: Text(20_000), productIds: Ids }), { maxItems: 50 })),
    discoveryDate: Type.Optional(Text(40)),
    releaseDate: Type.Optional(Text(40)),
  },
  { additionalProperties: false },
)

/** The editable content of an advisory (see src/domain/csaf/advisory-content.ts). */
export const AdvisoryContentSchema = Type.Object(
  {
    category: literals(['csaf_security_advisory', 'csaf_vex'] as const),
    title: Type.String({ minLength: 1, maxLength: 500 }),
    lang: Type.Optional(Text(35)),
    tlp: literals(['CLEAR', 'GREEN', 'AMBER', 'RED'] as const),
    notes: Type.Array(Note, { maxItems: 50 }),
    references: Type.Array(Reference, { maxItems: 100 }),
    productIds: Ids,
    identification: Type.Optional(
      Type.Record(Type.String(), Type.Object({ purl: Type.Optional(Text(1000)), cpe: Type.Optional(Text(1000)), serialNumbers: Type.Optional(Type.Array(Text(200), { maxItems: 100 })) })),
    ),
    vulnerabilities: Type.Array(Vulnerability, { maxItems: 200 }),
  },
  { additionalProperties: false },
)

const Finding = Type.Object({ test: Type.String(), path: Type.String(), message: Type.String() })

/** A validation report: test id, JSON path and message of each finding. */
export const ReportSchema = Type.Unsafe<CsafReport>(Type.Object({ valid: Type.Boolean(), errors: Type.Array(Finding), warnings: Type.Array(Finding), infos: Type.Array(Finding) }))

const Published = Type.Union([
  Type.Object({ path: Type.String(), url: Type.String(), version: Type.String(), sha256: Type.String(), sha512: Type.String(), signingKey: Type.String(), publishedAt: Timestamp }),
  Type.Null(),
])

const SummaryFields = {
  id: Type.String(),
  trackingId: Type.String(),
  title: Type.String(),
  category: Type.String(),
  tlp: Type.String(),
  status: Type.String(),
  version: Type.String(),
  valid: Type.Boolean(),
  changedSincePublish: Type.Boolean(),
  currentReleaseDate: NullableTimestamp,
  updatedAt: Timestamp,
  published: Published,
}

/** An advisory in lists. */
export const AdvisorySummarySchema = Type.Object(SummaryFields)

const Catalogue = Type.Array(
  Type.Object({
    csafProductId: Type.String(),
    productId: Type.String(),
    productVersionId: Type.String(),
    productName: Type.String(),
    version: Type.String(),
    modelNumber: Type.Union([Type.String(), Type.Null()]),
  }),
)

/** The catalogue of product versions advisories can name. */
export const CatalogueSchema = Catalogue

const ViewFields = {
  ...SummaryFields,
  revisions: Type.Array(Type.Object({ date: Type.String(), number: Type.String(), summary: Type.String() })),
  initialReleaseDate: NullableTimestamp,
  createdBy: Type.String(),
  createdAt: Timestamp,
  content: Type.Unknown(),
  document: Type.Unknown(),
  validation: ReportSchema,
}

/** An advisory with content, document and validation. */
export const AdvisoryViewSchema = Type.Object(ViewFields)

/** An advisory with what the editor needs. */
export const AdvisoryEditorSchema = Type.Object({ ...ViewFields, catalogue: Catalogue, meta: Type.Unknown() })

/** The public part of a signing key. */
export const SigningKeySchema = Type.Object({ fingerprint: Type.String(), publicKey: Type.String(), userId: Type.String(), createdBy: Type.String(), createdAt: Timestamp })

/** What to generate an advisory from: a product, some of its versions, which vulnerabilities, category, TLP, title. */
export const GenerateBodySchema = Type.Object(
  {
    productId: Type.String({ format: 'uuid' }),
    productVersionIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 })),
    vulnerabilities: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500, description: 'vulnerability ids or aliases; absent: see include' })),
    include: Type.Optional(literals(['decided', 'all'] as const)),
    category: Type.Optional(literals(['csaf_security_advisory', 'csaf_vex'] as const)),
    tlp: Type.Optional(literals(['CLEAR', 'GREEN', 'AMBER', 'RED'] as const)),
    title: Type.Optional(Type.String({ maxLength: 500 })),
    trackingId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
)

/** A generated advisory: the saved draft and what it states. */
export const GeneratedAdvisorySchema = Type.Object({ ...ViewFields, generated: Type.Object({ vulnerabilities: Type.Array(Type.String()), versions: Type.Array(Type.String()) }) })
