import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../../test/support/testdata.js'
import { validateCsaf } from '../csaf/validate.js'
import { detectVexFormat, parseVex, serializeVex } from './index.js'
import type { VexFormat } from './index.js'

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return jsonFiles(path)
    return name.endsWith('.json') ? [path] : []
  })
}

let statementsSeen = 0

function roundTripFailures(files: readonly string[], format: VexFormat): string[] {
  return files.flatMap((file) => {
    const input: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (detectVexFormat(input) !== format) return [`${file}: detected ${detectVexFormat(input)}`]
    const first = parseVex(input)
    if (!first.ok) return [`${file}: ${first.error.code} ${first.error.message}`]
    statementsSeen += first.value.statements.length
    const second = parseVex(serializeVex(first.value, format))
    if (!second.ok) return [`${file}: re-parse ${second.error.code} ${second.error.message}`]
    try {
      expect(second.value).toEqual(first.value)
    } catch (error) {
      return [`${file}: ${error instanceof Error ? error.message.slice(0, 1500) : String(error)}`]
    }
    return []
  })
}

// CycloneDX VEX use cases: the BOM files beside them (bom-*.json) carry no vulnerabilities and are not VEX.
const cyclonedxFiles = [
  ...jsonFiles(testdataPath('cyclonedx-bom-examples/VEX')).filter((f) => /vex\.json$/.test(f)),
]
const openVexFiles = [
  ...jsonFiles(testdataPath('openvex/go-vex/pkg/vex/testdata')).filter((f) => !/csaf\.json$/.test(f)),
  ...jsonFiles(testdataPath('openvex/spec/extracted-examples')),
  testdataPath('openvex/go-vex/pkg/csaf/testdata/openvex.json'),
]
const csafVexFiles = jsonFiles(testdataPath('csaf-oasis/csaf_2.0/examples/csaf/csaf_vex'))

describe('VEX round trips (parse -> serialize -> parse gives the same model)', () => {
  it('CycloneDX VEX use cases', () => {
    statementsSeen = 0
    const failures = roundTripFailures(cyclonedxFiles, 'cyclonedx')
    expect(cyclonedxFiles.length).toBe(21)
    expect(failures, failures.join('\n')).toEqual([])
    expect(statementsSeen).toBeGreaterThan(21)
  })

  it('OpenVEX examples (spec and go-vex)', () => {
    const failures = roundTripFailures(openVexFiles, 'openvex')
    expect(openVexFiles.length).toBe(10)
    expect(failures, failures.join('\n')).toEqual([])
  })

  it('CSAF VEX examples, and the serialized CSAF is valid', () => {
    const failures = roundTripFailures(csafVexFiles, 'csaf')
    expect(csafVexFiles.length).toBe(13)
    expect(failures, failures.join('\n')).toEqual([])
    const invalid = csafVexFiles.flatMap((file) => {
      const parsed = parseVex(JSON.parse(readFileSync(file, 'utf8')))
      if (!parsed.ok) return [file]
      const report = validateCsaf(serializeVex(parsed.value, 'csaf'), { level: 'basic' })
      return report.valid ? [] : [`${file}: ${JSON.stringify(report.errors.slice(0, 3))}`]
    })
    expect(invalid, invalid.join('\n')).toEqual([])
  })
})
