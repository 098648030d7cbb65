import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { compareCpeStrings, cpeCriterionCovers, formatCpe, formatCpeUri, parseCpe } from './index.js'

function lines(...path: string[]): string[] {
  return readFileSync(testdataPath(...path), 'utf8').split('\n').filter((l) => l.trim() !== '')
}

function relation(a: string, b: string): string {
  const r = compareCpeStrings(a, b)
  return r.ok ? r.value.result : r.error.code
}

describe('CPE names', () => {
  it('accepts every valid CPE of the CSAF 2.1 suite (10) and rejects every invalid one (9)', () => {
    const valid = lines('csaf-oasis', 'csaf_2.1', 'test', 'cpe', 'data', 'valid', 'cpe.txt')
    const bad = lines('csaf-oasis', 'csaf_2.1', 'test', 'cpe', 'data', 'invalid', 'cpe.txt')
    expect(valid.length).toBe(10)
    expect(bad.length).toBe(9)
    const failures = [
      ...valid.filter((c) => !parseCpe(c).ok).map((c) => `should be valid: ${c} (${JSON.stringify(parseCpe(c))})`),
      ...bad.filter((c) => parseCpe(c).ok).map((c) => `should be invalid: ${c}`),
    ]
    expect(failures, failures.join('\n')).toEqual([])
  })

  it('binds and unbinds both forms with escaping', () => {
    const fs = 'cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*'
    const parsed = parseCpe(fs)
    expect(parsed.ok && formatCpe(parsed.value)).toBe(fs)
    expect(parsed.ok && formatCpeUri(parsed.value)).toBe('cpe:/a:microsoft:internet_explorer:8.0.6001:beta')
    const escaped = parseCpe('cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*')
    expect(escaped.ok && formatCpeUri(escaped.value)).toBe('cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~')
    const uri = parseCpe('cpe:/a:foo%5cbar:big%24money_manager_2010')
    expect(uri.ok && formatCpe(uri.value)).toBe('cpe:2.3:a:foo\\\\bar:big\\$money_manager_2010:*:*:*:*:*:*:*:*')
    const quoted = parseCpe('cpe:2.3:a:foo\\:bar:prod\\.x:1.0:*:*:*:*:*:*:*')
    expect(quoted.ok && quoted.value.vendor).toEqual({ kind: 'value', literal: 'foo:bar', lead: '', trail: '' })
    expect(parseCpe('cpe:2.3:x:a:b:*:*:*:*:*:*:*:*').ok).toBe(false)
    expect(parseCpe('not a cpe').ok).toBe(false)
  })

  it('compares names as NISTIR 7696 describes', () => {
    const concrete = 'cpe:2.3:a:apache:http_server:2.4.1:*:*:*:*:*:*:*'
    expect(relation(concrete, concrete)).toBe('EQUAL')
    expect(relation('cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*', concrete)).toBe('SUPERSET')
    expect(relation(concrete, 'cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*')).toBe('SUBSET')
    expect(relation('cpe:2.3:a:apache:http_server:2.4.2:*:*:*:*:*:*:*', concrete)).toBe('DISJOINT')
    expect(relation('cpe:2.3:a:apache:http_server:2.4.*:*:*:*:*:*:*:*', concrete)).toBe('SUPERSET')
    expect(relation('cpe:2.3:a:apache:http_server:2.4.?:*:*:*:*:*:*:*', concrete)).toBe('SUPERSET')
    expect(relation('cpe:2.3:a:apache:http_server:-:*:*:*:*:*:*:*', concrete)).toBe('DISJOINT')
    expect(relation('cpe:/a:apache:http_server:2.4.1', concrete)).toBe('EQUAL')
    expect(relation('cpe:2.3:a:Apache:HTTP_Server:2.4.1:*:*:*:*:*:*:*', concrete)).toBe('EQUAL')
  })

  it('guards against the vendor-subset / product-superset false-positive class', () => {
    const vendorOnly = 'cpe:2.3:a:apache:*:*:*:*:*:*:*:*:*'
    const productOnly = 'cpe:2.3:a:*:http_server:*:*:*:*:*:*:*:*'
    const r = compareCpeStrings(vendorOnly, productOnly)
    expect(r.ok && r.value.attributes.vendor).toBe('SUBSET')
    expect(r.ok && r.value.attributes.product).toBe('SUPERSET')
    expect(r.ok && r.value.vendorProductCrossed).toBe(true)
    expect(r.ok && r.value.result).toBe('DISJOINT')
    const a = parseCpe(productOnly)
    const b = parseCpe(vendorOnly)
    expect(a.ok && b.ok && cpeCriterionCovers(a.value, b.value)).toBe(false)
    const criterion = parseCpe('cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*')
    const name = parseCpe('cpe:2.3:a:apache:http_server:2.4.1:*:*:*:*:*:*:*')
    expect(criterion.ok && name.ok && cpeCriterionCovers(criterion.value, name.value)).toBe(true)
  })
})
