import { readFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { applyRubric, rubricQuestions, scoreCvssVector } from '../../domain/cvss/index.js'
import type { Problem, Result } from '../../domain/result.js'
import { determineFdaRisk, parseExploitability, parsePatientHarm, parseSp80030Level, sp80030Risk, type ExploitabilitySource } from '../../domain/risk/index.js'
import { jsonCommand } from '../json-command.js'

const exploitabilitySources: readonly ExploitabilitySource[] = ['cvss', 'rubric', 'epss', 'kev', 'analyst']

/** Adds `medsec cvss score|rubric` and `medsec risk fda|matrix`: CVSS scoring, the MITRE rubric and risk rules. */
export function registerScoringCommands(program: Command): void {
  const cvss = program.command('cvss').description('CVSS 2.0/3.0/3.1/4.0 scoring and the MITRE medical-device rubric')

  jsonCommand(
    cvss
      .command('score')
      .argument('[vector]', 'a CVSS vector (omit with --stdin); without a CVSS:3.x/ or CVSS:4.0/ prefix it is read as v2')
      .description('validate a vector and print its scores, severities and normalised form as JSON'),
    1,
    ([vector]) => scoreCvssVector(vector!),
    { bareSingleResult: true },
  )

  cvss
    .command('rubric')
    .option('--answers <file>', 'JSON object of answers keyed by question ID ("yes" | "no" | "unknown")')
    .description('apply the MITRE rubric: print the v3.1 vector, the rationale per metric and the missing questions (without --answers: the questions)')
    .action(async (options: { answers?: string }) => {
      if (options.answers === undefined) return print(rubricQuestions)
      let answers: unknown
      try {
        answers = JSON.parse(await readFile(options.answers, 'utf8'))
      } catch (err) {
        return printError({ code: 'rubric_answers_unreadable', message: `cannot read ${options.answers}: ${err instanceof Error ? err.message : String(err)}` })
      }
      if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
        return printError({ code: 'rubric_answers_invalid', message: 'the answers file must hold a JSON object keyed by question ID' })
      }
      printResult(applyRubric(answers as Record<string, unknown>))
    })

  const risk = program.command('risk').description('risk rules: FDA postmarket determination, NIST SP 800-30 matrix')

  risk
    .command('fda')
    .requiredOption('--exploitability <level>', 'low | medium | high')
    .requiredOption('--harm <level>', 'negligible | minor | serious | critical | catastrophic')
    .option('--date <YYYY-MM-DD>', 'determination date; due dates count from it (default: today, UTC)')
    .option('--source <source>', `where the exploitability comes from: ${exploitabilitySources.join(' | ')}`, 'analyst')
    .option('--essential-performance', 'the vulnerability can degrade essential performance')
    .option('--serious-adverse-events', 'serious adverse events or deaths are known')
    .option('--pma', 'the device is PMA-approved (annual report)')
    .description('controlled / uncontrolled determination with obligations and due dates (FDA 2016 postmarket guidance)')
    .action((options: { exploitability: string; harm: string; date?: string; source: string; essentialPerformance?: boolean; seriousAdverseEvents?: boolean; pma?: boolean }) => {
      const exploitability = parseExploitability(options.exploitability)
      if (!exploitability.ok) return printError(exploitability.error)
      const harm = parsePatientHarm(options.harm)
      if (!harm.ok) return printError(harm.error)
      const source = exploitabilitySources.find((s) => s === options.source)
      if (source === undefined) return printError({ code: 'fda_invalid_source', message: `--source must be one of ${exploitabilitySources.join(', ')}` })
      printResult(determineFdaRisk({
        exploitability: exploitability.value,
        exploitabilitySource: source,
        harm: harm.value,
        essentialPerformanceImpact: options.essentialPerformance === true,
        seriousAdverseEvents: options.seriousAdverseEvents === true,
        pmaDevice: options.pma === true,
        date: options.date ?? new Date().toISOString().slice(0, 10),
      }))
    })

  risk
    .command('matrix')
    .requiredOption('--likelihood <level>', 'very-low | low | moderate | high | very-high')
    .requiredOption('--impact <level>', 'very-low | low | moderate | high | very-high')
    .description('level of risk from likelihood and impact (NIST SP 800-30 Rev. 1, Table I-2)')
    .action((options: { likelihood: string; impact: string }) => {
      const likelihood = parseSp80030Level(options.likelihood)
      if (!likelihood.ok) return printError(likelihood.error)
      const impact = parseSp80030Level(options.impact)
      if (!impact.ok) return printError(impact.error)
      print({ likelihood: likelihood.value, impact: impact.value, risk: sp80030Risk(likelihood.value, impact.value), source: 'NIST SP 800-30 Rev. 1 Table I-2' })
    })
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n')
}

function printError(error: Problem): void {
  process.stderr.write(JSON.stringify({ error: { code: error.code, message: error.message } }) + '\n')
  process.exitCode = 2
}

function printResult(result: Result<unknown>): void {
  if (result.ok) print(result.value)
  else printError(result.error)
}
