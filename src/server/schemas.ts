import { Type } from '@fastify/type-provider-typebox'
import { ORGANIZATION_KINDS, ROLES, type OrganizationKind, type Role } from '../domain/tenancy/tenancy.js'
import { TLP_LABELS, type TlpLabel } from '../domain/tlp/tlp.js'

/** A timestamp: a Date on the server, an ISO 8601 string on the wire. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' })

/** A nullable timestamp. */
export const NullableTimestamp = Type.Unsafe<Date | string | null>({ type: ['string', 'null'], format: 'date-time' })

/** A role in an organization. */
export const RoleSchema = Type.Unsafe<Role>({ type: 'string', enum: [...ROLES] })

/** An organization kind. */
export const OrganizationKindSchema = Type.Unsafe<OrganizationKind>({ type: 'string', enum: [...ORGANIZATION_KINDS] })

/** A TLP 2.0 label. */
export const TlpSchema = Type.Unsafe<TlpLabel>({ type: 'string', enum: [...TLP_LABELS] })

/** A UUID path parameter. */
export const Uuid = Type.String({ format: 'uuid' })

/** An organization as the API shows it. */
export const OrganizationSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: OrganizationKindSchema,
})

/** The path of every organization route. */
export const OrgParams = Type.Object({ orgId: Type.String() })
