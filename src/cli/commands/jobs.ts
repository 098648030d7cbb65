import { Command, Option } from 'commander'
import { printJson, withApp } from '../database-option.js'

/** Adds `medsec jobs list` (recent background jobs of every organization) and `medsec jobs run` (pending matching, now). */
export function registerJobsCommands(program: Command): void {
  const jobs = program.command('jobs').description('background matching jobs (the server runs them; operators can look and catch up from here)')

  jobs
    .command('list')
    .description('recent jobs of every organization: queue, state, times, counts, errors')
    .addOption(new Option('--limit <n>', 'how many').default('50').argParser((v) => Math.max(1, Math.min(500, Number.parseInt(v, 10) || 50))))
    .action(async (options: { limit: number }, command: Command) => {
      const { listAllJobs } = await import('../../services/jobs/list-jobs.js')
      await withApp(command, async (app) => printJson(await listAllJobs(app.db, options.limit)))
    })

  jobs
    .command('run')
    .description('do now, in this process, what the jobs would do: re-match KB changes (targeted), match new SBOM revisions')
    .action(async (_options: unknown, command: Command) => {
      const { matchPending } = await import('../../services/findings/match-pending.js')
      await withApp(command, async (app) => printJson(await matchPending(app.db)))
    })
}
