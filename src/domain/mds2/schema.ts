import { Ajv } from 'ajv'
import type { ValidateFunction } from 'ajv'
import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { answerableIds, answerValues, formVersion, headerFields, headerFieldById } from './catalogue.js'
import type { Mds2Answer, Mds2Document, Mds2Header } from './document.js'
import { canonicalDocument, emptyHeader } from './document.js'
import type { Mds2Import, UnmappedItem } from './import-result.js'

/** The pattern of an MDS2 question id (section code, dash, dotted number). */
export const questionIdPattern = '^[A-Z]{3,4}-[0-9]+(\\.[0-9]+)*$'

/** The JSON schema (draft-07) of an MDS2 document; the `unmapped` list of an import may ride along. */
export const mds2DocumentSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:medsec:schema:mds2-document:hn1-2019',
  title: 'MDS2 document (ANSI/NEMA HN 1-2019)',
  type: 'object',
  required: ['header', 'answers'],
  additionalProperties: false,
  properties: {
    formVersion: { const: formVersion },
    header: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(headerFields.map((f) => [f.key, { type: 'string', maxLength: 10_000, description: `${f.id}` }])),
    },
    answers: {
      type: 'object',
      propertyNames: { pattern: questionIdPattern },
      additionalProperties: {
        type: 'object',
        required: ['answer'],
        additionalProperties: false,
        properties: {
          answer: { enum: [...answerValues, null] },
          note: { type: 'string', maxLength: 100_000 },
        },
      },
    },
    unmapped: { type: 'array' },
  },
} as const

let compiled: ValidateFunction | undefined

function documentValidator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(mds2DocumentSchema)
  return compiled
}

/**
 * Reads a parsed JSON value as an MDS2 document: checks it against the schema (failing with `mds2_json_schema`), then
 * moves answers whose id is not in the catalogue to `unmapped` (code `mds2_unknown_question_id`).
 */
export function parseMds2Json(value: unknown): Result<Mds2Import> {
  const validator = documentValidator()
  if (!validator(value)) {
    const details = (validator.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
    return fail(problem('mds2_json_schema', `the JSON is not an MDS2 document: ${details.join('; ')}`, details))
  }
  const input = value as { header: Partial<Mds2Header>; answers: Record<string, { answer: Mds2Answer['answer']; note?: string }> }
  const header = { ...emptyHeader(), ...input.header }
  const answers: Record<string, Mds2Answer> = {}
  const unmapped: UnmappedItem[] = []
  for (const [id, entry] of Object.entries(input.answers)) {
    if (answerableIds.has(id)) {
      answers[id] = { answer: entry.answer, note: entry.note ?? '' }
    } else {
      const field = headerFieldById.get(id)
      unmapped.push({
        code: 'mds2_unknown_question_id',
        questionId: id,
        location: `/answers/${id}`,
        message: field === undefined ? `'${id}' is not a question of the ${formVersion} form` : `'${id}' is a header field; put it in header.${field}`,
      })
    }
  }
  return ok({ document: canonicalDocument({ header, answers }), unmapped })
}
