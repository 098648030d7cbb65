import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../../test/support/testdata.js'
import { aggregatorJsonSchema } from './aggregator-json-schema.js'
import { providerJsonSchema } from './provider-json-schema.js'

describe('generated schema modules (scripts/gen-csaf-provider-schemas.mjs)', () => {
  it.each([
    ['json_schema/provider_json_schema.json', providerJsonSchema],
    ['json_schema/aggregator_json_schema.json', aggregatorJsonSchema],
  ])('%s equals the upstream file', (path, schema) => {
    const upstream: unknown = JSON.parse(readFileSync(testdataPath('csaf-oasis/csaf_2.0', path), 'utf8'))
    expect(schema).toEqual(upstream)
  })
})
