import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { projectRoot } from './testdata.js'

/** What a CLI run printed and how it exited. */
export interface CliRun {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `medsec` as a user would (`node bin/medsec.js ...`), optionally with standard input. */
export function runCli(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const env = { ...process.env, ...options.env }
  delete env.DATABASE_URL
  if (options.env?.DATABASE_URL) env.DATABASE_URL = options.env.DATABASE_URL
  const run = spawnSync(process.execPath, [join(projectRoot, 'bin', 'medsec.js'), ...args], {
    cwd: projectRoot,
    input: options.input ?? '',
    encoding: 'utf8',
    env,
    timeout: 120_000,
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}
