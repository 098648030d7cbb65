import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/store/database.js'
import { runCli } from '../support/cli.js'

describe('platform CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'medsec-cli-'))
  const data = ['--data', dir]
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('prints help with every platform command', () => {
    const run = runCli(['--help'])
    expect(run.status).toBe(0)
    for (const command of ['serve', 'db', 'user', 'token', 'audit']) expect(run.stdout).toContain(command)
  })

  it('migrates, seeds once, creates a user and a token, and verifies the audit chain', { timeout: 300_000 }, () => {
    const migrated = runCli(['db', 'migrate', ...data])
    expect(migrated.status, migrated.stderr).toBe(0)
    expect(JSON.parse(migrated.stdout).applied).toContain('0001-foundation')
    const seeded = runCli(['seed', ...data])
    expect(JSON.parse(seeded.stdout)).toMatchObject({ seeded: true })
    expect(JSON.parse(runCli(['seed', ...data]).stdout)).toMatchObject({ seeded: false })
    const user = runCli(['user', 'create', '--email', 'ops@acme-imaging.example', '--org', 'acme-imaging', '--role', 'analyst', '--password', 'a long cli password', ...data])
    expect(user.status, user.stderr).toBe(0)
    expect(JSON.parse(user.stdout)).toMatchObject({ created: true })
    const weak = runCli(['user', 'create', '--email', 'x@acme-imaging.example', '--org', 'acme-imaging', '--password', 'short', ...data])
    expect(weak.status).toBe(2)
    expect(JSON.parse(weak.stderr)).toMatchObject({ error: { code: 'validation_failed' } })
    const token = runCli(['token', 'create', '--org', 'acme-imaging', '--name', 'ci', '--role', 'viewer', ...data])
    expect(token.status, token.stderr).toBe(0)
    expect(JSON.parse(token.stdout).token).toMatch(/^msk_/)
    const verified = runCli(['audit', 'verify', ...data])
    expect(verified.status).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'ok' })
  })

  it('fails audit verify with exit 1 and names the tampered entry', { timeout: 120_000 }, async () => {
    const database = await openDatabase({ kind: 'embedded', dataDir: dir })
    await sql`alter table audit_log disable trigger audit_log_no_update`.execute(database.db)
    await sql`update audit_log set actor_label = 'someone else' where seq = 5`.execute(database.db)
    await database.close()
    const run = runCli(['audit', 'verify', ...data])
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'broken', seq: '5', reason: 'hash_mismatch', entriesVerified: 4 })
  })
})
