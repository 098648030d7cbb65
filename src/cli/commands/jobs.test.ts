import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { projectRoot } from '../../../test/support/testdata.js'

const run = promisify(execFile)
const cli = (args: string[]) => run(process.execPath, [join(projectRoot, 'bin/medsec.js'), ...args], { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 })

describe('medsec jobs CLI', () => {
  it('runs pending matching now (the first pass fills the index) and lists no jobs where no server has run them', async () => {
    const data = join(mkdtempSync(join(tmpdir(), 'medsec-jobs-cli-')), 'db')
    const ran = await cli(['--data', data, 'jobs', 'run'])
    expect(JSON.parse(ran.stdout)).toMatchObject({ versions: 0, kb: { kind: 'backfill', productVersions: 0 } })
    const again = await cli(['--data', data, 'jobs', 'run'])
    expect(JSON.parse(again.stdout)).toEqual({ versions: 0, kb: null })
    const listed = await cli(['--data', data, 'jobs', 'list', '--limit', '5'])
    expect(JSON.parse(listed.stdout)).toEqual({ available: false, jobs: [] })
  }, 240_000)
})
