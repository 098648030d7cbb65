import type { Command } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

/** `fleet affected`: one JSON line per (device, vulnerability), from advisories and the linked products' findings. */
export function registerFleetAffectedCommand(fleet: Command): void {
  fleet
    .command('affected')
    .description('print one JSON line per affected (device, vulnerability): from CSAF advisories (imported with `kb import`, or published by manufacturers) and the linked product versions\' findings')
    .option('--advisory <id>', 'only this CSAF advisory (tracking id)')
    .option('--vulnerability <id>', 'only this vulnerability (CVE or alias)')
    .option('--org <slug>', 'organization (default: the only hospital)')
    .option('--min-confidence <n>', 'only lines with at least this confidence (0 to 1)')
    .option('--include-not-affected', "also the devices the manufacturer states are not affected (known_not_affected)")
    .option('--explain', 'add the reasons and remediations to each line')
    .action(async (options: { advisory?: string; vulnerability?: string; org?: string; minConfidence?: string; includeNotAffected?: boolean; explain?: boolean }, command: Command) => {
      const minConfidence = options.minConfidence === undefined ? undefined : Number(options.minConfidence)
      if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) return printError('validation_failed', '--min-confidence must be a number from 0 to 1')
      const [{ hospitalContext }, { listAffected }] = await Promise.all([import('../../services/fleet/hospital-context.js'), import('../../services/affected/list-affected.js')])
      await withApp(command, async (app) => {
        const ctx = await hospitalContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const result = await listAffected(ctx.value, { advisory: options.advisory, vulnerability: options.vulnerability, minConfidence, includeNotAffected: options.includeNotAffected === true })
        if (!result.ok) return printError(result.error.code, result.error.message)
        for (const e of result.value) {
          const { assetTag, serialNumber, manufacturer, model, softwareVersion } = e.device
          printJson({
            device: { assetTag, serialNumber, manufacturer, model, softwareVersion },
            advisory: e.advisory,
            vulnerability: e.vulnerability,
            status: e.status,
            source: e.source,
            confidence: e.confidence,
            matchedOn: e.matchedOn,
            ...(options.explain ? { reasons: e.reasons, justification: e.justification, remediations: e.remediations } : {}),
          })
        }
      })
    })
}
