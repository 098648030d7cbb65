import { writeFile } from 'node:fs/promises'
import { Command, Option } from 'commander'
import type { CsafFinding, CsafValidationLevel } from '../../domain/csaf/index.js'
import type { VexFormat } from '../../domain/vex/index.js'
import { convertVexFile } from '../../services/csaf-files/convert-vex.js'
import { exitCodeOf, validateCsafFiles } from '../../services/csaf-files/validate-files.js'
import type { CsafFileVerdict } from '../../services/csaf-files/validate-files.js'

/** Adds `csaf validate` and `vex convert` (file-level; the database-backed vex commands live elsewhere). */
export function registerCsafCommands(program: Command): void {
  const csaf = findOrAdd(program, 'csaf', 'CSAF 2.0 documents: validation')
  csaf
    .command('validate')
    .description('validate CSAF 2.0 files: JSON schema, mandatory (6.1), optional (6.2) and offline informative (6.3) tests')
    .argument('<file...>', 'CSAF JSON files')
    .option('--json', 'one JSON line per file: {"file","valid","errors","warnings","infos"}')
    .addOption(new Option('--level <level>', 'basic: schema + mandatory; extended: + optional; full: + informative').choices(['basic', 'extended', 'full']).default('full'))
    .action(async (files: string[], options: { json?: boolean; level: CsafValidationLevel }) => {
      const verdicts = await validateCsafFiles(files, options.level)
      for (const verdict of verdicts) process.stdout.write(options.json ? jsonLine(verdict) : humanSummary(verdict))
      process.exitCode = exitCodeOf(verdicts)
    })

  const vex = findOrAdd(program, 'vex', 'VEX documents (CycloneDX, OpenVEX, CSAF VEX)')
  vex
    .command('convert')
    .description('convert a VEX file between CycloneDX, OpenVEX and CSAF VEX')
    .argument('<file>', 'CycloneDX, OpenVEX or CSAF VEX JSON file (format detected)')
    .addOption(new Option('--to <format>', 'target format').choices(['openvex', 'cyclonedx', 'csaf']).makeOptionMandatory())
    .option('--out <file>', 'write here instead of standard output')
    .action(async (file: string, options: { to: VexFormat; out?: string }) => {
      const converted = await convertVexFile(file, options.to)
      if (!converted.ok) {
        process.stderr.write(JSON.stringify({ error: { code: converted.error.code, message: converted.error.message } }) + '\n')
        process.exitCode = 2
        return
      }
      const text = JSON.stringify(converted.value, null, 2) + '\n'
      if (options.out === undefined) process.stdout.write(text)
      else await writeFile(options.out, text)
    })
}

// `vex` may also be registered by the database-backed commands; share one command whoever comes first.
function findOrAdd(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description)
}

function jsonLine(verdict: CsafFileVerdict): string {
  const { file, valid, errors, warnings, infos } = verdict
  return JSON.stringify({ file, valid, errors, warnings, infos }) + '\n'
}

function humanSummary(verdict: CsafFileVerdict): string {
  const lines = [`${verdict.file}: ${!verdict.readable ? 'UNREADABLE' : verdict.valid ? 'valid' : 'INVALID'} (${verdict.errors.length} errors, ${verdict.warnings.length} warnings, ${verdict.infos.length} infos)`]
  const list = (label: string, findings: readonly CsafFinding[]) => {
    for (const f of findings.slice(0, 50)) lines.push(`  ${label} ${f.test} ${f.path}: ${f.message}`)
    if (findings.length > 50) lines.push(`  ... ${findings.length - 50} more ${label.toLowerCase()}s`)
  }
  list('error', verdict.errors)
  list('warning', verdict.warnings)
  list('info', verdict.infos)
  return lines.join('\n') + '\n'
}
