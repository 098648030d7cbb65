import { Command, Option } from 'commander'
import { kbSourceKinds } from '../../domain/kb/index.js'
import type { KbSourceKind } from '../../domain/kb/index.js'
import type { MatchComponent, MatchIndex } from '../../domain/matching/index.js'
import { printError, printJson, withApp } from '../database-option.js'
import { offlineIndexOf } from '../offline-kb.js'

// The knowledge base is instance-wide public data: these commands are the operator's (no organization is involved).
// Heavy modules are imported inside the actions so that other commands start fast.

function progressLine(counts: { documents: number; records: number; inserted: number; updated: number; unchanged: number; kev: number; epss: number; seconds: number }): void {
  const rate = counts.seconds > 0 ? Math.round(counts.records / counts.seconds) : 0
  process.stderr.write(
    `\r${counts.documents} documents, ${counts.records} records (${counts.inserted} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.kev} KEV, ${counts.epss} EPSS) ${rate}/s   `,
  )
}

function isKind(value: string): value is KbSourceKind {
  return (kbSourceKinds as readonly string[]).includes(value)
}

/** Adds `medsec kb import|stats|show|bundle` and `medsec match <sbom>`. */
export function registerKbCommands(program: Command): void {
  const kb = program.command('kb').description('vulnerability knowledge base (OSV, NVD, CVE 5, CISA KEV, EPSS, CSAF): import, inspect, offline bundles')

  kb.command('import')
    .description('import a feed from a file, directory, ZIP or HTTP(S) URL (idempotent, resumable, incremental over HTTP)')
    .argument('<source...>', 'the source, or a kind then the source (`kb import osv ./all.zip`)')
    .addOption(new Option('--kind <kind>', 'the feed kind (detected from the content when absent)').choices([...kbSourceKinds]))
    .option('--quiet', 'no progress on stderr')
    .action(async (args: string[], options: { kind?: KbSourceKind; quiet?: boolean }, command: Command) => {
      const [first, second] = args
      const kind = options.kind ?? (second !== undefined && first !== undefined && isKind(first) ? first : undefined)
      const location = second ?? first
      if (!location || args.length > 2 || (second !== undefined && !isKind(first ?? ''))) return printError('invalid_argument', 'usage: kb import [<kind>] <source> (kind: osv|nvd|cve5|kev|epss|csaf)')
      const [{ importKb }, { isNvdApiUrl }, { importNvdApi }] = await Promise.all([import('../../services/kb/import-kb.js'), import('../../services/kb/nvd-api.js'), import('../../services/kb/import-nvd.js')])
      // The NVD CVE API is read incrementally in lastModified windows since the last successful import.
      const run = isNvdApiUrl(location) ? importNvdApi : importKb
      await withApp(command, async (app) => {
        const result = await run(app.db, location, { ...(kind ? { kind } : {}), ...(options.quiet ? {} : { onProgress: progressLine }) })
        if (!options.quiet) process.stderr.write('\n')
        if (!result.ok) {
          // A failed import still says what it read and which problems it met (the counts are its details).
          if (result.error.details !== undefined) printJson(result.error.details)
          return printError(result.error.code, result.error.message)
        }
        printJson(result.value)
      })
    })

  kb.command('stats')
    .description('counts per source, alias groups, KEV and EPSS rows, and the state of every imported source')
    .action(async (_options: unknown, command: Command) => {
      const { kbStats } = await import('../../services/kb/kb-stats.js')
      await withApp(command, async (app) => {
        const stats = await kbStats(app.db)
        if (stats.ok) printJson(stats.value)
      })
    })

  kb.command('show')
    .description('a vulnerability by id or alias: every source statement with its origin, KEV, EPSS and recomputed CVSS')
    .argument('<id>', 'CVE, GHSA, PYSEC, OSV or vendor id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const { getVulnerability } = await import('../../services/kb/get-vulnerability.js')
      await withApp(command, async (app) => {
        const view = await getVulnerability(app.db, id)
        if (!view.ok) return printError(view.error.code, view.error.message)
        printJson(view.value)
      })
    })

  const bundle = kb.command('bundle').description('offline bundles for air-gapped sites')
  bundle
    .command('export')
    .description('write the whole knowledge base to a gzip JSON-lines bundle (.jsonl.gz is appended when missing)')
    .argument('<file>')
    .action(async (file: string, _options: unknown, command: Command) => {
      const { exportBundle } = await import('../../services/kb/bundle.js')
      const target = /\.jsonl\.gz$/.test(file) ? file : `${file}.jsonl.gz`
      await withApp(command, async (app) => printJson(await exportBundle(app.db, target)))
    })
  bundle
    .command('import')
    .description('import a bundle written by `kb bundle export`')
    .argument('<file>')
    .action(async (file: string, _options: unknown, command: Command) => {
      const { importKb } = await import('../../services/kb/import-kb.js')
      await withApp(command, async (app) => {
        const result = await importKb(app.db, file)
        if (!result.ok) return printError(result.error.code, result.error.message)
        printJson(result.value)
      })
    })

  program
    .command('match')
    .description('match an SBOM against the knowledge base (or, with --kb, feed files without a database); prints findings JSON with reasons')
    .argument('<sbom>', 'CycloneDX or SPDX file')
    .option('--kb <path...>', 'feed files or directories to match against instead of the database (offline)')
    .option('--min-confidence <level>', 'leave out findings below high|medium|low', 'low')
    .action(async (file: string, options: { kb?: string[]; minConfidence: string }, command: Command) => {
      const [{ loadSbomFile }, { matchComponents }] = await Promise.all([import('../../services/sbom-files/read-sbom-file.js'), import('../../domain/matching/index.js')])
      const sbom = await loadSbomFile(file)
      if (!sbom.ok) return printError(sbom.error.code, sbom.error.message)
      const components: readonly MatchComponent[] = sbom.value.components
      const levels = ['high', 'medium', 'low']
      const keep = levels.slice(0, levels.indexOf(options.minConfidence) + 1)
      if (keep.length === 0) return printError('invalid_argument', '--min-confidence is high, medium or low')
      const run = (index: MatchIndex) => {
        const report = matchComponents(index, components)
        printJson({ ...report, findings: report.findings.filter((f) => keep.includes(f.confidence)), unmatchedComponents: report.unmatchedComponents.length, unmatched: report.unmatchedComponents })
      }
      if (options.kb) {
        const index = await offlineIndexOf(options.kb)
        return index === null ? undefined : run(index)
      }
      const { currentMatchIndex } = await import('../../services/kb/match-index.js')
      await withApp(command, async (app) => run(await currentMatchIndex(app.db)))
    })
}
