import { CommanderError } from 'commander'
import type { Command } from 'commander'
import { DataFolderInUseError } from '../store/data-folder-lock.js'

// Commander's own error codes, named in the CLI's stable snake_case vocabulary.
const usageErrorCodes: Readonly<Record<string, string>> = {
  'commander.missingArgument': 'missing_argument',
  'commander.missingMandatoryOptionValue': 'missing_option',
  'commander.optionMissingArgument': 'missing_option_value',
  'commander.invalidArgument': 'invalid_argument',
  'commander.unknownOption': 'unknown_option',
  'commander.unknownCommand': 'unknown_command',
  'commander.excessArguments': 'excess_arguments',
  'commander.conflictingOption': 'conflicting_options',
}

// Commander ends with these after printing help or the version: they are not errors.
const helpExits = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version'])

/**
 * Makes commander report usage errors by throwing instead of exiting, without its plain-text error line; the help
 * it prints after an error stays. Call it on the program before adding commands, which inherit the setting.
 */
export function throwUsageErrors(program: Command): Command {
  return program.exitOverride().configureOutput({ outputError: () => {} })
}

/**
 * Parses argv and turns anything that escapes a command into the CLI's error contract: usage errors and unexpected
 * failures (an unwritable --out file, a bug) print `{"error":{"code","message"}}` on stderr and exit 2, never a stack.
 */
export async function parseReportingErrors(program: Command, argv: readonly string[]): Promise<void> {
  // A reader that stops early (`medsec ... | head`) closes the pipe: end quietly instead of crashing on EPIPE.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
    writeError('io_error', error.message)
    process.exit(2)
  })
  try {
    await program.parseAsync([...argv])
  } catch (error) {
    if (error instanceof CommanderError) {
      if (helpExits.has(error.code)) {
        process.exitCode = error.exitCode
        return
      }
      writeError(usageErrorCodes[error.code] ?? 'usage_error', error.message.replace(/^error: /, ''))
    } else {
      const failure = error instanceof Error ? (error as NodeJS.ErrnoException) : undefined
      // Node's file-system errors carry a syscall (open, write, mkdir...): the user can act on those, as on a data
      // folder another process holds.
      const code = failure?.syscall ? 'io_error' : error instanceof DataFolderInUseError ? error.code : 'internal_error'
      writeError(code, failure?.message ?? String(error))
    }
    process.exitCode = 2
  }
}

function writeError(code: string, message: string): void {
  process.stderr.write(JSON.stringify({ error: { code, message } }) + '\n')
}
