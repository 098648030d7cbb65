import { Command, Option } from 'commander'
import { failOnLevels, scanFormats, type FailOn, type ScanFormat } from '../../services/findings/scan-formats.js'
import { printError, printJson } from '../database-option.js'
import { offlineIndexOf } from '../offline-kb.js'

const TOOL_VERSION = '0.1.0'

/** Adds `medsec scan <sbom> --kb <path>...`: an offline scan without a database, in four formats, with a CI gate. */
export function registerScanCommands(program: Command): void {
  program
    .command('scan')
    .description('scan an SBOM offline against feed files or directories (OSV, NVD, CVE 5, KEV, EPSS, CSAF, detected by content); exit 1 when --fail-on trips')
    .argument('<sbom>', 'CycloneDX or SPDX file')
    .requiredOption('--kb <path...>', 'feed files or directories (repeatable)')
    .addOption(new Option('--format <format>', 'table, json, SARIF 2.1.0, or a CycloneDX 1.6 vulnerability disclosure report').choices([...scanFormats]).default('table'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when an affected finding is at or above this CVSS severity (unscored ones count only for kev), or KEV-listed').choices([...failOnLevels]))
    .action(async (file: string, options: { kb: string[]; format: ScanFormat; failOn?: FailOn }) => {
      const [{ loadSbomFile }, { matchComponents }, formats] = await Promise.all([
        import('../../services/sbom-files/read-sbom-file.js'),
        import('../../domain/matching/index.js'),
        import('../../services/findings/scan-formats.js'),
      ])
      const sbom = await loadSbomFile(file)
      if (!sbom.ok) return printError(sbom.error.code, sbom.error.message)
      const index = await offlineIndexOf(options.kb)
      if (index === null) return
      const report = matchComponents(index, sbom.value.components)
      if (options.format === 'json') printJson(formats.scanJson(report, sbom.value))
      else if (options.format === 'sarif') printJson(formats.scanSarif(report, { sbomUri: file.split('\\').join('/'), toolVersion: TOOL_VERSION }))
      else if (options.format === 'cyclonedx-vdr') {
        const { randomUUID } = await import('node:crypto')
        printJson(formats.scanVdr(report, sbom.value, { toolVersion: TOOL_VERSION, serialNumber: `urn:uuid:${randomUUID()}`, timestamp: new Date().toISOString() }))
      } else process.stdout.write(formats.scanTable(report))
      if (options.failOn && formats.failsThreshold(report.findings, options.failOn)) {
        process.stderr.write(`findings at or above --fail-on ${options.failOn}\n`)
        process.exitCode = 1
      }
    })
}
