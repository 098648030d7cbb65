import { Command } from 'commander'
import { parseReportingErrors, throwUsageErrors } from './cli-errors.js'
import { registerIdentityCommands } from './commands/identity.js'
import { registerMds2Commands } from './commands/mds2.js'
import { registerPlatformCommands } from './commands/platform.js'
import { registerSharingCommands } from './commands/sharing.js'
import { registerFleetCommands } from './commands/fleet.js'
import { registerFleetRiskCommands } from './commands/fleet-risk.js'
import { registerSbomCommands } from './commands/sbom.js'
import { registerSbomUploadCommands } from './commands/sbom-upload.js'
import { registerCsafCommands } from './commands/csaf.js'
import { registerVexDbCommands } from './commands/vex-db.js'
import { registerCsafProviderCommands } from './commands/csaf-publish.js'
import { registerCsafGenerateCommands } from './commands/csaf-generate.js'
import { registerScoringCommands } from './commands/scoring.js'
import { registerKbCommands } from './commands/kb.js'
import { registerScanCommands } from './commands/scan.js'
import { registerJobsCommands } from './commands/jobs.js'
import { registerDisclosureCommands } from './commands/disclosure.js'

/** Builds the `medsec` command tree; each command module adds its own subcommands. */
export function buildProgram(): Command {
  const program = throwUsageErrors(new Command('medsec'))
    .description('medsec: cybersecurity of medical imaging devices (SBOM, VEX, CSAF, MDS2, fleet risk)')
    .option('--data <dir>', 'embedded database folder, which also holds the instance key (default: MEDSEC_DATA or ./data; ignored when DATABASE_URL is set)')
    .showHelpAfterError()
  // command registrations (one line per module)
  registerSharingCommands(program)
  registerFleetCommands(program)
  registerFleetRiskCommands(program)
  registerScoringCommands(program)
  registerIdentityCommands(program)
  registerCsafCommands(program)
  registerVexDbCommands(program)
  registerCsafProviderCommands(program)
  registerCsafGenerateCommands(program)
  registerMds2Commands(program)
  registerSbomCommands(program)
  registerSbomUploadCommands(program)
  registerKbCommands(program)
  registerScanCommands(program)
  registerJobsCommands(program)
  registerDisclosureCommands(program)
  registerPlatformCommands(program)
  return program
}

/** Runs the CLI with the given argv. */
export async function main(argv: readonly string[]): Promise<void> {
  await parseReportingErrors(buildProgram(), argv)
}
