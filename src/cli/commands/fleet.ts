import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { Command, Option } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'
import { registerFleetAffectedCommand } from './fleet-affected.js'

/** `fleet import`, `fleet export` and `discover dicom`. */
export function registerFleetCommands(program: Command): void {
  const fleet = program.command('fleet').description("a hospital's device inventory")
  registerFleetAffectedCommand(fleet)

  fleet
    .command('import')
    .description('import devices from CSV, XLSX or a FHIR R4 Bundle (JSON); common header names map without a mapping file')
    .argument('<file>', 'the inventory file')
    .option('--mapping <file>', 'JSON file: {"<column header>": "<field>" | null}')
    .option('--org <slug>', 'organization (default: the only hospital; one is created when there is none)')
    .option('--save-mapping <name>', 'save the mapping used under this name')
    .action(async (file: string, options: { mapping?: string; org?: string; saveMapping?: string }, command: Command) => {
      let bytes: Uint8Array
      let mapping: unknown
      try {
        bytes = new Uint8Array(await readFile(file))
      } catch (err) {
        return printError('file_unreadable', err instanceof Error ? err.message : String(err))
      }
      if (options.mapping) {
        try {
          mapping = JSON.parse(await readFile(options.mapping, 'utf8'))
        } catch (err) {
          return printError('mapping_unreadable', `cannot read the mapping ${options.mapping}: ${err instanceof Error ? err.message : String(err)}`)
        }
      }
      const [{ hospitalContext }, { importDevices }] = await Promise.all([import('../../services/fleet/hospital-context.js'), import('../../services/fleet/import-devices.js')])
      await withApp(command, async (app) => {
        const ctx = await hospitalContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const result = await importDevices(ctx.value, { filename: basename(file), bytes, mapping, saveMappingAs: options.saveMapping })
        if (!result.ok) return printError((result.error.details as { code?: string } | undefined)?.code ?? result.error.code, result.error.message)
        const { created, updated, unchanged, rejected } = result.value
        printJson({ created, updated, unchanged, rejected: rejected.map((r) => ({ row: r.row, reason: r.reason })) })
      })
    })

  fleet
    .command('export')
    .description('export the inventory')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx', 'fhir']).default('csv'))
    .option('--org <slug>', 'organization (default: the only hospital)')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { format: 'csv' | 'xlsx' | 'fhir'; org?: string; out?: string }, command: Command) => {
      const [{ hospitalContext }, { exportDevices }] = await Promise.all([import('../../services/fleet/hospital-context.js'), import('../../services/fleet/export-devices.js')])
      await withApp(command, async (app) => {
        const ctx = await hospitalContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const result = await exportDevices(ctx.value, options.format)
        if (!result.ok) return printError(result.error.code, result.error.message)
        if (options.out) await writeFile(options.out, result.value.bytes)
        else process.stdout.write(result.value.bytes)
      })
    })

  program
    .command('discover')
    .description('find devices on the network')
    .command('dicom')
    .description('send DICOM C-ECHO to hosts and ports; print one JSON line per answering application entity')
    .requiredOption('--host <hosts>', 'IP addresses and IPv4 CIDR blocks, comma-separated (at most 256 hosts, a /24)')
    .requiredOption('--port <ports>', 'ports, comma-separated (at most 16), e.g. 104,11112')
    .option('--calling-ae <title>', 'our AE title', 'MEDSEC')
    .option('--called-ae <title>', 'the AE title to ask for', 'ANY-SCP')
    .option('--timeout <ms>', 'give up on a silent host:port after this many milliseconds', '3000')
    .option('--rate <n>', 'probes started per second at most', '20')
    .option('--concurrency <n>', 'probes in flight at most', '8')
    .option('--org <slug>', 'record the answers as inventory proposals of this organization')
    .action(async (options: { host: string; port: string; callingAe: string; calledAe: string; timeout: string; rate: string; concurrency: string; org?: string }, command: Command) => {
      const { checkDiscoveryOptions, discoverDicom } = await import('../../services/fleet/discover-dicom.js')
      const discovery = { hosts: options.host, ports: options.port, callingAe: options.callingAe, calledAe: options.calledAe, timeoutMs: Number(options.timeout), ratePerSecond: Number(options.rate), concurrency: Number(options.concurrency) }
      const checked = checkDiscoveryOptions(discovery)
      if (!checked.ok) return printError(checked.error.code, checked.error.message)
      for (const [name, value] of [['--timeout', discovery.timeoutMs], ['--rate', discovery.ratePerSecond], ['--concurrency', discovery.concurrency]] as const) {
        if (!Number.isFinite(value) || value <= 0) return printError('validation_failed', `${name} must be a positive number`)
      }
      const run = await discoverDicom({ ...discovery, onFound: printJson })
      if (!run.ok) return printError(run.error.code, run.error.message)
      process.stderr.write(`probed ${run.value.probed} host:port pairs, ${run.value.found.length} answered\n`)
      if (!options.org) return
      const [{ systemContext }, { recordDiscoveries }] = await Promise.all([import('../../services/system-admin.js'), import('../../services/fleet/record-discoveries.js')])
      await withApp(command, async (app) => {
        const ctx = await systemContext(app.db, options.org!)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const recorded = await recordDiscoveries(ctx.value, run.value.found, { probed: run.value.probed, hosts: options.host, ports: options.port })
        if (!recorded.ok) return printError(recorded.error.code, recorded.error.message)
        process.stderr.write(`recorded ${recorded.value.length} proposals for ${options.org}\n`)
      })
    })
}
