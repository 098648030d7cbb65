import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { applyRubric, cvssDefinitions, rubricMetricRules, rubricQuestions, scoreCvssVector } from '../../domain/cvss/index.js'
import { fail, ok, problem, type Result } from '../../domain/result.js'
import {
  determineFdaRisk, fips199Categorise, parseExploitability, parsePatientHarm, parseSp80030Level, sp80030ImpactMeaning, sp80030OverallLikelihood,
  sp80030Risk, type Fips199InformationType, type Sp80030Level,
} from '../../domain/risk/index.js'
import type { Database } from '../../store/schema.js'
import { errorResponses, sendProblem } from '../errors.js'
import { requirePrincipal } from '../request-context.js'
import { assessmentRoutes } from './assessment-routes.js'
import { CvssScoreSchema, CvssVersionDefinitionSchema, DeterminationBody, FdaDeterminationSchema, RubricQuestionsSchema, RubricResultSchema } from './schemas.js'

const Level = Type.String({ maxLength: 20, description: 'very-low | low | moderate | high | very-high (also VL, L, M, H, VH)' })

/**
 * CVSS scoring, the MITRE rubric and the risk rules as pure computations for any authenticated principal, plus the
 * organization's stored assessments.
 */
export function scoringRoutes(db: Kysely<Database>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/cvss/score',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['scoring'],
          summary: 'Validate a CVSS 2.0/3.0/3.1/4.0 vector and compute its scores (no CVSS: prefix means v2)',
          body: Type.Object({ vector: Type.String({ maxLength: 1000 }) }),
          response: { 200: CvssScoreSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const scored = scoreCvssVector(request.body.vector)
        return scored.ok ? scored.value : sendProblem(reply, scored.error)
      },
    )

    app.get(
      '/api/cvss/metrics',
      { preHandler: requirePrincipal, schema: { tags: ['scoring'], summary: 'The metric definitions of every CVSS version, in vector order', response: { 200: Type.Array(CvssVersionDefinitionSchema), ...errorResponses } } },
      async () => Object.values(cvssDefinitions),
    )

    app.get(
      '/api/rubric/questions',
      { preHandler: requirePrincipal, schema: { tags: ['scoring'], summary: 'The MITRE medical-device rubric: its questions and how each metric is decided', response: { 200: RubricQuestionsSchema, ...errorResponses } } },
      async () => ({ questions: rubricQuestions, rules: rubricMetricRules }),
    )

    app.post(
      '/api/rubric/evaluate',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['scoring'],
          summary: 'Apply the rubric to answers keyed by question id: the v3.1 vector, the rationale per metric and the questions still missing',
          body: Type.Object({ answers: Type.Record(Type.String(), Type.String(), { maxProperties: 100 }) }),
          response: { 200: RubricResultSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const result = applyRubric(request.body.answers)
        return result.ok ? result.value : sendProblem(reply, result.error)
      },
    )

    app.post(
      '/api/risk/sp800-30',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['scoring'],
          summary: 'NIST SP 800-30 level of risk: give the likelihood, or the likelihoods of initiation and of adverse impact (Table G-5), and the impact',
          body: Type.Object({ likelihood: Type.Optional(Level), initiationLikelihood: Type.Optional(Level), adverseImpactLikelihood: Type.Optional(Level), impact: Level }),
          response: {
            200: Type.Object({ likelihood: Type.String(), impact: Type.String(), risk: Type.String(), impactMeaning: Type.String(), source: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const likelihood = overallLikelihood(request.body)
        if (!likelihood.ok) return sendProblem(reply, likelihood.error)
        const impact = parseSp80030Level(request.body.impact)
        if (!impact.ok) return sendProblem(reply, impact.error)
        return {
          likelihood: likelihood.value,
          impact: impact.value,
          risk: sp80030Risk(likelihood.value, impact.value),
          impactMeaning: sp80030ImpactMeaning[impact.value],
          source: 'NIST SP 800-30 Rev. 1 Tables G-5 and I-2',
        }
      },
    )

    app.post(
      '/api/risk/fips199',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['scoring'],
          summary: 'FIPS 199 security category of a system: the high-water mark over its information types',
          body: Type.Object({
            informationTypes: Type.Array(
              Type.Object({ name: Type.String({ maxLength: 200 }), confidentiality: Type.String({ maxLength: 20 }), integrity: Type.String({ maxLength: 20 }), availability: Type.String({ maxLength: 20 }) }),
              { maxItems: 500 },
            ),
          }),
          response: {
            200: Type.Object({ confidentiality: Type.String(), integrity: Type.String(), availability: Type.String(), overall: Type.String(), notation: Type.String() }),
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        // The domain checks every level at run time and answers with its own codes.
        const result = fips199Categorise(request.body.informationTypes as Fips199InformationType[])
        return result.ok ? result.value : sendProblem(reply, result.error)
      },
    )

    app.post(
      '/api/risk/fda',
      {
        preHandler: requirePrincipal,
        schema: {
          tags: ['scoring'],
          summary: 'FDA postmarket determination (2016 guidance): controlled or uncontrolled, with obligations and due dates',
          body: Type.Object({ ...DeterminationBody.properties, exploitability: Type.String({ maxLength: 20, description: 'low | medium | high' }) }),
          response: { 200: FdaDeterminationSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const body = request.body
        const exploitability = parseExploitability(body.exploitability ?? '')
        if (!exploitability.ok) return sendProblem(reply, exploitability.error)
        const harm = parsePatientHarm(body.harm)
        if (!harm.ok) return sendProblem(reply, harm.error)
        const result = determineFdaRisk({
          exploitability: exploitability.value,
          exploitabilitySource: body.exploitabilitySource ?? 'analyst',
          harm: harm.value,
          essentialPerformanceImpact: body.essentialPerformanceImpact === true,
          seriousAdverseEvents: body.seriousAdverseEvents === true,
          pmaDevice: body.pmaDevice === true,
          date: body.date ?? new Date().toISOString().slice(0, 10),
        })
        return result.ok ? result.value : sendProblem(reply, result.error)
      },
    )

    await app.register(assessmentRoutes(db))
  }
}

function overallLikelihood(body: { likelihood?: string; initiationLikelihood?: string; adverseImpactLikelihood?: string }): Result<Sp80030Level> {
  if (body.likelihood !== undefined) return parseSp80030Level(body.likelihood)
  if (body.initiationLikelihood === undefined || body.adverseImpactLikelihood === undefined) {
    return fail(problem('sp80030_missing_likelihood', 'give likelihood, or both initiationLikelihood and adverseImpactLikelihood'))
  }
  const initiation = parseSp80030Level(body.initiationLikelihood)
  if (!initiation.ok) return initiation
  const adverse = parseSp80030Level(body.adverseImpactLikelihood)
  if (!adverse.ok) return adverse
  return ok(sp80030OverallLikelihood(initiation.value, adverse.value))
}
