import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import addFormatsModule from 'ajv-formats'
import type { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { compileCsafSchema, generateCsafValidatorModules, generatedDir, variants } from '../../../../scripts/gen-csaf-validators.js'
import { testdataPath } from '../../../../test/support/testdata.js'
import type { GeneratedValidator } from '../schema-validation.js'
import { validate as allErrors } from './csaf-schema-all-errors.js'
import { validate as strict } from './csaf-schema-strict.js'
import { validate as verdict } from './csaf-schema-verdict.js'

// ajv-formats is CommonJS: under ESM its default export arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsonFiles(path)
    return name.endsWith('.json') && name !== 'testcases.json' ? [path] : []
  })
}

const root = testdataPath('csaf-oasis/csaf_2.0')
const files = [...jsonFiles(join(root, 'test/validator/data')), ...jsonFiles(join(root, 'examples/csaf'))]
const documents = files.map((file) => ({ name: file.slice(root.length + 1), doc: JSON.parse(readFileSync(file, 'utf8')) as unknown }))

// Every JSON pointer of a document (objects and arrays descended), to break the document at many places.
function pointers(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [path]
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
  return [path, ...entries.flatMap(([key, child]) => pointers(child, `${path}/${key}`))]
}

function replaced(doc: unknown, pointer: string, replacement: unknown): unknown {
  if (pointer === '') return replacement
  const copy = structuredClone(doc) as Record<string, unknown>
  const keys = pointer.slice(1).split('/')
  let parent: Record<string, unknown> = copy
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>
  parent[keys[keys.length - 1] as string] = replacement
  return copy
}

// Broken copies of the documents: every 7th value replaced by a wrong type, an empty string, a bad date or URI, an
// unknown property; together with the originals, over two thousand documents with every kind of schema error.
// A list with a repeated string sends the generated uniqueItems checks past their distinct-strings shortcut.
const replacements: unknown[] = [42, '', 'not a date', {}, [], 'https://example.com/a b', '2024-02-30T10:00:00Z', { unknown: true }, ['CSAFPID-0001', 'x', 'CSAFPID-0001']]
const corpus = documents.flatMap(({ name, doc }) => [
  { name, doc },
  ...pointers(doc).filter((_, i) => i % 7 === 3).map((pointer, i) => {
    const replacement = replacements[i % replacements.length]
    return { name: `${name} with ${pointer} = ${JSON.stringify(replacement)}`, doc: replaced(doc, pointer, replacement) }
  }),
])

describe('generated CSAF schema validators (scripts/gen-csaf-validators.ts)', () => {
  it('are current: regenerating gives the committed files', () => {
    const modules = generateCsafValidatorModules()
    expect(modules.map(([file]) => file)).toEqual(['csaf-schema-verdict.ts', 'csaf-schema-all-errors.ts', 'csaf-schema-strict.ts', 'uri-format.ts'])
    const stale = modules.filter(([file, text]) => readFileSync(join(generatedDir, file), 'utf8') !== text).map(([file]) => file)
    expect(stale, `regenerate with npx tsx scripts/gen-csaf-validators.ts: ${stale.join(', ')}`).toEqual([])
  })

  it('compile nothing at run time (no eval, no Function constructor, no require)', () => {
    for (const [file, text] of generateCsafValidatorModules()) {
      const code = text.replace(/"(?:[^"\\]|\\.)*"/g, '""')
      expect(code, file).not.toMatch(/\beval\s*\(|\bFunction\s*\(|\brequire\s*\(/)
    }
  })

  it.each([
    ['csaf-schema-verdict.ts', verdict],
    ['csaf-schema-all-errors.ts', allErrors],
    ['csaf-schema-strict.ts', strict],
  ])('%s gives the verdict and the errors of ajv with ajv-formats on every suite document and broken copy', (file, generated) => {
    const variant = variants.find((v) => v.file === file)
    if (!variant) throw new Error(`no variant ${file}`)
    const reference = compileCsafSchema({ ...variant, formats: addFormats }).validate
    const validate = generated as GeneratedValidator
    const differences: string[] = []
    let invalid = 0
    for (const { name, doc } of corpus) {
      const expected = reference(doc)
      const actual = validate(doc)
      if (!expected) invalid++
      const expectedErrors = JSON.stringify(reference.errors ?? null)
      const actualErrors = JSON.stringify(validate.errors ?? null)
      if (expected !== actual || expectedErrors !== actualErrors) differences.push(`${name}: ajv ${expected} ${expectedErrors.slice(0, 200)}, generated ${actual} ${actualErrors.slice(0, 200)}`)
    }
    expect(corpus.length).toBeGreaterThan(2000)
    // The broken copies must really exercise the error paths.
    expect(invalid, `${invalid} invalid of ${corpus.length}`).toBeGreaterThan(1500)
    expect(differences, differences.slice(0, 20).join('\n')).toEqual([])
  })

  it('csaf-schema-verdict.ts (cvss_v3 chosen by version) gives the verdict of the schema as published', () => {
    // The all-errors validator is generated from the published schema; the verdict validator from a rewrite of it.
    const all = allErrors as GeneratedValidator
    const cvssDocuments = corpus.filter(({ doc }) => JSON.stringify(doc).includes('"cvss_v3"'))
    // Every CVSS 3.x object also with the other version, with no version, with a version of the wrong type.
    const swapped = cvssDocuments.slice(0, 300).flatMap(({ name, doc }) => ['3.0', '3.1', undefined, 31].map((version) => {
      const copy = structuredClone(doc) as { vulnerabilities?: { scores?: { cvss_v3?: { version?: unknown } }[] }[] }
      for (const vulnerability of copy.vulnerabilities ?? []) {
        for (const score of vulnerability.scores ?? []) if (score.cvss_v3) score.cvss_v3.version = version
      }
      return { name: `${name} with cvss_v3 version ${String(version)}`, doc: copy as unknown }
    }))
    const differences = [...corpus, ...swapped].filter(({ doc }) => (verdict as GeneratedValidator)(doc) !== all(doc)).map(({ name }) => name)
    expect(cvssDocuments.length).toBeGreaterThan(300)
    expect(differences.slice(0, 20)).toEqual([])
  })
})
