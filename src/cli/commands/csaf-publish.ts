import { Command, Option } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

/** The `csaf` command created by registerCsafCommands, or a new one when it is absent. */
function csafCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'csaf') ?? program.command('csaf').description('CSAF 2.0 documents')
}

/** Registers `csaf publish` (publish an advisory through its CSAF provider) and `csaf fetch` (consume a provider). */
export function registerCsafProviderCommands(program: Command): void {
  const csaf = csafCommand(program)

  csaf
    .command('publish')
    .description('publish an advisory (id or tracking id) through its manufacturer\'s CSAF provider: version bump, revision, hashes, signature')
    .argument('<advisory-id>', 'advisory id (UUID) or tracking id')
    .option('--org <slug>', 'the manufacturer (needed when the tracking id exists in several organizations)')
    .addOption(new Option('--status <status>', 'tracking status of the release').choices(['final', 'interim']).default('final'))
    .option('--summary <text>', 'revision summary')
    .action(async (reference: string, options: { org?: string; status: 'final' | 'interim'; summary?: string }, command: Command) => {
      await withApp(command, async (app) => {
        const { publishByReference } = await import('../../services/advisories/publish-by-reference.js')
        const result = await publishByReference(app.db, reference, options.org, { status: options.status, ...(options.summary ? { summary: options.summary } : {}) })
        if (!result.ok) {
          printError(result.error.code, result.error.details ? `${result.error.message}: ${JSON.stringify(result.error.details)}` : result.error.message, result.error.code === 'validation_failed' ? 1 : 2)
          return
        }
        const { trackingId, version, status, published } = result.value
        printJson({ trackingId, version, status, path: published?.path, url: published?.url, sha256: published?.sha256, signingKey: published?.signingKey })
      })
    })

  csaf
    .command('fetch')
    .description('fetch a CSAF provider (URL of provider-metadata.json or a domain): follow ROLIE feeds or directories, check hashes, signatures and validity, import into the knowledge base')
    .argument('<provider>', 'provider-metadata.json URL or domain')
    .option('--token <token>', 'bearer token for access-protected (non-CLEAR) feeds')
    .option('--no-import', 'only check, do not import')
    .option('--limit <n>', 'check at most n documents', (value) => Number.parseInt(value, 10))
    .option('--json', 'print the full report as JSON')
    .action(async (target: string, options: { token?: string; import: boolean; limit?: number; json?: boolean }, command: Command) => {
      await withApp(command, async (app) => {
        const { fetchCsafProvider } = await import('../../services/csaf-provider/fetch-provider.js')
        const result = await fetchCsafProvider(app.db, target, { import: options.import, ...(options.token ? { token: options.token } : {}), ...(options.limit ? { limit: options.limit } : {}) })
        if (!result.ok) {
          printError(result.error.code, result.error.message)
          return
        }
        const report = result.value
        if (options.json) printJson(report)
        else {
          process.stdout.write(`${report.publisher} (${report.distribution}): ${report.accepted} accepted, ${report.rejected} rejected${report.imported ? `, ${report.imported.records} KB records imported` : ''}\n`)
          for (const doc of report.documents.filter((d) => !d.accepted)) process.stdout.write(`  rejected ${doc.url}: ${doc.reason}\n`)
          for (const feed of report.skippedFeeds) process.stdout.write(`  skipped ${feed.url}: ${feed.reason}\n`)
        }
        if (report.rejected > 0) process.exitCode = 1
      })
    })
}
