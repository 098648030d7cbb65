import type { FastifyReply } from 'fastify'
import { Type } from '@fastify/type-provider-typebox'
import type { Problem } from '../domain/result.js'
import type { ServiceError, ServiceErrorCode, ServiceResult } from '../services/context.js'

/** The HTTP status each service error code maps to. */
const STATUS: Record<ServiceErrorCode, number> = {
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  validation_failed: 400,
  invalid_credentials: 401,
  rate_limited: 429,
  unauthenticated: 401,
  session_expired: 401,
  token_revoked: 401,
  last_admin: 409,
  postmarket_invalid_transition: 409,
  disclosure_invalid_transition: 409,
  sharing_invalid_transition: 409,
  sharing_agreement_required: 400,
}

/** The one error body of the API: `{"error":{"code","message","details"?}}`. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable machine-readable code' }),
      message: Type.String(),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
)

/** Error responses most routes can give, for their schemas. */
export const errorResponses = {
  400: Type.Ref('ErrorBody'),
  401: Type.Ref('ErrorBody'),
  403: Type.Ref('ErrorBody'),
  404: Type.Ref('ErrorBody'),
  409: Type.Ref('ErrorBody'),
} as const

/** Sends an error body with a status. */
export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  return reply.status(status).send({ error: details === undefined ? { code, message } : { code, message, details } })
}

/** Sends a service error with the status its code maps to. */
export function sendServiceError(reply: FastifyReply, error: ServiceError): FastifyReply {
  if (error.code === 'rate_limited') {
    const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
    if (retry) reply.header('retry-after', String(retry))
  }
  return sendError(reply, STATUS[error.code], error.code, error.message, error.details)
}

/**
 * Answers a route with a service result: the value (returned for fastify to send, or handed to `send` for another
 * status, a header or a download), else the error with the status its code maps to.
 *
 * @example
 * return replyWith(reply, await listProducts(orgOf(request)))
 * return replyWith(reply, created, (product) => reply.status(201).send(product))
 */
export function replyWith<T>(reply: FastifyReply, result: ServiceResult<T>): T | FastifyReply
export function replyWith<T, R>(reply: FastifyReply, result: ServiceResult<T>, send: (value: T) => R): R | FastifyReply
export function replyWith<T, R>(reply: FastifyReply, result: ServiceResult<T>, send?: (value: T) => R): T | R | FastifyReply {
  if (!result.ok) return sendServiceError(reply, result.error)
  return send ? send(result.value) : result.value
}

/** Sends a domain problem with bad input (e.g. `cvss_invalid_value`) as a 400 that keeps the domain's code. */
export function sendProblem(reply: FastifyReply, found: Problem): FastifyReply {
  return sendError(reply, 400, found.code, found.message, found.details)
}
