import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../test/support/cli.js'

describe('medsec csaf publish / fetch', () => {
  it('adds publish and fetch beside validate under csaf', () => {
    const help = runCli(['csaf', '--help'])
    expect(help.stdout).toMatch(/validate/)
    expect(help.stdout).toMatch(/publish/)
    expect(help.stdout).toMatch(/fetch/)
  })

  it('answers not_found with exit 2 for an unknown advisory', () => {
    const data = join(mkdtempSync(join(tmpdir(), 'medsec-csaf-cli-')), 'data')
    const run = runCli(['--data', data, 'csaf', 'publish', 'NO-SUCH-1'])
    expect(run.status).toBe(2)
    expect(JSON.parse(run.stderr.trim().split('\n').pop()!)).toMatchObject({ error: { code: 'not_found' } })
  })

  it('refuses plain http providers outside loopback with exit 2', () => {
    const data = join(mkdtempSync(join(tmpdir(), 'medsec-csaf-cli-')), 'data')
    const run = runCli(['--data', data, 'csaf', 'fetch', 'http://psirt.example.com'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('csaf_fetch_insecure')
  })
})
