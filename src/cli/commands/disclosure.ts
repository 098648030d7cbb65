import type { Command } from 'commander'
import { addBusinessDays, addCalendarDays, businessDaysBetween, validateSecurityTxt } from '../../domain/disclosure/index.js'
import { jsonCommand } from '../json-command.js'
import { printError, printJson, withApp } from '../database-option.js'

const holidaysOf = (text: string | undefined): string[] => (text ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '')

/** Adds `medsec disclosure due|between|security-txt|export|alert-clocks`: disclosure clocks, security.txt checks, case export and clock alerts. */
export function registerDisclosureCommands(program: Command): void {
  const disclosure = program.command('disclosure').description('coordinated vulnerability disclosure: clocks, security.txt (RFC 9116), case export')

  const due = disclosure
    .command('due')
    .argument('[start]', 'start date YYYY-MM-DD (omit with --stdin)')
    .argument('[days]', 'number of days')
    .option('--calendar', 'count calendar days instead of business days')
    .option('--holidays <dates>', 'comma-separated non-working dates YYYY-MM-DD')
    .description('print the due date `days` business (or calendar) days after a start date')
  jsonCommand(due, 2, ([start, days]) => {
    const options = due.opts<{ calendar?: boolean; holidays?: string }>()
    return options.calendar ? addCalendarDays(start!, Number(days)) : addBusinessDays(start!, Number(days), holidaysOf(options.holidays))
  })

  const between = disclosure
    .command('between')
    .argument('[start]', 'start date YYYY-MM-DD (omit with --stdin)')
    .argument('[end]', 'end date YYYY-MM-DD')
    .option('--holidays <dates>', 'comma-separated non-working dates YYYY-MM-DD')
    .description('print the business days after start up to and including end')
  jsonCommand(between, 2, ([start, end]) => businessDaysBetween(start!, end!, holidaysOf(between.opts<{ holidays?: string }>().holidays)))

  disclosure
    .command('security-txt <file>')
    .option('--location <url>', 'the URL the file is served from (checked against Canonical)')
    .description('validate a security.txt file against RFC 9116; prints the report, exit code 1 when invalid')
    .action(async (file: string, options: { location?: string }) => {
      const { readFile } = await import('node:fs/promises')
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch (err) {
        return printError('file_unreadable', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`)
      }
      const report = validateSecurityTxt(text, { now: new Date().toISOString(), ...(options.location ? { location: options.location } : {}) })
      printJson(report)
      if (!report.valid) process.exitCode = 1
    })

  disclosure
    .command('export <org-slug> <case>')
    .description('print a case (by reference, e.g. CVD-2026-0001, or id) as JSON for records')
    .action(async (orgSlug: string, reference: string, _options: unknown, command: Command) => {
      await withApp(command, async (app) => {
        const [{ systemContext }, { listCases }, { exportCase }] = await Promise.all([
          import('../../services/system-admin.js'),
          import('../../services/disclosure/list-cases.js'),
          import('../../services/disclosure/export-case.js'),
        ])
        const ctx = await systemContext(app.db, orgSlug)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const cases = await listCases(ctx.value)
        const found = cases.ok ? cases.value.find((c) => c.reference === reference || c.id === reference) : undefined
        if (!found) return printError('not_found', `no case ${reference} at ${orgSlug}`)
        const exported = await exportCase(ctx.value, found.id)
        return exported.ok ? printJson(exported.value) : printError(exported.error.code, exported.error.message)
      })
    })

  disclosure
    .command('alert-clocks')
    .description('announce disclosure clocks that are due soon or breached to the case owners (once per clock and due date); prints one JSON line each')
    .action(async (_options: unknown, command: Command) => {
      await withApp(command, async (app) => {
        const { alertDisclosureClocks } = await import('../../services/disclosure/alert-clocks.js')
        const result = await alertDisclosureClocks(app.db)
        if (!result.ok) return printError(result.error.code, result.error.message)
        for (const alert of result.value) printJson(alert)
      })
    })
}
