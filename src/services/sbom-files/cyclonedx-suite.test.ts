import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseSbom, toCycloneDxJson, toCycloneDxXml, type Sbom } from '../../domain/sbom/index.js'
import { testdataPath } from '../../../test/support/testdata.js'
import { loadSbom } from './read-sbom-file.js'

const resources = testdataPath('cyclonedx-specification', 'tools', 'src', 'test', 'resources')
const versions = ['1.2', '1.3', '1.4', '1.5', '1.6'] as const

/** Suite files by version and expectation (json and xml; textproto is not an SBOM encoding this project reads). */
function suiteFiles(version: string, prefix: 'valid-' | 'invalid-'): string[] {
  return readdirSync(join(resources, version))
    .filter((f) => f.startsWith(prefix) && (f.endsWith('.json') || f.endsWith('.xml')))
    .map((f) => join(resources, version, f))
}

/** Drops what a conversion legitimately changes (spec version, encoding, warnings) to compare what the model holds. */
function held(sbom: Sbom): unknown {
  const { specVersion: _v, encoding: _e, warnings: _w, ...rest } = sbom
  return rest
}

describe('CycloneDX specification suite (valid-* accepted, invalid-* rejected with a reason)', () => {
  for (const version of versions) {
    it(`accepts every valid-* file of ${version}`, () => {
      const files = suiteFiles(version, 'valid-')
      const failures = files.flatMap((file) => {
        const result = loadSbom(readFileSync(file))
        return result.ok ? [] : [`${file}: ${result.error.code} ${result.error.message}`]
      })
      expect(files.length).toBeGreaterThan(40)
      expect(failures).toEqual([])
    })

    it(`rejects every invalid-* file of ${version} with a coded reason`, () => {
      const files = suiteFiles(version, 'invalid-')
      const failures = files.flatMap((file) => {
        const result = loadSbom(readFileSync(file))
        if (result.ok) return [`${file}: accepted`]
        return /^[a-z0-9_]+$/.test(result.error.code) && result.error.message.length > 0 ? [] : [`${file}: no reason`]
      })
      expect(files.length).toBeGreaterThan(40)
      expect(failures).toEqual([])
    })

    it(`round-trips every valid-* file of ${version} through CycloneDX 1.6 JSON and XML without losing what the model holds, and the exports are schema-valid`, () => {
      const files = suiteFiles(version, 'valid-')
      const failures: string[] = []
      for (const file of files) {
        const model = parseSbom(readFileSync(file))
        if (!model.ok) {
          failures.push(`${file}: ${model.error.code}`)
          continue
        }
        for (const [label, text] of [['json', toCycloneDxJson(model.value)], ['xml', toCycloneDxXml(model.value)]] as const) {
          const again = loadSbom(text)
          if (!again.ok) failures.push(`${file} -> ${label}: ${again.error.message}`)
          else if (JSON.stringify(held(again.value)) !== JSON.stringify(held(model.value))) failures.push(`${file} -> ${label}: the model differs after the round trip`)
        }
      }
      expect(files.length).toBeGreaterThan(40)
      expect(failures).toEqual([])
    })
  }
})
