import type { Command } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

/** `sharing relationships <org-slug>` and `sharing deliver` (one pass of the notification outbox). */
export function registerSharingCommands(program: Command): void {
  const sharing = program.command('sharing').description('sharing relationships and notification delivery')

  sharing
    .command('relationships <orgSlug>')
    .description("print an organization's sharing relationships as JSON lines")
    .action(async (orgSlug: string, _options: unknown, command: Command) => {
      await withApp(command, async (app) => {
        const [{ systemContext }, { listRelationships }] = await Promise.all([import('../../services/system-admin.js'), import('../../services/sharing/list-relationships.js')])
        const ctx = await systemContext(app.db, orgSlug)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const listed = await listRelationships(ctx.value)
        if (!listed.ok) return printError(listed.error.code, listed.error.message)
        for (const r of listed.value) printJson(r)
      })
    })

  sharing
    .command('deliver')
    .description('deliver due webhooks and e-mails once (MEDSEC_SMTP_URL for e-mail) and print the counts')
    .action(async (_options: unknown, command: Command) => {
      await withApp(command, async (app) => {
        const [{ deliverDue }, { smtpMailer }] = await Promise.all([import('../../services/notifications/delivery-worker.js'), import('../../services/notifications/mailer.js')])
        const mailer = smtpMailer(process.env.MEDSEC_SMTP_URL, process.env.MEDSEC_MAIL_FROM ?? 'medsec <medsec@localhost>')
        printJson(await deliverDue(app.db, { mailer }))
      })
    })
}
