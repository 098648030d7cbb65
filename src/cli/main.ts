import { Command } from 'commander'
import { registerPlatformCommands } from './commands/platform.js'

/** Builds the `medsec` command tree; each command module adds its own subcommands. */
export function buildProgram(): Command {
  const program = new Command('medsec')
    .description('medsec: cybersecurity of medical imaging devices (SBOM, VEX, CSAF, MDS2, fleet risk)')
    .option('--data <dir>', 'embedded database folder (ignored when DATABASE_URL is set)', './data')
    .showHelpAfterError()
  // command registrations (one line per module)
  registerPlatformCommands(program)
  return program
}

/** Runs the CLI with the given argv. */
export async function main(argv: readonly string[]): Promise<void> {
  await buildProgram().parseAsync([...argv])
}
