import { readFile, writeFile } from 'node:fs/promises'
import { Command, Option } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

/** Adds `vex export` and `vex import` (database-backed) to the `vex` command registered by the CSAF module. */
export function registerVexDbCommands(program: Command): void {
  const vex = program.commands.find((c) => c.name() === 'vex') ?? program.command('vex').description('VEX documents (CycloneDX, OpenVEX, CSAF VEX)')
  vex
    .command('export')
    .description("export a product version's findings and triage decisions as VEX")
    .requiredOption('--product <name>', 'product name')
    .requiredOption('--version <v>', 'product version')
    .addOption(new Option('--format <format>', 'VEX format').choices(['openvex', 'cyclonedx', 'csaf']).default('openvex'))
    .option('--out <file>', 'write the document to a file instead of stdout')
    .option('--org <slug>', 'organization (default: the only manufacturer)')
    .option('--data <dir>', 'embedded database folder (ignored when DATABASE_URL is set)')
    .action(async (options: { product: string; version: string; format: 'openvex' | 'cyclonedx' | 'csaf'; out?: string; org?: string }, command: Command) => {
      const [{ vexCommandContext, versionIdByName }, { exportVex }] = await Promise.all([import('../../services/findings/cli-context.js'), import('../../services/findings/export-vex.js')])
      await withApp(command, async (app) => {
        const ctx = await vexCommandContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const versionId = await versionIdByName(ctx.value, options.product, options.version)
        if (!versionId.ok) return printError(versionId.error.code, versionId.error.message)
        const exported = await exportVex(ctx.value, versionId.value, options.format)
        if (!exported.ok) return printError(exported.error.code, exported.error.message)
        const text = JSON.stringify(exported.value.document, null, 2) + '\n'
        if (options.out) {
          await writeFile(options.out, text)
          printJson({ file: options.out, format: options.format, tlp: exported.value.tlp })
        } else process.stdout.write(text)
      })
    })
  vex
    .command('import')
    .description('apply a VEX document (CycloneDX, OpenVEX, CSAF) to the organization by product, purl and CPE identity')
    .argument('<file>', 'VEX JSON file')
    .option('--org <slug>', 'organization (default: the only manufacturer)')
    .option('--data <dir>', 'embedded database folder (ignored when DATABASE_URL is set)')
    .action(async (file: string, options: { org?: string }, command: Command) => {
      let document: unknown
      try {
        document = JSON.parse(await readFile(file, 'utf8'))
      } catch (error) {
        return printError('vex_unreadable', `${file}: ${error instanceof Error ? error.message : String(error)}`)
      }
      const [{ vexCommandContext }, { importVex }] = await Promise.all([import('../../services/findings/cli-context.js'), import('../../services/findings/import-vex.js')])
      await withApp(command, async (app) => {
        const ctx = await vexCommandContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const report = await importVex(ctx.value, document)
        if (!report.ok) return printError(report.error.code, report.error.message)
        printJson(report.value)
      })
    })
}
