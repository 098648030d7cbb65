import { fail, problem, type Problem, type Result } from '../../domain/result.js'
import { normaliseSbomDocument, readSbomDocument, type Sbom, type SbomDocument } from '../../domain/sbom/index.js'
import { validateSbomSchema } from '../sbom-files/schema-validation.js'

/** Components per schema check of a large CycloneDX JSON document (see ADR 0100). */
const SCHEMA_CHUNK = 1000

/**
 * Reads, schema-checks and normalises uploaded bytes. Same outcome as `loadSbom` of sbom-files, except that large
 * CycloneDX JSON documents are schema-checked in slices of components: the schema's `uniqueItems` on the component
 * list makes ajv compare every pair, which takes minutes at 50,000 components (ADR 0100).
 */
export function readUploadedSbom(bytes: Uint8Array, maxBytes: number): Result<Sbom> {
  const document = readSbomDocument(bytes, { maxBytes })
  if (!document.ok) return document
  const problems = schemaProblems(document.value)
  if (problems.length > 0) {
    const first = problems[0]
    const code = problems.every((p) => p.code === 'sbom_unsupported_spec_version') ? 'sbom_unsupported_spec_version' : 'sbom_schema_invalid'
    return fail(problem(code, `the ${document.value.kind} document is invalid: ${first?.message ?? ''}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { problems }))
  }
  return normaliseSbomDocument(document.value)
}

function schemaProblems(document: SbomDocument): Problem[] {
  const components = document.data.components
  const dependencies = document.data.dependencies
  const large = (Array.isArray(components) && components.length > SCHEMA_CHUNK) || (Array.isArray(dependencies) && dependencies.length > SCHEMA_CHUNK)
  if (document.kind !== 'cyclonedx-json' || !large) return validateSbomSchema(document)
  const componentList = Array.isArray(components) ? components : []
  const dependencyList = Array.isArray(dependencies) ? dependencies : []
  const slices = Math.max(Math.ceil(componentList.length / SCHEMA_CHUNK), Math.ceil(dependencyList.length / SCHEMA_CHUNK), 1)
  for (let slice = 0; slice < slices; slice++) {
    const from = slice * SCHEMA_CHUNK
    const part: SbomDocument = {
      ...document,
      data: {
        ...document.data,
        ...(Array.isArray(components) ? { components: componentList.slice(from, from + SCHEMA_CHUNK) } : {}),
        ...(Array.isArray(dependencies) ? { dependencies: dependencyList.slice(from, from + SCHEMA_CHUNK) } : {}),
      },
    }
    const found = validateSbomSchema(part)
    // Paths inside a slice are relative to it; point them back at the whole document.
    if (found.length > 0) return found.map((p) => ({ ...p, message: shiftIndex(p.message, from), ...(p.details === undefined ? {} : { details: shiftDetails(p.details, from) }) }))
  }
  return []
}

function shiftIndex(text: string, offset: number): string {
  return text.replace(/\/(components|dependencies)\/(\d+)/g, (_, list: string, index: string) => `/${list}/${Number(index) + offset}`)
}

function shiftDetails(details: unknown, offset: number): unknown {
  if (typeof details !== 'object' || details === null || !('path' in details) || typeof details.path !== 'string') return details
  return { ...details, path: shiftIndex(details.path, offset) }
}
