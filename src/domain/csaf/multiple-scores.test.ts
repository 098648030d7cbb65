import { describe, expect, it } from 'vitest'
import { validateCsaf } from './validate.js'

// Test 6.1.7 as it was written before the per-version sets: one key string per product and version.
function keyedFindings(vulnerabilities: ReadonlyArray<{ scores: unknown[] }>): string[] {
  const found: string[] = []
  vulnerabilities.forEach(({ scores }, position) => {
    const seen = new Set<string>()
    scores.forEach((score, index) => {
      if (typeof score !== 'object' || score === null) return
      const { products, cvss_v2: v2, cvss_v3: v3 } = score as Record<string, { version?: unknown } | undefined>
      const versions = [v2?.version, v3?.version].map((version) => (typeof version === 'string' ? version : undefined))
      if (!Array.isArray(products) || versions.every((version) => version === undefined)) return
      products.forEach((product: unknown, member) => {
        if (typeof product !== 'string') return
        for (const version of versions) {
          if (version === undefined) continue
          const key = `${product}\u0000cvss ${version}`
          if (seen.has(key)) found.push(`/vulnerabilities/${position}/scores/${index}/products/${member}: product id '${product}' has more than one cvss ${version} score`)
          seen.add(key)
        }
      })
    })
  })
  return found
}

describe('test 6.1.7 (multiple scores with the same version per product)', () => {
  it('reports what one key string per product and version reports, NUL characters included', () => {
    let seed = 5
    const random = (below: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % below
    }
    const ids: unknown[] = ['A', 'B', 'A\u0000cvss 3.1', 'A\u0000', '\u0000', '', 7]
    const versions = ['2.0', '3.0', '3.1', '3.1\u0000cvss 3.1', '\u0000', 'cvss 3.1', undefined]
    const differences: string[] = []
    let reported = 0
    for (let k = 0; k < 4000; k++) {
      const scores = Array.from({ length: 1 + random(3) }, () => {
        const score: Record<string, unknown> = { products: Array.from({ length: random(5) }, () => ids[random(ids.length)]) }
        const v2 = versions[random(versions.length)]
        const v3 = versions[random(versions.length)]
        if (v2 !== undefined) score.cvss_v2 = { version: v2 }
        if (v3 !== undefined) score.cvss_v3 = { version: v3 }
        return score
      })
      const vulnerabilities = [{ scores }, { scores: [...scores].reverse() }]
      const want = keyedFindings(vulnerabilities)
      const got = validateCsaf({ vulnerabilities }, { level: 'basic' }).errors.filter((error) => error.test === '6.1.7').map((error) => `${error.path}: ${error.message}`)
      reported += got.length
      if (JSON.stringify(got) !== JSON.stringify(want)) differences.push(`${JSON.stringify(vulnerabilities)}\n  want ${JSON.stringify(want)}\n  got  ${JSON.stringify(got)}`)
    }
    expect(reported).toBeGreaterThan(2000)
    expect(differences, differences.slice(0, 5).join('\n')).toEqual([])
  })
})
