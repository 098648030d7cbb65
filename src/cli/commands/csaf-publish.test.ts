import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEMO_ADVISORY_ID } from '../../services/advisories/seed-advisories.js'
import { INSTANCE_KEY_FILE } from '../../store/instance-key.js'
import { runCli, seededDataDir } from '../../../test/support/cli.js'

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

  it('signs with the instance key of the --data folder (else MEDSEC_DATA), the one the demo seed made in another process', () => {
    // The global set-up seeded the demo (and its signing key, sealed under the folder's instance key) in its own process.
    const data = seededDataDir('medsec-csaf-key-')
    expect(existsSync(join(data, INSTANCE_KEY_FILE))).toBe(true)
    const elsewhere = mkdtempSync(join(tmpdir(), 'medsec-csaf-key-elsewhere-'))
    const noSecret = { MEDSEC_SECRET_KEY: '' }
    const interim = runCli(['--data', data, 'csaf', 'publish', DEMO_ADVISORY_ID, '--status', 'interim'], { env: { ...noSecret, MEDSEC_DATA: elsewhere } })
    expect(interim.status, interim.stderr).toBe(0)
    expect(readdirSync(elsewhere)).toEqual([])
    const final = runCli(['csaf', 'publish', DEMO_ADVISORY_ID, '--status', 'final'], { env: { ...noSecret, MEDSEC_DATA: data } })
    expect(final.status, final.stderr).toBe(0)

    // Another key in the folder cannot open the stored signing key: the key really comes from the folder.
    const rekeyed = seededDataDir('medsec-csaf-rekeyed-')
    writeFileSync(join(rekeyed, INSTANCE_KEY_FILE), randomBytes(32).toString('base64') + '\n', { mode: 0o600 })
    const refused = runCli(['--data', rekeyed, 'csaf', 'publish', DEMO_ADVISORY_ID, '--status', 'interim'], { env: noSecret })
    expect(refused.status).toBe(2)
    expect(JSON.parse(refused.stderr.trim().split('\n').pop()!)).toMatchObject({ error: { code: 'conflict' } })
  })
})
