import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema.js'
import { createAssessment } from '../../services/scoring/create-assessment.js'
import { getAssessment } from '../../services/scoring/get-assessment.js'
import { listAssessments } from '../../services/scoring/list-assessments.js'
import { transitionAssessment } from '../../services/scoring/transition-assessment.js'
import { errorResponses, replyWith, sendServiceError } from '../errors.js'
import { orgOf, withOrg } from '../request-context.js'
import { OrgParams } from '../schemas.js'
import { AssessmentSchema, DeterminationBody } from './schemas.js'

const AssessmentParams = Type.Object({ orgId: Type.String(), assessmentId: Type.String() })
const Note = Type.String({ maxLength: 2000 })

/** An organization's vulnerability assessments and their FDA postmarket cases. */
export function assessmentRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/orgs/:orgId/assessments',
      { preHandler: withOrg(db), schema: { tags: ['scoring'], summary: 'Vulnerability assessments, most recently changed first', params: OrgParams, response: { 200: Type.Array(AssessmentSchema), ...errorResponses } } },
      async (request, reply) => {
        const result = await listAssessments(orgOf(request))
        return replyWith(reply, result)
      },
    )

    app.get(
      '/api/orgs/:orgId/assessments/:assessmentId',
      { preHandler: withOrg(db), schema: { tags: ['scoring'], summary: 'One assessment with its postmarket case history', params: AssessmentParams, response: { 200: AssessmentSchema, ...errorResponses } } },
      async (request, reply) => {
        const result = await getAssessment(orgOf(request), request.params.assessmentId)
        return replyWith(reply, result)
      },
    )

    app.post(
      '/api/orgs/:orgId/assessments',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['scoring'],
          summary: 'Record an assessment (analyst+): CVSS vector and/or rubric answers, optional product version and first FDA determination',
          params: OrgParams,
          body: Type.Object({
            vulnerabilityId: Type.String({ minLength: 1, maxLength: 200, description: 'a CVE id or free text' }),
            title: Type.Optional(Type.String({ maxLength: 500 })),
            productId: Type.Optional(Type.String({ format: 'uuid' })),
            version: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            cvssVector: Type.Optional(Type.String({ maxLength: 1000 })),
            rubricAnswers: Type.Optional(Type.Record(Type.String(), Type.String(), { maxProperties: 100 })),
            determination: Type.Optional(DeterminationBody),
            note: Type.Optional(Note),
          }),
          response: { 201: AssessmentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await createAssessment(orgOf(request), request.body)
        if (!result.ok) return sendServiceError(reply, result.error)
        reply.status(201)
        return result.value
      },
    )

    app.post(
      '/api/orgs/:orgId/assessments/:assessmentId/transitions',
      {
        preHandler: withOrg(db),
        schema: {
          tags: ['scoring'],
          summary: 'Move the postmarket case (analyst+): determine (again), start_remediation, close, reopen (with a note); 409 postmarket_invalid_transition when the state does not allow it',
          params: AssessmentParams,
          body: Type.Object({
            kind: Type.Union([Type.Literal('determine'), Type.Literal('start_remediation'), Type.Literal('close'), Type.Literal('reopen')]),
            determination: Type.Optional(DeterminationBody),
            note: Type.Optional(Note),
          }),
          response: { 200: AssessmentSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = await transitionAssessment(orgOf(request), request.params.assessmentId, request.body)
        return replyWith(reply, result)
      },
    )
  }
}
