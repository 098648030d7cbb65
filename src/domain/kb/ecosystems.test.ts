import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { parsePurl } from '../purl/index.js'
import { packageKey, plainPurlIdentity, purlIdentity } from './ecosystems.js'
import type { PurlIdentity } from './ecosystems.js'

// The plain purl reader of the matching hot path must give exactly what the full parser gives. It is compared with
// parsePurl + packageKey on every purl string found in the shared suites and on variants of each that probe the
// reader's edges (case, qualifiers, empty segments, escapes, subpaths, versions).

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    const stat = statSync(path)
    if (stat.isDirectory()) files(path, out)
    else if (/\.(json|xml|spdx|txt|csv)$/.test(name) && stat.size < 4_000_000) out.push(path)
  }
  return out
}

function suitePurls(): string[] {
  const purls = new Set<string>()
  for (const suite of ['purl-spec', 'cyclonedx-bom-examples', 'cyclonedx-specification', 'dependency-track-fixtures', 'osv-dev', 'spdx-examples', 'csaf-oasis', 'openvex']) {
    for (const file of files(testdataPath(suite))) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/pkg:[^\s"'<>\\,]{1,300}/gi)) purls.add(m[0].replace(/&amp;/g, '&'))
    }
  }
  return [...purls].sort()
}

function variants(purl: string): string[] {
  const [head = '', query] = purl.split('?', 2)
  const at = head.lastIndexOf('@')
  const slash = head.indexOf('/', 4)
  return [
    purl,
    purl.toUpperCase(),
    'PKG:' + purl.slice(4),
    purl.slice(0, 4) + '/' + purl.slice(4),
    slash > 0 ? purl.slice(0, 4) + purl.slice(4, slash).toUpperCase() + purl.slice(slash) : purl,
    slash > 0 ? purl.slice(0, slash) + '//' + purl.slice(slash + 1) : purl,
    head + '/' + (query === undefined ? '' : '?' + query),
    head + '@',
    head + '#sub/path',
    head + '?distro=debian-12',
    head + '?distro=',
    head + '?Distro=x&distro=y',
    head + '?distro=a&arch=x86&distro=b',
    head + '?=x&&noequals&distro=ok',
    head + '?1bad=x',
    head + '?__proto__=x&__proto__=y',
    head.replace(/-/g, '_'),
    head.replace(/\./g, '%2E'),
    at > 0 ? head.slice(0, at) : head + '@1.0.0',
    at > 0 ? head.slice(0, at) + '@' + head.slice(at + 1).toUpperCase() : head,
    at > 0 ? head.slice(0, head.lastIndexOf('/', at) + 1) + head.slice(at) : head,
    head.replace(/\/[^/@]*$/, '/'),
    head.replace('pkg:', 'pkg:npm/'),
    head.replace(/^pkg:[^/]*/, 'pkg:pypi'),
    head.replace(/^pkg:[^/]*/, 'pkg:deb'),
    head.replace(/^pkg:[^/]*/, 'pkg:maven'),
    head.replace(/^pkg:[^/]*/, 'pkg:unregistered-type'),
    head.replace(/^pkg:[^/]*/, 'pkg:9digit'),
  ]
}

function reference(purl: string): PurlIdentity | null {
  const parsed = parsePurl(purl)
  if (!parsed.ok) return null
  const p = parsed.value
  return { key: packageKey(p.type, p.namespace, p.name), type: p.type, version: p.version, distro: p.qualifiers?.['distro'] ?? null }
}

describe('plain purl reader', () => {
  it('gives what parsePurl + packageKey give, on every suite purl and its variants', () => {
    const purls = suitePurls()
    expect(purls.length).toBeGreaterThan(3_000)
    const inputs = new Set<string>()
    for (const purl of purls) for (const v of variants(purl)) inputs.add(v)
    const mismatches: string[] = []
    let plain = 0
    let plainInvalid = 0
    for (const input of inputs) {
      const expected = reference(input)
      const quick = plainPurlIdentity(input)
      if (quick !== undefined) {
        plain++
        if (quick === null) plainInvalid++
        if (JSON.stringify(quick) !== JSON.stringify(expected)) mismatches.push(`${input}: plain ${JSON.stringify(quick)}, parser ${JSON.stringify(expected)}`)
      }
      const identity = purlIdentity(input)
      if (JSON.stringify(identity) !== JSON.stringify(expected)) mismatches.push(`${input}: purlIdentity ${JSON.stringify(identity)}, parser ${JSON.stringify(expected)}`)
    }
    expect(mismatches.slice(0, 50)).toEqual([])
    expect(mismatches.length).toBe(0)
    // The reader must actually take the plain path for most inputs, including some it rejects itself.
    expect(plain).toBeGreaterThan(inputs.size / 2)
    expect(plainInvalid).toBeGreaterThan(1_000)
  })

  it('reads the plain forms of the common ecosystems', () => {
    expect(plainPurlIdentity('pkg:npm/%40angular/core@1.0.0')).toBeUndefined()
    expect(plainPurlIdentity('pkg:npm/@angular/Core@1.0.0')).toEqual({ key: 'npm/@angular/core', type: 'npm', version: '1.0.0', distro: null })
    expect(plainPurlIdentity('pkg:pypi/Django_Rest@3.0RC1')).toEqual({ key: 'pypi//django-rest', type: 'pypi', version: '3.0rc1', distro: null })
    expect(plainPurlIdentity('pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12')).toEqual({ key: 'deb/debian/openssl', type: 'deb', version: '3.0.11-1', distro: 'debian-12' })
    expect(plainPurlIdentity('pkg:deb/openssl@3.0.11-1')).toBeNull()
    expect(plainPurlIdentity('pkg:cargo/ns/name@1')).toBeNull()
    expect(plainPurlIdentity('pkg:maven/org.Example/Lib@1.0')).toEqual({ key: 'maven/org.Example/Lib', type: 'maven', version: '1.0', distro: null })
  })
})
