import type { Command } from 'commander'
import type { AppResources } from '../services/app.js'

/** Opens the database the global options name (DATABASE_URL wins over --data), migrated; closes it afterwards. */
export async function withApp<T>(command: Command, use: (app: AppResources) => Promise<T>): Promise<T> {
  const { data } = command.optsWithGlobals<{ data?: string }>()
  const [{ openApp }, { locationFrom }] = await Promise.all([import('../services/app.js'), import('../store/database.js')])
  const app = await openApp(locationFrom(process.env, data))
  try {
    return await use(app)
  } finally {
    await app.close()
  }
}

/** Prints a JSON value on stdout, one line. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n')
}

/** Prints an error as `{"error":{...}}` on stderr and sets the exit code. */
export function printError(code: string, message: string, exitCode = 2): void {
  process.stderr.write(JSON.stringify({ error: { code, message } }) + '\n')
  process.exitCode = exitCode
}
