import { describe, expect, it } from 'vitest'
import { loadSbom } from './read-sbom-file.js'

/** A CycloneDX 1.6 JSON document of n distinct library components, changed by `edit`. */
function document(n: number, edit: (components: Record<string, unknown>[]) => void = () => {}): Uint8Array {
  const components: Record<string, unknown>[] = Array.from({ length: n }, (_, i) => ({ type: 'library', 'bom-ref': `c-${i}`, name: `component-${i}`, version: '1.0.0', purl: `pkg:npm/component-${i}@1.0.0` }))
  edit(components)
  return new TextEncoder().encode(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components }))
}

const problemsOf = (bytes: Uint8Array) => {
  const loaded = loadSbom(bytes)
  if (loaded.ok) return []
  return (loaded.error.details as { problems: { message: string; details?: { path?: string; keyword?: string } }[] }).problems
}

describe('one schema pass over a whole large CycloneDX JSON document', () => {
  it('accepts a valid document of 5,000 components', () => {
    expect(loadSbom(document(5000)).ok).toBe(true)
  })

  it('reports a problem deep in the list at its path in the uploaded document', () => {
    const problems = problemsOf(document(5000, (c) => void (c[4321]!.type = 'not-a-type')))
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]!.details?.path).toBe('/components/4321/type')
  })

  it('finds two equal components far apart (a 1,000-component slice would not see them together)', () => {
    const problems = problemsOf(document(5000, (c) => void (c[4999] = { ...c[3]! })))
    expect(problems.map((p) => [p.details?.path, p.details?.keyword])).toEqual([['/components', 'linearUniqueItems']])
  })
})
