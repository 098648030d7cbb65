import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/** A new embedded data folder holding the migrated, seeded demo (a copy of the one the global set-up made). */
export function seededDataDir(prefix = 'medsec-cli-'): string {
  const template = process.env.MEDSEC_SEEDED_DATA_DIR
  if (!template) throw new Error('MEDSEC_SEEDED_DATA_DIR is not set: run the tests through vitest (test/support/global-setup.ts)')
  const dir = join(mkdtempSync(join(tmpdir(), prefix)), 'data')
  cpSync(template, dir, { recursive: true })
  return dir
}
