import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import type { Problem } from '../../domain/result.js'
import { fdaTableCsv, fdaTableRows, qualityReport, toCycloneDxJson, toCycloneDxXml, toSpdxJson, type Sbom } from '../../domain/sbom/index.js'
import { fdaTableXlsx } from '../../services/sbom-files/fda-table-xlsx.js'
import { loadSbomFile } from '../../services/sbom-files/read-sbom-file.js'

const targets = ['cyclonedx-json', 'cyclonedx-xml', 'spdx-json'] as const
type Target = (typeof targets)[number]

/** Adds `medsec sbom check|convert|table`: file-level SBOM quality gate, format conversion and the FDA table. */
export function registerSbomCommands(program: Command): void {
  const sbom = program.command('sbom').description('SBOM files: check quality (NTIA, FDA), convert between CycloneDX and SPDX, FDA table')

  sbom
    .command('check')
    .argument('<file>', 'CycloneDX (JSON/XML 1.2-1.6) or SPDX (2.2/2.3 JSON or tag-value, 3.0 JSON-LD) file')
    .option('--fail-under <score>', 'exit 1 when the quality score (0-100) is below this')
    .option('--max-bytes <n>', 'refuse larger files before reading them (default 100 MiB or MEDSEC_SBOM_MAX_BYTES)')
    .option('--details', 'add the per-component gaps and the semantic warnings')
    .description('validate an SBOM and print its quality report as JSON ("dependencies" counts dependency edges)')
    .action(async (file: string, options: { failUnder?: string; maxBytes?: string; details?: boolean }) => {
      const failUnder = options.failUnder === undefined ? undefined : Number(options.failUnder)
      if (failUnder !== undefined && !Number.isFinite(failUnder)) return exitWithError({ code: 'invalid_argument', message: '--fail-under needs a number' })
      const loaded = await load(file, options.maxBytes)
      if (loaded === undefined) return
      const report = qualityReport(loaded)
      const summary = {
        format: loaded.format,
        specVersion: loaded.specVersion,
        components: report.components,
        dependencies: report.dependencies,
        ntia: { componentsComplete: report.ntia.componentsComplete, missing: report.ntia.missing },
        fda: report.fda,
        identifiers: report.identifiers,
        score: report.score,
        ...(options.details ? { details: { ntia: report.ntia, documentGaps: report.documentGaps, perComponent: report.perComponent, warnings: loaded.warnings } } : {}),
      }
      process.stdout.write(JSON.stringify(summary) + '\n')
      if (failUnder !== undefined && report.score < failUnder) process.exitCode = 1
    })

  sbom
    .command('convert')
    .argument('<file>', 'the SBOM to convert')
    .requiredOption('--to <format>', `target format: ${targets.join(' | ')}`)
    .option('--out <file>', 'write here instead of standard output')
    .option('--max-bytes <n>', 'refuse larger files before reading them')
    .description('convert an SBOM to CycloneDX 1.6 JSON or XML, or SPDX 2.3 JSON, keeping the FDA support fields')
    .action(async (file: string, options: { to: string; out?: string; maxBytes?: string }) => {
      if (!(targets as readonly string[]).includes(options.to)) return exitWithError({ code: 'invalid_argument', message: `--to must be one of ${targets.join(', ')}` })
      const loaded = await load(file, options.maxBytes)
      if (loaded === undefined) return
      const text = convert(loaded, options.to as Target)
      if (options.out === undefined) process.stdout.write(text)
      else await writeFile(options.out, text)
    })

  sbom
    .command('table')
    .argument('<file>', 'the SBOM')
    .option('--xlsx', 'write an XLSX workbook (needs --out) instead of CSV')
    .option('--out <file>', 'write here instead of standard output')
    .description('the FDA premarket SBOM table: component, version, supplier, level of support, end-of-support date, known vulnerabilities')
    .action(async (file: string, options: { xlsx?: boolean; out?: string }) => {
      if (options.xlsx && options.out === undefined) return exitWithError({ code: 'invalid_argument', message: '--xlsx needs --out' })
      const loaded = await load(file, undefined)
      if (loaded === undefined) return
      const rows = fdaTableRows(loaded)
      if (options.xlsx && options.out !== undefined) await writeFile(options.out, await fdaTableXlsx(rows))
      else if (options.out !== undefined) await writeFile(options.out, fdaTableCsv(rows))
      else process.stdout.write(fdaTableCsv(rows))
    })
}

function convert(sbom: Sbom, target: Target): string {
  switch (target) {
    case 'cyclonedx-json':
      return toCycloneDxJson(sbom)
    case 'cyclonedx-xml':
      return toCycloneDxXml(sbom)
    case 'spdx-json':
      return toSpdxJson(sbom, { created: new Date().toISOString().replace(/\.\d+Z$/, 'Z') })
  }
}

/** Loads the file or prints the error (exit code 2) and returns undefined. */
async function load(file: string, maxBytes: string | undefined): Promise<Sbom | undefined> {
  const limit = maxBytes === undefined ? undefined : Number(maxBytes)
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    exitWithError({ code: 'invalid_argument', message: '--max-bytes needs a positive integer' })
    return undefined
  }
  const result = await loadSbomFile(file, limit === undefined ? {} : { maxBytes: limit })
  if (result.ok) return result.value
  exitWithError(result.error)
  return undefined
}

function exitWithError(error: Problem): void {
  process.stderr.write(JSON.stringify({ error: error.details === undefined ? { code: error.code, message: error.message } : error }) + '\n')
  process.exitCode = 2
}
