import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import libxmljs from 'libxmljs2'
import { problem, type Problem } from '../../domain/result.js'
import { checkSpdx2Structure, checkSpdx3Structure, type SbomDocument } from '../../domain/sbom/index.js'

const require = createRequire(import.meta.url)
/** The CycloneDX schemas (JSON and XSD) as shipped by @cyclonedx/cyclonedx-library, read in place. */
const schemaRoot = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema')
// ajv-formats is CommonJS: its default export arrives wrapped once more under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv

/** At most this many schema problems are reported for one document. */
const maxProblems = 100

/** libxml2 options: no network, no DTD loading, no entity substitution (the domain tokenizer already refused DOCTYPE). */
const xmlOptions = { nonet: true, dtdload: false, noent: false, huge: false } as const

let ajv: Ajv | undefined
const jsonValidators = new Map<string, ValidateFunction>()
const xmlSchemas = new Map<string, libxmljs.Document>()

/** The CycloneDX versions whose JSON schemas the library ships (JSON starts at 1.2). */
export const jsonSchemaVersions: readonly string[] = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7']
/** The CycloneDX versions whose XSDs the library ships. */
export const xmlSchemaVersions: readonly string[] = ['1.0', '1.1', ...jsonSchemaVersions]

function jsonValidator(version: string): ValidateFunction {
  const cached = jsonValidators.get(version)
  if (cached !== undefined) return cached
  if (ajv === undefined) {
    ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, loadSchema: undefined })
    addFormats(ajv)
    ajv.addFormat('idn-email', true)
    ajv.addFormat('iri-reference', true)
    ajv.addKeyword({ keyword: linearUniqueItems, schemaType: 'boolean', errors: false, validate: itemsAreUnique })
    // The bom schemas refer to these two by relative URI; register them under the ids those resolve to.
    ajv.addSchema(readJson('spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json')
    ajv.addSchema(readJson('jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json')
  }
  const schema = withoutUniqueItems(readJson(`bom-${version}.SNAPSHOT.schema.json`)) as { $id?: string }
  // Give each version its own $id (the files' ids differ from their names), so relative refs resolve as registered.
  const validator = ajv.compile({ ...schema, $id: `http://cyclonedx.org/schema/bom-${version}.SNAPSHOT.schema.json` })
  jsonValidators.set(version, validator)
  return validator
}

function xmlSchema(version: string): libxmljs.Document {
  const cached = xmlSchemas.get(version)
  if (cached !== undefined) return cached
  const path = join(schemaRoot, `bom-${version}.SNAPSHOT.xsd`)
  const schema = libxmljs.parseXml(readFileSync(path, 'utf8'), { ...xmlOptions, baseUrl: pathToFileURL(path).toString() })
  xmlSchemas.set(version, schema)
  return schema
}

/**
 * Replaces `uniqueItems` by an equivalent keyword checked in linear time: ajv compares every pair of items, which
 * took minutes on a 50,000-component SBOM (a denial of service by upload).
 */
function withoutUniqueItems(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutUniqueItems)
  if (typeof schema !== 'object' || schema === null) return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) out[key === 'uniqueItems' ? linearUniqueItems : key] = withoutUniqueItems(value)
  return out
}

const linearUniqueItems = 'linearUniqueItems'

/** True when no two items are deeply equal, by a canonical (sorted-key) serialisation of each item. */
function itemsAreUnique(enabled: unknown, data: unknown): boolean {
  if (enabled !== true || !Array.isArray(data)) return true
  const seen = new Set<string>()
  for (const item of data) {
    const key = canonical(item)
    if (seen.has(key)) return false
    seen.add(key)
  }
  return true
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
}

function readJson(name: string): object {
  return JSON.parse(readFileSync(join(schemaRoot, name), 'utf8')) as object
}

/**
 * Checks a read document against its official schema: CycloneDX JSON with the JSON schema, CycloneDX XML with the
 * XSD (libxmljs2, see ADR 0030), SPDX with the structural checks of the domain. Returns the problems, each with a path.
 */
export function validateSbomSchema(document: SbomDocument): Problem[] {
  switch (document.kind) {
    case 'cyclonedx-json': {
      const version = String(document.data.specVersion)
      if (!jsonSchemaVersions.includes(version)) return [problem('sbom_unsupported_spec_version', `CycloneDX specVersion ${JSON.stringify(version)} is not supported`)]
      const validate = jsonValidator(version)
      if (validate(document.data)) return []
      return (validate.errors ?? []).slice(0, maxProblems).map((e) =>
        problem('cyclonedx_schema_violation', `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`, { path: e.instancePath || '/', keyword: e.keyword, params: e.params }),
      )
    }
    case 'cyclonedx-xml': {
      const version = String(document.data.specVersion)
      if (!xmlSchemaVersions.includes(version)) return [problem('sbom_unsupported_spec_version', `CycloneDX XML version ${JSON.stringify(version)} is not supported`)]
      let parsed: libxmljs.Document
      try {
        parsed = libxmljs.parseXml(document.text, xmlOptions)
      } catch (error) {
        return [problem('xml_malformed', error instanceof Error ? error.message : String(error))]
      }
      if (parsed.validate(xmlSchema(version))) return []
      return parsed.validationErrors.slice(0, maxProblems).map((e) =>
        problem('cyclonedx_schema_violation', `line ${e.line ?? '?'}: ${e.message.trim()}`, { path: `line ${e.line ?? '?'}, column ${e.column ?? '?'}`, line: e.line }),
      )
    }
    case 'spdx-json':
    case 'spdx-tag-value':
      return checkSpdx2Structure(document.data).slice(0, maxProblems)
    case 'spdx3-jsonld':
      return checkSpdx3Structure(document.data).slice(0, maxProblems)
  }
}
