// TypeBox schemas of the scoring API: CVSS scores and metric definitions, the rubric, risk results, assessments.
import { Type, type TSchema } from '@fastify/type-provider-typebox'
import { Timestamp } from '../schemas.js'

const Str = Type.String()
const oneOf = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] })
const Severity = oneOf(['None', 'Low', 'Medium', 'High', 'Critical'])
const Version = oneOf(['2.0', '3.0', '3.1', '4.0'])

/** The scores of a CVSS vector; `score` is the most specific score the vector supports. */
export const CvssScoreSchema = Type.Object({
  version: Version,
  vector: Str,
  baseScore: Type.Number(),
  baseSeverity: Severity,
  temporalScore: Type.Optional(Type.Number()),
  threatScore: Type.Optional(Type.Number()),
  environmentalScore: Type.Optional(Type.Number()),
  score: Type.Number(),
  severity: Severity,
})

/** One version's metric definitions, for rendering a calculator. */
export const CvssVersionDefinitionSchema = Type.Object({
  version: Version,
  prefix: Str,
  metrics: Type.Array(
    Type.Object({
      key: Str,
      name: Str,
      group: oneOf(['base', 'temporal', 'threat', 'environmental', 'supplemental']),
      mandatory: Type.Boolean(),
      description: Str,
      notDefined: Type.Optional(Str),
      values: Type.Array(Type.Object({ code: Str, name: Str, description: Str })),
    }),
  ),
})

const RubricAnswerSchema = oneOf(['yes', 'no', 'unknown'])

/** The rationale of one rubric metric. */
export const RubricRationaleSchema = Type.Object({
  metric: Str,
  value: Type.Optional(Str),
  steps: Type.Array(Type.Object({ question: Str, answer: RubricAnswerSchema, rationale: Str })),
  summary: Str,
})

/** The outcome of the rubric questionnaire. */
export const RubricResultSchema = Type.Object({
  complete: Type.Boolean(),
  vector: Type.Optional(Str),
  score: Type.Optional(CvssScoreSchema),
  rationale: Type.Array(RubricRationaleSchema),
  missing: Type.Array(Str),
})

/** The rubric's questions and how each metric is decided. */
export const RubricQuestionsSchema = Type.Object({
  questions: Type.Array(
    Type.Object({
      id: Str,
      metric: Str,
      text: Str,
      options: Type.Array(Type.Object({ answer: Str, outcome: Type.Object({ kind: Str, id: Type.Optional(Str), value: Type.Optional(Str) }), rationale: Str })),
      unknownMeans: Str,
    }),
  ),
  rules: Type.Array(Type.Object({ kind: Str, metric: Str, name: Str, first: Type.Optional(Str), categories: Type.Optional(Type.Array(Str)) })),
})

/** The inputs of an FDA postmarket determination (exploitability may come from the assessment's CVSS score). */
export const DeterminationBody = Type.Object({
  exploitability: Type.Optional(Type.String({ maxLength: 20 })),
  exploitabilitySource: Type.Optional(oneOf(['cvss', 'rubric', 'epss', 'kev', 'analyst'])),
  harm: Type.String({ maxLength: 20 }),
  essentialPerformanceImpact: Type.Optional(Type.Boolean()),
  seriousAdverseEvents: Type.Optional(Type.Boolean()),
  pmaDevice: Type.Optional(Type.Boolean()),
  date: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD; default today (UTC)' })),
})

/** An FDA postmarket determination with its obligations and due dates. */
export const FdaDeterminationSchema = Type.Object({
  kind: Type.Literal('fda-determination'),
  risk: Type.Union([Type.Literal('controlled'), Type.Literal('uncontrolled')]),
  date: Str,
  exploitability: Str,
  exploitabilitySource: Str,
  harm: Str,
  effectiveHarm: Str,
  essentialPerformanceImpact: Type.Boolean(),
  rationale: Str,
  obligations: Type.Array(Type.Object({ id: Str, title: Str, detail: Str, required: Type.Boolean(), dueDate: Type.Optional(Str), reference: Str })),
  report806: Type.Object({ kind: Str, reason: Type.Optional(Str), conditions: Type.Optional(Type.Array(Str)) }),
})

/** A postmarket case: its state, current determination and history. */
export const PostmarketCaseSchema = Type.Object({
  kind: Type.Literal('postmarket-case'),
  state: Str,
  determination: Type.Optional(FdaDeterminationSchema),
  history: Type.Array(
    Type.Object({ kind: Str, at: Str, actor: Type.Optional(Str), from: Str, to: Str, determination: Type.Optional(FdaDeterminationSchema), note: Type.Optional(Str) }),
  ),
})

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** A vulnerability assessment as the API shows it. */
export const AssessmentSchema = Type.Object({
  id: Str,
  vulnerabilityId: Str,
  title: Nullable(Str),
  product: Nullable(Type.Object({ id: Str, name: Str })),
  version: Nullable(Type.Object({ id: Str, version: Str })),
  cvss: Nullable(CvssScoreSchema),
  rubric: Nullable(Type.Object({ answers: Type.Record(Str, RubricAnswerSchema), rationale: Type.Array(RubricRationaleSchema) })),
  case: PostmarketCaseSchema,
  allowedTransitions: Type.Array(Str),
  risk: Nullable(Str),
  determinationDate: Nullable(Str),
  nextDueDate: Nullable(Str),
  createdBy: Str,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
