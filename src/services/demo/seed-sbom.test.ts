import { describe, expect, it } from 'vitest'
import { diffComponents, parseSbom, qualityReport } from '../../domain/sbom/index.js'
import { loadSbom } from '../sbom-files/read-sbom-file.js'
import { demoCycloneDx, demoSboms } from './seed-sbom.js'

describe('demo SBOMs', () => {
  it('are valid CycloneDX 1.6 documents with purls or CPEs, suppliers and FDA fields', () => {
    expect(demoSboms).toHaveLength(3)
    const failures: string[] = []
    for (const demo of demoSboms) {
      const read = loadSbom(new TextEncoder().encode(demoCycloneDx(demo)), { maxBytes: 1024 * 1024 })
      if (!read.ok) {
        failures.push(`${demo.product} ${demo.version}: ${read.error.message} ${JSON.stringify(read.error.details)}`)
        continue
      }
      const sbom = read.value
      if (sbom.warnings.length > 0) failures.push(`${demo.product} ${demo.version}: warnings ${sbom.warnings.map((w) => w.message).join('; ')}`)
      const report = qualityReport(sbom)
      if (report.components !== demo.components.length) failures.push(`${demo.product} ${demo.version}: ${report.components} components`)
      if (report.ntia.missing.supplier + report.ntia.missing.version + report.ntia.missing.identifier > 0) failures.push(`${demo.product} ${demo.version}: NTIA gaps ${JSON.stringify(report.ntia.missing)}`)
      if (report.ntia.withoutDependencyRelationship > 0) failures.push(`${demo.product} ${demo.version}: ${report.ntia.withoutDependencyRelationship} components outside the dependency graph`)
      // Realistic: most components state a support level, fewer an end-of-support date.
      if (report.fda.supportLevel < report.components * 0.7 || report.fda.endOfSupport === report.components) failures.push(`${demo.product} ${demo.version}: FDA ${JSON.stringify(report.fda)}`)
    }
    expect(failures).toEqual([])
  })

  it('fix log4j and move to OpenSSL 3 from CT 5000 3.1 to 3.2', () => {
    const [v31, v32] = demoSboms.slice(0, 2).map((demo) => parseSbom(demoCycloneDx(demo)))
    if (!v31?.ok || !v32?.ok) throw new Error('demo SBOMs do not parse')
    const find = (sbom: typeof v31.value, name: string) => sbom.components.find((c) => c.name === name)?.version
    expect([find(v31.value, 'log4j-core'), find(v32.value, 'log4j-core')]).toEqual(['2.14.1', '2.17.1'])
    expect([find(v31.value, 'OpenSSL'), find(v32.value, 'OpenSSL')]).toEqual(['1.1.1k', '3.0.8'])
    const diff = diffComponents(v31.value.components, v32.value.components)
    expect(diff.added.length).toBeGreaterThan(10)
    expect(diff.removed.map((c) => c.name)).toContain('Protocol Buffers')
  })
})
