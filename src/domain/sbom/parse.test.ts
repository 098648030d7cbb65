import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { parseSbom, type Sbom } from './index.js'

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })
}

/** SPDX files that are not in an encoding this project reads; each is refused with sbom_unsupported_encoding. */
const unsupportedSpdxEncodings = /\.(rdf\.xml|spdx\.xml|yaml|xls|xlsx|ttl)$/

/** Ontology, schema and context files that sit beside the examples but are not SBOM documents. */
const notDocuments = /(ontology|schemas|\/rdf\/|README|LICENSE|COPYING|\.sha256$|\/shas$)/

/**
 * Documented exceptions: these documents state one dependency edge twice (lib RUNTIME_DEPENDENCY_OF main and main
 * DYNAMIC_LINK lib); the model keeps each edge once, so it holds that many relationships fewer than the text.
 */
const mergedDuplicateEdges: Readonly<Record<string, number>> = {
  'software/example3/spdx2.2/example3-bin.spdx': 1,
  'software/example4/spdx2.2/example4-bin.spdx': 3,
}

interface Counted {
  readonly components: number
  readonly relationships: number
}

/** Counts packages, files and relationships straight from the document, independently of the parser. */
function rawCounts(path: string, text: string): Counted {
  if (path.endsWith('.spdx')) {
    return { components: (text.match(/^(PackageName|FileName):/gm) ?? []).length, relationships: (text.match(/^Relationship:/gm) ?? []).length }
  }
  const data = JSON.parse(text) as Record<string, unknown>
  if (Array.isArray(data['@graph'])) {
    const graph = data['@graph'] as Record<string, unknown>[]
    const componentTypes = new Set(['software_Package', 'software_File', 'ai_AIPackage', 'dataset_DatasetPackage'])
    const relationships = graph
      .filter((e) => (e.type === 'Relationship' || e.type === 'LifecycleScopedRelationship') && e.relationshipType !== 'hasDeclaredLicense' && e.relationshipType !== 'hasConcludedLicense')
      .reduce((sum, e) => sum + (Array.isArray(e.to) ? e.to.length : 0), 0)
    return { components: graph.filter((e) => componentTypes.has(String(e.type))).length, relationships }
  }
  const list = (key: string) => (Array.isArray(data[key]) ? (data[key] as unknown[]).length : 0)
  return { components: list('packages') + list('files'), relationships: list('relationships') }
}

/** Relationships the model holds: dependency edges plus the other relationships. */
function modelRelationships(sbom: Sbom): number {
  return sbom.dependencies.reduce((sum, d) => sum + d.dependsOn.length, 0) + sbom.relationships.length
}

describe('SPDX examples and spec examples', () => {
  for (const suite of ['spdx-examples', 'spdx-spec'] as const) {
    it(`parses every SPDX JSON, tag-value and 3.0 JSON-LD document of ${suite}, components and relationships counted`, () => {
      const root = testdataPath(suite)
      const files = walk(root).filter((f) => !notDocuments.test(f) && /\.(json|spdx|jsonld|json-ld|yaml|xml|xls|xlsx)$/.test(f))
      const failures: string[] = []
      let parsed = 0
      let refused = 0
      let components = 0
      let relationships = 0
      for (const file of files) {
        const name = relative(root, file)
        const result = parseSbom(readFileSync(file))
        if (unsupportedSpdxEncodings.test(file)) {
          if (result.ok || !['sbom_unsupported_encoding', 'sbom_binary_content'].includes(result.error.code)) failures.push(`${name}: expected a clear refusal`)
          refused++
          continue
        }
        if (!result.ok) {
          failures.push(`${name}: ${result.error.code} ${result.error.message}`)
          continue
        }
        parsed++
        const expected = rawCounts(file, readFileSync(file, 'utf8'))
        components += result.value.components.length
        relationships += modelRelationships(result.value)
        if (result.value.components.length !== expected.components) failures.push(`${name}: ${result.value.components.length} components, expected ${expected.components}`)
        const expectedRelationships = expected.relationships - (mergedDuplicateEdges[name] ?? 0)
        if (modelRelationships(result.value) !== expectedRelationships) failures.push(`${name}: ${modelRelationships(result.value)} relationships, expected ${expectedRelationships}`)
      }
      expect(failures).toEqual([])
      if (suite === 'spdx-examples') {
        expect({ parsed, refused }).toEqual({ parsed: 56, refused: 0 })
      } else {
        expect({ parsed, refused }).toEqual({ parsed: 5, refused: 9 })
      }
      expect(components).toBeGreaterThan(0)
      expect(relationships).toBeGreaterThan(0)
    })
  }
})

describe('CycloneDX bom-examples', () => {
  it('parses every JSON and XML document, with as many components as the document holds', () => {
    const root = testdataPath('cyclonedx-bom-examples')
    const files = walk(root).filter((f) => f.endsWith('.json') || f.endsWith('.xml'))
    const failures: string[] = []
    let components = 0
    let dependencies = 0
    for (const file of files) {
      const result = parseSbom(readFileSync(file))
      if (!result.ok) {
        failures.push(`${relative(root, file)}: ${result.error.code} ${result.error.message}`)
        continue
      }
      components += result.value.components.length
      dependencies += result.value.dependencies.length
      if (file.endsWith('.json')) {
        const count = (list: unknown): number => (Array.isArray(list) ? list.reduce((sum: number, c: { components?: unknown }) => sum + 1 + count(c.components), 0) : 0)
        const expected = count((JSON.parse(readFileSync(file, 'utf8')) as { components?: unknown }).components)
        if (result.value.components.length !== expected) failures.push(`${relative(root, file)}: ${result.value.components.length} components, expected ${expected}`)
      }
    }
    expect(failures).toEqual([])
    expect(files.length).toBe(82)
    expect(components).toBeGreaterThan(5000)
    expect(dependencies).toBeGreaterThan(1000)
  })
})
