import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { PackageURL } from 'packageurl-js'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { isPlainPurl } from './plain-purl.js'

// Every purl-looking string of the purl-spec, OASIS CSAF and CycloneDX suites.
function suitePurls(): string[] {
  const found = new Set<string>()
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (name.endsWith('.json')) for (const match of readFileSync(path, 'utf8').matchAll(/"(pkg:[^"\\]*)"/g)) found.add(match[1] as string)
    }
  }
  for (const suite of ['purl-spec', 'csaf-oasis', 'cyclonedx-bom-examples']) walk(testdataPath(suite))
  return [...found]
}

// Broken and reshaped copies of a purl: characters dropped, changed or put in (including ones URL treats specially),
// the type swapped for one with its own validation, parts repeated.
const inserts = ['/', '//', '@', '@@', '%', '%2', '%41', '?', '#', ' ', '\t', '\n', ':', '.', '..', '~', '+', '_', '-', 'A', '\u00e9', '\\', '=', '&', '']
const types = ['maven', 'golang', 'conan', 'cran', 'mlflow', 'oci', 'pub', 'swift', 'npm', 'pypi', 'NPM', '1x', 'a.b+c-d', 'constructor', '__proto__', 'toString']
function variantsOf(purl: string, seed: number): string[] {
  let state = seed
  const random = (below: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    return state % below
  }
  const out = [purl]
  for (let k = 0; k < 24; k++) {
    let text = purl
    for (let edits = 1 + random(3); edits > 0; edits--) {
      const at = random(text.length + 1)
      const insert = inserts[random(inserts.length)] as string
      const op = random(3)
      text = op === 0 ? text.slice(0, at) + insert + text.slice(at) : op === 1 ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + insert + text.slice(at + 1)
    }
    out.push(text)
  }
  const slash = purl.indexOf('/')
  if (slash > 4) for (const type of types) out.push(`pkg:${type}${purl.slice(slash)}`)
  return out
}

describe('isPlainPurl (pre-check of CSAF test 6.1.13)', () => {
  it('accepts only purls that packageurl-js parses without an error', () => {
    const purls = suitePurls()
    expect(purls.length).toBeGreaterThan(500)
    const wrong: string[] = []
    let accepted = 0
    let checked = 0
    purls.forEach((purl, index) => {
      for (const variant of variantsOf(purl, index + 1)) {
        checked++
        if (!isPlainPurl(variant)) continue
        accepted++
        try {
          PackageURL.fromString(variant)
        } catch (error) {
          wrong.push(`${JSON.stringify(variant)}: ${String(error)}`)
        }
      }
    })
    expect(checked).toBeGreaterThan(20000)
    expect(accepted).toBeGreaterThan(2000)
    expect(wrong, wrong.slice(0, 20).join('\n')).toEqual([])
  })

  it('accepts the usual forms and leaves the rest to packageurl-js', () => {
    for (const purl of ['pkg:npm/lodash@4.17.21', 'pkg:maven/org.apache.commons/commons-lang3@3.12.0', 'pkg:pypi/django', 'pkg:deb/debian/curl@7.50.3-1'])
      expect(isPlainPurl(purl), purl).toBe(true)
    for (const purl of ['pkg:maven/commons-lang3@3.12.0', 'pkg:npm/%40angular/core@1', 'pkg:npm/a?b=c', 'pkg:npm/a#x', 'pkg:NPM/a', 'pkg://npm/a', 'pkg:npm//a', 'pkg:npm/a@', 'pkg:npm/', 'pkg:golang/x/y@v1', 'pkg:npm/a b'])
      expect(isPlainPurl(purl), purl).toBe(false)
  })
})
