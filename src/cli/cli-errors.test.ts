import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../test/support/cli.js'
import { projectRoot, testdataPath } from '../../test/support/testdata.js'

const dir = mkdtempSync(join(tmpdir(), 'medsec-cli-errors-'))
const sbomFile = testdataPath('cyclonedx-bom-examples/SBOM/dropwizard-1.3.15/bom.json')

/** The `{"error":...}` object of the last stderr line. */
function lastError(stderr: string): { code: string; message: string } {
  return (JSON.parse(stderr.trim().split('\n').pop()!) as { error: { code: string; message: string } }).error
}

describe('medsec usage errors and unexpected failures (CLI)', { timeout: 120_000 }, () => {
  it('answers an invalid option value with invalid_argument and exit 2, not exit 1 (which --fail-on means "tripped")', () => {
    writeFileSync(join(dir, 'empty.cdx.json'), JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [] }))
    const run = runCli(['scan', join(dir, 'empty.cdx.json'), '--kb', join(dir, 'empty.cdx.json'), '--fail-on', 'bogus'])
    expect(run.status).toBe(2)
    expect(lastError(run.stderr)).toEqual({ code: 'invalid_argument', message: expect.stringContaining("'bogus' is invalid") })
  })

  it('answers a missing required option, a missing argument and an unknown command with their codes and exit 2', () => {
    const noKb = runCli(['scan', sbomFile])
    expect(noKb.status).toBe(2)
    expect(lastError(noKb.stderr).code).toBe('missing_option')
    // csaf validate exits 1 for an invalid document: a usage error must not look like one.
    const noFile = runCli(['csaf', 'validate'])
    expect(noFile.status).toBe(2)
    expect(lastError(noFile.stderr).code).toBe('missing_argument')
    const unknown = runCli(['no-such-command'])
    expect(unknown.status).toBe(2)
    expect(lastError(unknown.stderr).code).toBe('unknown_command')
  })

  it('keeps --help a success', () => {
    const help = runCli(['scan', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--fail-on')
  })

  it('reports an unwritable --out file as io_error with exit 2 and no stack trace', () => {
    const run = runCli(['sbom', 'convert', sbomFile, '--to', 'spdx-json', '--out', join(dir, 'no-such-folder', 'out.json')])
    expect(run.status).toBe(2)
    expect(lastError(run.stderr)).toEqual({ code: 'io_error', message: expect.stringContaining('no-such-folder') })
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('ends quietly with exit 0 when the reader closes the pipe early (`| head`)', async () => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'medsec.js'), 'sbom', 'convert', sbomFile, '--to', 'cyclonedx-json'], { cwd: projectRoot })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdout.once('data', () => child.stdout.destroy())
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).not.toContain('EPIPE')
    expect(status).toBe(0)
  })
})
