import { describe, expect, it } from 'vitest'
import { compareCsafVersions, parseCsafVersion } from './versions.js'

// The reading parseCsafVersion had before its hand-scanned fast path: the two patterns alone.
function reference(text: string): unknown {
  if (/^(0|[1-9][0-9]*)$/.test(text)) return { kind: 'integer', major: Number(text), minor: 0, patch: 0, prerelease: [], build: undefined }
  const match = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/.exec(text)
  if (!match) return undefined
  return { kind: 'semver', major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), prerelease: match[4] === undefined ? [] : match[4].split('.'), build: match[5] }
}

describe('parseCsafVersion', () => {
  it('reads 200 000 crafted versions as the patterns do', () => {
    let seed = 9
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const parts = ['0', '1', '01', '10', '9', '007', '123456789012345678901234', '', 'a', '-', '+', '.', 'rc', ' ', '\n', '1e3', '0x1']
    const texts = Array.from({ length: 200_000 }, () => {
      let text = ''
      for (let count = 1 + random(6); count > 0; count--) text += `${parts[random(parts.length)] as string}${random(3) === 0 ? '' : '.'}`
      return random(2) ? text.replace(/\.$/, '') : text
    })
    const differences = texts.filter((text) => JSON.stringify(parseCsafVersion(text)) !== JSON.stringify(reference(text)))
    expect(texts.filter((text) => reference(text) !== undefined).length).toBeGreaterThan(5_000)
    expect(differences.slice(0, 20)).toEqual([])
  })

  it('orders versions by precedence', () => {
    expect(['2', '10', '1.0.0-rc.1', '1.0.0', '1.0.0-alpha'].sort(compareCsafVersions)).toEqual(['1.0.0-alpha', '1.0.0-rc.1', '1.0.0', '2', '10'])
  })
})
