import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../../test/support/cli.js'

describe('medsec disclosure', () => {
  it('computes due dates over business days with holidays, and calendar days', () => {
    expect(JSON.parse(runCli(['disclosure', 'due', '2026-12-24', '5', '--holidays', '2026-12-25,2027-01-01']).stdout)).toEqual({ result: '2027-01-04' })
    expect(JSON.parse(runCli(['disclosure', 'due', '2026-01-30', '90', '--calendar']).stdout)).toEqual({ result: '2026-04-30' })
    expect(JSON.parse(runCli(['disclosure', 'between', '2026-01-30', '2026-02-06']).stdout)).toEqual({ result: 5 })
    const bad = runCli(['disclosure', 'due', '2026-02-30', '5'])
    expect(bad.status).toBe(2)
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: 'date_invalid' } })
  })

  it('answers JSON lines in order with --stdin', () => {
    const run = runCli(['disclosure', 'due', '--stdin'], { input: '["2026-01-30","5"]\n["x","1"]\n["2026-01-31","1"]\n' })
    expect(run.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([{ result: '2026-02-06' }, { error: { code: 'date_invalid', message: '"x" is not a date YYYY-MM-DD' } }, { result: '2026-02-02' }])
  })

  it('validates a security.txt file, exiting 1 when it breaks RFC 9116', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-sectxt-'))
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString()
    writeFileSync(join(dir, 'good.txt'), `Contact: mailto:security@example.com\nExpires: ${future}\n`)
    writeFileSync(join(dir, 'bad.txt'), 'Contact: http://example.com\n')
    const good = runCli(['disclosure', 'security-txt', join(dir, 'good.txt')])
    expect(good.status).toBe(0)
    expect(JSON.parse(good.stdout)).toMatchObject({ valid: true })
    const bad = runCli(['disclosure', 'security-txt', join(dir, 'bad.txt')])
    expect(bad.status).toBe(1)
    expect(JSON.parse(bad.stdout).issues.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['uri_insecure', 'expires_missing']))
    expect(runCli(['disclosure', 'security-txt', join(dir, 'missing.txt')]).status).toBe(2)
  })
})
