import { writeFile } from 'node:fs/promises'
import { Command, Option } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

interface GenerateOptions {
  product: string
  version?: string[]
  category: 'csaf_security_advisory' | 'csaf_vex'
  vulnerability?: string[]
  all?: boolean
  tlp?: 'CLEAR' | 'GREEN' | 'AMBER' | 'RED'
  title?: string
  trackingId?: string
  out?: string
  save?: boolean
  org?: string
}

/** Registers `csaf generate`: a CSAF advisory or VEX document from a product's findings and triage decisions. */
export function registerCsafGenerateCommands(program: Command): void {
  const csaf = program.commands.find((c) => c.name() === 'csaf') ?? program.command('csaf').description('CSAF 2.0 documents')
  csaf
    .command('generate')
    .description("generate a CSAF 2.0 security advisory or VEX draft from a product's findings and triage decisions; prints (or writes) the JSON")
    .requiredOption('--product <name>', 'product name')
    .option('--version <v...>', 'product versions to cover (default: every version)')
    .addOption(new Option('--category <category>', 'document category').choices(['csaf_security_advisory', 'csaf_vex']).default('csaf_security_advisory'))
    .option('--vulnerability <id...>', 'vulnerability ids or aliases to state (default: every one with a triage decision)')
    .option('--all', 'state every present finding, untriaged ones as under investigation')
    .addOption(new Option('--tlp <label>', 'TLP label (default: the product\'s)').choices(['CLEAR', 'GREEN', 'AMBER', 'RED']))
    .option('--title <text>', 'document title')
    .option('--tracking-id <id>', 'tracking id')
    .option('--out <file>', 'write the document to a file instead of stdout')
    .option('--save', 'also save it as a draft advisory (as the web UI does)')
    .option('--org <slug>', 'organization (default: the only manufacturer)')
    .option('--data <dir>', 'embedded database folder (ignored when DATABASE_URL is set)')
    .action(async (options: GenerateOptions, command: Command) => {
      const [{ vexCommandContext }, generator] = await Promise.all([import('../../services/findings/cli-context.js'), import('../../services/advisories/generate-from-findings.js')])
      await withApp(command, async (app) => {
        const ctx = await vexCommandContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const target = await generator.productVersionsByName(ctx.value, options.product, options.version ?? [])
        if (!target.ok) return printError(target.error.code, target.error.message)
        const input = {
          ...target.value,
          category: options.category,
          selection: options.vulnerability ? { kind: 'listed' as const, ids: options.vulnerability } : { kind: options.all ? ('all' as const) : ('decided' as const) },
          ...(options.tlp ? { tlp: options.tlp } : {}),
          ...(options.title ? { title: options.title } : {}),
          ...(options.trackingId ? { trackingId: options.trackingId } : {}),
        }
        let trackingId: string
        let document: Record<string, unknown> | null
        let report: { valid: boolean; errors: readonly unknown[] }
        if (options.save) {
          const saved = await generator.generateAdvisory(ctx.value, input)
          if (!saved.ok) return printError(saved.error.code, saved.error.message)
          ;({ trackingId, document, validation: report } = saved.value)
        } else {
          const built = await generator.generateCsafDocument(ctx.value, input)
          if (!built.ok) return printError(built.error.code, built.error.message)
          ;({ trackingId, document, report } = built.value)
        }
        if (!document) return printError('advisory_not_built', JSON.stringify(report.errors))
        const text = JSON.stringify(document, null, 2) + '\n'
        if (options.out) {
          await writeFile(options.out, text)
          printJson({ file: options.out, trackingId, category: options.category, valid: report.valid, errors: report.errors })
        } else process.stdout.write(text)
        // A document with mandatory errors is still written (to fix by hand) but the exit code says so.
        if (!report.valid) {
          if (!options.out) process.stderr.write(JSON.stringify({ valid: false, errors: report.errors }) + '\n')
          process.exitCode = 1
        }
      })
    })
}
