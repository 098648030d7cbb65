import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../../test/support/testdata.js'
import { csafJsonSchema } from './csaf-json-schema.js'
import { cvssV20Schema } from './cvss-v2.0-schema.js'
import { cvssV30Schema } from './cvss-v3.0-schema.js'
import { cvssV31Schema } from './cvss-v3.1-schema.js'

describe('generated schema modules (scripts/gen-csaf-data.mjs)', () => {
  it.each([
    ['json_schema/csaf_json_schema.json', csafJsonSchema],
    ['referenced_schema/first/cvss-v2.0.json', cvssV20Schema],
    ['referenced_schema/first/cvss-v3.0.json', cvssV30Schema],
    ['referenced_schema/first/cvss-v3.1.json', cvssV31Schema],
  ])('%s equals the upstream file', (path, schema) => {
    const upstream: unknown = JSON.parse(readFileSync(testdataPath('csaf-oasis/csaf_2.0', path), 'utf8'))
    expect(schema).toEqual(upstream)
  })
})
