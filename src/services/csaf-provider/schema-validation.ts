import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { csafJsonSchema } from '../../domain/csaf/schema/csaf-json-schema.js'
import { cvssV20Schema } from '../../domain/csaf/schema/cvss-v2.0-schema.js'
import { cvssV30Schema } from '../../domain/csaf/schema/cvss-v3.0-schema.js'
import { cvssV31Schema } from '../../domain/csaf/schema/cvss-v3.1-schema.js'
import { aggregatorJsonSchema } from './schema/aggregator-json-schema.js'
import { providerJsonSchema } from './schema/provider-json-schema.js'

// ajv-formats is CommonJS: under ESM its default export arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020

/** One schema violation: a JSON pointer and a message. */
export interface SchemaFinding {
  readonly path: string
  readonly message: string
}

let compiled: { provider: ValidateFunction; aggregator: ValidateFunction } | undefined

// The provider schema takes its publisher from the CSAF schema, and the aggregator schema refers to the provider
// schema, so all of them (and the CVSS schemas the CSAF schema refers to) live in one ajv instance.
function validators() {
  if (compiled) return compiled
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  const cvss = (source: Readonly<Record<string, unknown>>) => {
    const { $id: _id, id: _legacyId, $schema: _schema, ...rest } = source as Record<string, unknown>
    return rest
  }
  ajv.addSchema(cvss(cvssV20Schema), 'https://www.first.org/cvss/cvss-v2.0.json')
  ajv.addSchema(cvss(cvssV30Schema), 'https://www.first.org/cvss/cvss-v3.0.json')
  ajv.addSchema(cvss(cvssV31Schema), 'https://www.first.org/cvss/cvss-v3.1.json')
  ajv.addSchema(csafJsonSchema as Record<string, unknown>)
  ajv.addSchema(providerJsonSchema as Record<string, unknown>)
  compiled = {
    provider: ajv.getSchema(String(providerJsonSchema.$id)) as ValidateFunction,
    aggregator: ajv.compile(aggregatorJsonSchema as Record<string, unknown>),
  }
  return compiled
}

function run(validate: ValidateFunction, doc: unknown): SchemaFinding[] {
  if (validate(doc)) return []
  return (validate.errors ?? []).map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }))
}

/** Validates a provider-metadata.json document against the CSAF 2.0 provider schema. */
export function validateProviderMetadata(doc: unknown): SchemaFinding[] {
  return run(validators().provider, doc)
}

/** Validates an aggregator.json document against the CSAF 2.0 aggregator schema. */
export function validateAggregator(doc: unknown): SchemaFinding[] {
  return run(validators().aggregator, doc)
}
