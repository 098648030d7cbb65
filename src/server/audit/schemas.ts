import { Type } from '@fastify/type-provider-typebox'
import { Timestamp } from '../schemas.js'

/** One audit entry on the wire. */
export const AuditEntrySchema = Type.Object({
  seq: Type.String(),
  orgId: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Unknown(),
  createdAt: Timestamp,
  hash: Type.String(),
})
