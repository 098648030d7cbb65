import { describe, expect, it } from 'vitest'
import { diffComponents, fdaTableCsv, fdaTableRows, findingsLookup, parseSbom, type TableFinding, qualityReport, toCycloneDxJson, toCycloneDxXml, toSpdxJson, type Component, type Sbom } from './index.js'

/** A small CycloneDX 1.6 SBOM with FDA fields on one component, a nested component and a dependency cycle. */
const fdaBom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
  version: 1,
  metadata: { timestamp: '2025-01-01T00:00:00Z', authors: [{ name: 'Acme Imaging' }], component: { type: 'device', 'bom-ref': 'scanner', name: 'CT scanner', version: '5' } },
  components: [
    {
      type: 'library',
      'bom-ref': 'openssl',
      supplier: { name: 'OpenSSL Foundation' },
      name: 'openssl',
      version: '3.0.13',
      purl: 'pkg:generic/openssl@3.0.13',
      licenses: [{ expression: 'Apache-2.0' }],
      properties: [
        { name: 'fda:lifecycle:support_level', value: 'actively maintained' },
        { name: 'cdx:lifecycle:milestone:endOfSupport', value: '2026-09-07' },
        { name: 'acme:team', value: 'platform' },
      ],
      components: [{ type: 'file', 'bom-ref': 'libcrypto', name: 'libcrypto.so', hashes: [{ alg: 'SHA-256', content: 'a'.repeat(64) }] }],
    },
    { type: 'firmware', 'bom-ref': 'bios', name: 'bios', cpe: 'cpe:2.3:o:acme:bios:1.0:*:*:*:*:*:*:*' },
  ],
  dependencies: [
    { ref: 'scanner', dependsOn: ['openssl', 'bios'] },
    { ref: 'openssl', dependsOn: ['bios'] },
    { ref: 'bios', dependsOn: ['openssl', 'ghost'] },
  ],
})

function parsed(text: string): Sbom {
  const result = parseSbom(text)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

describe('bad inputs give a stable code and no model', () => {
  const cases: [string, string | Uint8Array, string][] = [
    ['truncated JSON', fdaBom.slice(0, fdaBom.length / 2), 'sbom_json_malformed'],
    ['XML bomb', '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&b;</bom>', 'xml_doctype_forbidden'],
    ['binary', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x01]), 'sbom_binary_content'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xc3, 0x28, 0x7d]), 'sbom_invalid_encoding'],
    ['wrong CycloneDX version', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '9.9', components: [] }), 'sbom_unsupported_spec_version'],
    ['wrong SPDX version', JSON.stringify({ spdxVersion: 'SPDX-1.2', SPDXID: 'SPDXRef-DOCUMENT' }), 'sbom_unsupported_spec_version'],
    ['wrong XML namespace', '<bom xmlns="http://cyclonedx.org/schema/bom/12"/>', 'sbom_unsupported_spec_version'],
    ['unknown JSON', '{"hello":"world"}', 'sbom_unknown_format'],
    ['unknown text', 'just some words', 'sbom_unknown_format'],
    ['not a bom root', '<html><body/></html>', 'sbom_unknown_format'],
    ['empty', '   ', 'sbom_empty'],
    ['JSON array', '[1,2]', 'sbom_unknown_format'],
    ['component without a name', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library' }] }), 'cyclonedx_invalid_component'],
    ['too deeply nested', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: nest(100) }), 'sbom_too_deep'],
    ['truncated tag-value', 'SPDXVersion: SPDX-2.3\nPackageComment: <text>never closed', 'spdx_tag_value_malformed'],
  ]
  for (const [label, input, code] of cases) {
    it(label, () => {
      const result = parseSbom(input)
      expect(result.ok ? 'ok' : result.error.code).toBe(code)
    })
  }

  it('refuses an input above the size limit before decoding it', () => {
    const result = parseSbom(new Uint8Array(2048), { maxBytes: 1024 })
    expect(result.ok ? 'ok' : result.error.code).toBe('sbom_too_large')
  })
})

function nest(depth: number): unknown[] {
  let components: unknown[] = []
  for (let i = 0; i < depth; i++) components = [{ type: 'library', name: `c${i}`, components }]
  return components
}

describe('model', () => {
  it('reads FDA support fields from CycloneDX properties and keeps the other properties', () => {
    const sbom = parsed(fdaBom)
    const openssl = sbom.components.find((c) => c.ref === 'openssl')
    expect(openssl?.supportLevel).toBe('actively_maintained')
    expect(openssl?.endOfSupport).toBe('2026-09-07')
    expect(openssl?.properties).toEqual([{ name: 'acme:team', value: 'platform' }])
    expect(sbom.components.find((c) => c.ref === 'libcrypto')?.parent).toBe('openssl')
    expect(sbom.subject?.name).toBe('CT scanner')
  })

  it('reports dangling refs and dependency cycles as warnings, not errors', () => {
    const codes = parsed(fdaBom).warnings.map((w) => w.code).sort()
    expect(codes).toEqual(['sbom_dangling_ref', 'sbom_dependency_cycle'])
  })

  it('accepts components nested 64 deep and refuses 65', () => {
    const at = (depth: number) => parseSbom(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: nest(depth) }))
    // nest(n) holds n components, each in its own list, inside one more (empty) innermost list.
    expect(at(63).ok).toBe(true)
    const refused = at(64)
    expect(refused.ok ? 'ok' : refused.error.code).toBe('sbom_too_deep')
  })

  it('names every ref of a dependency cycle in order, and finds each cycle once', () => {
    const component = (ref: string) => ({ type: 'library', 'bom-ref': ref, name: ref })
    const sbom = parsed(JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: ['a', 'b', 'c', 'd'].map(component),
      dependencies: [{ ref: 'a', dependsOn: ['b'] }, { ref: 'b', dependsOn: ['c', 'd'] }, { ref: 'c', dependsOn: ['a'] }, { ref: 'd', dependsOn: ['d'] }],
    }))
    expect(sbom.warnings.map((w) => w.message)).toEqual(['dependency cycle: a -> b -> c -> a', 'dependency cycle: d -> d'])
  })

  it('reports duplicate bom-refs', () => {
    const sbom = parsed(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', 'bom-ref': 'a', name: 'x' }, { type: 'library', 'bom-ref': 'a', name: 'y' }] }))
    expect(sbom.warnings.map((w) => w.code)).toEqual(['sbom_duplicate_ref'])
  })

  it('reads SPDX 3 supportLevel and validUntilTime', () => {
    const sbom = parsed(
      JSON.stringify({
        '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld',
        '@graph': [
          { type: 'CreationInfo', '@id': '_:c', specVersion: '3.0.1', created: '2025-01-01T00:00:00Z', createdBy: ['urn:a'] },
          { type: 'Organization', spdxId: 'urn:a', name: 'Acme', creationInfo: '_:c' },
          { type: 'software_Package', spdxId: 'urn:p', name: 'zlib', software_packageVersion: '1.3', suppliedBy: 'urn:a', supportLevel: ['noSupport'], validUntilTime: '2024-01-01T00:00:00Z', creationInfo: '_:c' },
        ],
      }),
    )
    expect(sbom.components[0]).toMatchObject({ name: 'zlib', supplier: 'Acme', supportLevel: 'abandoned', endOfSupport: '2024-01-01T00:00:00Z' })
    expect(sbom.authors).toEqual(['Acme'])
  })
})

describe('quality report', () => {
  it('counts NTIA elements, FDA fields and matching identifiers, and scores 0-100', () => {
    const report = qualityReport(parsed(fdaBom))
    expect(report.components).toBe(3)
    expect(report.dependencies).toBe(5)
    expect(report.ntia.missing).toEqual({ supplier: 2, name: 0, version: 2, identifier: 1 })
    expect(report.ntia.componentsComplete).toBe(1)
    expect(report.fda).toEqual({ supportLevel: 1, endOfSupport: 1 })
    expect(report.identifiers).toEqual({ purl: 1, cpe: 1 })
    // supplier 1/3, name 3/3, version 1/3, identifier 2/3, dependency 3/3, author, timestamp, FDA 1/3 each, matching 2/3.
    expect(report.score).toBe(Math.round(10 / 3 + 10 + 10 / 3 + 20 / 3 + 10 + 5 + 5 + 5 + 5 + 20 / 3))
    expect(report.perComponent.find((c) => c.ref === 'libcrypto')?.gaps).toEqual(['supplier', 'version', 'identifier', 'supportLevel', 'endOfSupport', 'matchingIdentifier'])
  })

  it('scores an SBOM without components low and says why', () => {
    const report = qualityReport(parsed(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6' })))
    expect(report.score).toBe(0)
    expect(report.documentGaps).toEqual(['author', 'timestamp', 'components'])
  })
})

describe('export', () => {
  it('keeps the FDA fields in CycloneDX JSON, CycloneDX XML and SPDX 2.3 JSON', () => {
    const sbom = parsed(fdaBom)
    for (const text of [toCycloneDxJson(sbom), toCycloneDxXml(sbom), toSpdxJson(sbom)]) {
      const again = parsed(text).components.find((c) => c.name === 'openssl')
      expect(again?.supportLevel).toBe('actively_maintained')
      expect(again?.endOfSupport?.slice(0, 10)).toBe('2026-09-07')
    }
  })

  it('writes valid SPDX ids and DEPENDS_ON relationships', () => {
    const spdx = JSON.parse(toSpdxJson(parsed(fdaBom))) as { packages: { SPDXID: string }[]; relationships: { relationshipType: string }[] }
    expect(spdx.packages.every((p) => /^SPDXRef-[A-Za-z0-9.-]+$/.test(p.SPDXID))).toBe(true)
    expect(spdx.relationships.filter((r) => r.relationshipType === 'DEPENDS_ON')).toHaveLength(5)
    expect(spdx.packages).toHaveLength(4)
  })
})

describe('FDA table', () => {
  it('lists every component with its support fields and defuses spreadsheet formulas', () => {
    const rows = fdaTableRows(parsed(fdaBom), (c) => (c.name === 'openssl' ? ['CVE-2024-0727'] : []))
    expect(rows[0]).toEqual({ component: 'CT scanner', version: '5', supplier: '', levelOfSupport: 'unknown', endOfSupport: '', knownVulnerabilities: '' })
    expect(rows[1]).toEqual({ component: 'openssl', version: '3.0.13', supplier: 'OpenSSL Foundation', levelOfSupport: 'actively maintained', endOfSupport: '2026-09-07', knownVulnerabilities: 'CVE-2024-0727 (1)' })
    const csv = fdaTableCsv([{ component: '=HYPERLINK("x")', version: '1, 2', supplier: '', levelOfSupport: 'unknown', endOfSupport: '', knownVulnerabilities: '' }])
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")","1, 2",,unknown,,`)
  })

  it('fills known vulnerabilities from findings, leaving out resolved ones and those triaged not_affected or false_positive', () => {
    const finding = (vulnerabilityId: string, over: Partial<TableFinding> = {}): TableFinding => ({ componentRef: 'openssl', componentName: 'openssl', componentVersion: '3.0.13', vulnerabilityId, status: 'present', triageState: null, ...over })
    const lookup = findingsLookup([
      finding('CVE-2024-0727'),
      finding('CVE-2023-5678', { triageState: 'exploitable' }),
      finding('CVE-2023-0001', { triageState: 'not_affected' }),
      finding('CVE-2023-0002', { triageState: 'false_positive' }),
      finding('CVE-2023-0003', { status: 'resolved' }),
      finding('CVE-2024-0727', { componentRef: 'elsewhere', componentName: 'zlib', componentVersion: '1.3' }),
      finding('CVE-2024-9999', { componentRef: 'renamed-ref', componentName: 'openssl', componentVersion: '3.0.13' }),
    ])
    const rows = fdaTableRows(parsed(fdaBom), lookup, true)
    const cells = Object.fromEntries(rows.map((r) => [r.component, r.knownVulnerabilities]))
    expect(cells.openssl).toBe('CVE-2023-5678, CVE-2024-0727 (2)')
    expect(cells['CT scanner']).toBe('None known')
    expect(fdaTableRows(parsed(fdaBom), lookup, false)[0]!.knownVulnerabilities).toBe('')
    // Found by name and version when the bom-ref is not the one the finding names.
    expect(findingsLookup([finding('CVE-2024-9999', { componentRef: 'renamed-ref' })])({ ref: 'x', type: 'library', name: 'openssl', version: '3.0.13', hashes: [], licenses: [], properties: [] })).toEqual(['CVE-2024-9999'])
  })
})

describe('diffComponents', () => {
  const base: Component = { ref: 'a', type: 'library', name: 'zlib', version: '1.3', purl: 'pkg:generic/zlib@1.3', hashes: [], licenses: [], properties: [] }
  it('keys by purl, else type, name and version, and lists changed fields', () => {
    const noPurl: Component = { ref: 'b', type: 'library', name: 'tool', version: '2', hashes: [], licenses: [], properties: [] }
    const diff = diffComponents([base, noPurl], [{ ...base, ref: 'x', supplier: 'zlib project', supportLevel: 'actively_maintained' }, { ...noPurl, version: '3' }])
    expect(diff.changed).toHaveLength(1)
    expect(diff.changed[0]?.fields.map((f) => f.field)).toEqual(['supplier', 'supportLevel'])
    expect(diff.removed.map((c) => c.version)).toEqual(['2'])
    expect(diff.added.map((c) => c.version)).toEqual(['3'])
  })

  it('finds nothing between equal lists', () => {
    expect(diffComponents([base], [{ ...base }])).toEqual({ added: [], removed: [], changed: [] })
  })
})
