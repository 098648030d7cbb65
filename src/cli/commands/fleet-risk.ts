import { writeFile } from 'node:fs/promises'
import { Command, Option } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

/** `fleet plan` (capital plan export), `fleet risk` (scores as JSON lines) and `fleet alert-acceptances`. */
export function registerFleetRiskCommands(program: Command): void {
  const fleet = program.commands.find((c) => c.name() === 'fleet') ?? program.command('fleet').description("a hospital's device inventory")

  fleet
    .command('plan')
    .description('export the support-life capital plan (per year: devices to upgrade or replace, cost when known)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx', 'pdf']).default('csv'))
    .requiredOption('--out <file>', 'the file to write')
    .option('--org <slug>', 'organization (default: the only hospital)')
    .action(async (options: { format: 'csv' | 'xlsx' | 'pdf'; out: string; org?: string }, command: Command) => {
      const [{ hospitalContext }, { exportLifecyclePlan }] = await Promise.all([import('../../services/fleet/hospital-context.js'), import('../../services/fleet/lifecycle-plan.js')])
      await withApp(command, async (app) => {
        const ctx = await hospitalContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const result = await exportLifecyclePlan(ctx.value, options.format)
        if (!result.ok) return printError(result.error.code, result.error.message)
        await writeFile(options.out, result.value.bytes)
        printJson({ file: options.out, format: options.format, bytes: result.value.bytes.byteLength, tlp: result.value.tlp })
      })
    })

  fleet
    .command('risk')
    .description('print one JSON line per device in use: its clinical-context risk score and the breakdown, highest first')
    .option('--org <slug>', 'organization (default: the only hospital)')
    .action(async (options: { org?: string }, command: Command) => {
      const [{ hospitalContext }, { listDeviceRisks }] = await Promise.all([import('../../services/fleet/hospital-context.js'), import('../../services/fleet/list-device-risks.js')])
      await withApp(command, async (app) => {
        const ctx = await hospitalContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const result = await listDeviceRisks(ctx.value, { limit: Number.MAX_SAFE_INTEGER })
        if (!result.ok) return printError(result.error.code, result.error.message)
        for (const d of result.value.devices) {
          printJson({
            device: { assetTag: d.assetTag, serialNumber: d.serialNumber, manufacturer: d.manufacturer, model: d.model, softwareVersion: d.softwareVersion, modality: d.modality },
            score: d.score,
            level: d.level,
            breakdown: d.breakdown,
            patchStatus: d.patchStatus,
            endOfSupport: d.endOfSupport,
          })
        }
      })
    })

  fleet
    .command('alert-acceptances')
    .description('alert organizations about risk acceptances that expire within 30 days or have expired (once per expiry; the server also runs this hourly)')
    .action(async (_options: unknown, command: Command) => {
      const { alertRiskAcceptances } = await import('../../services/fleet/alert-risk-acceptances.js')
      await withApp(command, async (app) => {
        const result = await alertRiskAcceptances(app.db)
        if (!result.ok) return printError(result.error.code, result.error.message)
        printJson(result.value)
      })
    })
}
