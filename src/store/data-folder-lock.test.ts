import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, seededDataDir } from '../../test/support/cli.js'
import { DATA_FOLDER_LOCK_FILE, DataFolderInUseError, lockDataFolder } from './data-folder-lock.js'
import { openDatabase } from './database.js'

/** The id of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!
}

describe('the embedded data folder lock', () => {
  it('refuses a folder another live process holds, and takes over one a dead process left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-lock-'))
    const lockFile = join(dir, DATA_FOLDER_LOCK_FILE)
    writeFileSync(lockFile, String(process.ppid))
    expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError)

    writeFileSync(lockFile, String(deadPid()))
    const unlock = lockDataFolder(dir)
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid))
    unlock()
    expect(existsSync(lockFile)).toBe(false)
  })

  it('is held while the database is open and given back when it closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medsec-lock-'))
    const database = await openDatabase({ kind: 'embedded', dataDir: dir })
    expect(readFileSync(join(dir, DATA_FOLDER_LOCK_FILE), 'utf8')).toBe(String(process.pid))
    await database.close()
    expect(existsSync(join(dir, DATA_FOLDER_LOCK_FILE))).toBe(false)
  })

  it('makes the CLI refuse, exit 2, a folder a running server holds (`npx medsec kb import` beside `npm start`)', { timeout: 120_000 }, () => {
    const data = seededDataDir('medsec-lock-cli-')
    // This test process plays the running server.
    writeFileSync(join(data, DATA_FOLDER_LOCK_FILE), String(process.pid))
    const run = runCli(['--data', data, 'kb', 'stats'])
    expect(run.status).toBe(2)
    const { error } = JSON.parse(run.stderr.trim().split('\n').pop()!) as { error: { code: string; message: string } }
    expect(error.code).toBe('data_folder_in_use')
    expect(error.message).toContain(`process ${process.pid}`)
  })
})
