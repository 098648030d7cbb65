import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The file that names the process holding an embedded data folder open. */
export const DATA_FOLDER_LOCK_FILE = 'medsec.lock'

/** Thrown when another live process holds the data folder: its code is what the CLI reports. */
export class DataFolderInUseError extends Error {
  readonly code = 'data_folder_in_use'
}

/**
 * Takes the embedded data folder for this process and returns how to give it back. PGlite is single-process: two
 * processes on one folder (`npm start` and `npx medsec kb import` beside it) each see a torn copy of the other's
 * writes and can corrupt the database, so the second one is refused. A lock left by a process that died is taken over.
 */
export function lockDataFolder(dataDir: string): () => void {
  const lockFile = join(dataDir, DATA_FOLDER_LOCK_FILE)
  // Created exclusively, so two processes starting at once cannot both take it.
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const holder = readHolder(lockFile)
    // The same process may reopen its folder (tests, a copied template); only another live process is refused.
    if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
      throw new DataFolderInUseError(
        `the data folder ${dataDir} is open in process ${holder} (a running \`medsec serve\` / \`npm start\`?): stop it first, or set DATABASE_URL to share a PostgreSQL database between the server and the CLI; if no medsec process runs, delete ${lockFile}`,
      )
    }
    rmSync(lockFile, { force: true })
  }
  return () => {
    if (readHolder(lockFile) === process.pid) unlinkSync(lockFile)
  }
}

function readHolder(lockFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(lockFile, 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
