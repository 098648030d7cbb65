import { open } from 'node:fs/promises'
import type { Command } from 'commander'
import { printError, printJson, withApp } from '../database-option.js'

/** Files at least this large show a progress bar (on a terminal). */
const PROGRESS_FROM_BYTES = 2 * 1024 * 1024

/** Adds `medsec sbom upload <file> --product <name> --version <v> [--org <slug>] [--create]` to the existing `sbom` command. */
export function registerSbomUploadCommands(program: Command): void {
  const sbom = program.commands.find((c) => c.name() === 'sbom') ?? program.command('sbom').description('SBOM files and stored SBOMs')
  sbom
    .command('upload')
    .argument('<file>', 'CycloneDX (JSON/XML 1.2-1.6) or SPDX (2.2/2.3 JSON or tag-value, 3.0 JSON-LD) file, up to 50 MB')
    .requiredOption('--product <name>', 'the product name, e.g. "Acme CT 5000"')
    .requiredOption('--version <version>', 'the product version, e.g. 3.2')
    .option('--org <slug>', 'the organization (default: MEDSEC_ORG, or the only manufacturer in the database)')
    .option('--create', 'create the product and version when they do not exist')
    .description('store an SBOM in the database as the next revision of a product version; prints the revision as JSON')
    .action(async (file: string, options: { product: string; version: string; org?: string; create?: boolean }, command: Command) => {
      const [{ MAX_SBOM_UPLOAD_BYTES, uploadSbom }, { resolveProductVersion }, { systemContext }, { sbomRepository }, { default: progress }] = await Promise.all([
        import('../../services/sbom/upload-sbom.js'),
        import('../../services/sbom/resolve-version.js'),
        import('../../services/system-admin.js'),
        import('../../store/repositories/sboms.js'),
        import('cli-progress'),
      ])
      const read = await readFileChecked(file, MAX_SBOM_UPLOAD_BYTES)
      if (!read.ok) return printError(read.code, read.message)
      await withApp(command, async (app) => {
        const slug = options.org ?? process.env.MEDSEC_ORG ?? onlyManufacturer(await sbomRepository.manufacturerSlugs(app.db))
        if (slug === undefined) return printError('org_required', 'name the organization with --org <slug> (the database holds several manufacturers, or none)')
        const ctx = await systemContext(app.db, slug)
        if (!ctx.ok) return printError('org_not_found', ctx.error.message)
        const target = await resolveProductVersion(ctx.value, { product: options.product, version: options.version, create: options.create === true })
        if (!target.ok) return printError((target.error.details as { code?: string } | undefined)?.code ?? target.error.code, target.error.message)
        const showProgress = read.bytes.length >= PROGRESS_FROM_BYTES && process.stderr.isTTY === true
        const bar = new progress.SingleBar({ stream: process.stderr, format: '{stage} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true }, progress.Presets.shades_classic)
        if (showProgress) process.stderr.write(`parsing ${file} (${(read.bytes.length / 1024 / 1024).toFixed(1)} MB)...\n`)
        let stage = ''
        const result = await uploadSbom(ctx.value, {
          versionId: target.value.versionId,
          bytes: read.bytes,
          filename: file,
          onProgress: (event) => {
            if (!showProgress || event.kind === 'parsed') return
            if (stage !== event.kind) {
              if (stage !== '') bar.stop()
              stage = event.kind
              bar.start(event.total, 0, { stage: event.kind === 'components' ? 'storing components  ' : 'storing dependencies' })
            }
            bar.update(event.stored)
          },
        })
        if (stage !== '') bar.stop()
        if (!result.ok) {
          const details = result.error.details as { fileCode?: string } | undefined
          return printError(details?.fileCode ?? result.error.code, result.error.message)
        }
        const { revision, warnings } = result.value
        printJson({
          organization: slug,
          product: options.product,
          version: options.version,
          createdProduct: target.value.createdProduct,
          createdVersion: target.value.createdVersion,
          revisionId: revision.id,
          revision: revision.revision,
          sha256: revision.sha256,
          format: revision.format,
          specVersion: revision.specVersion,
          components: revision.components,
          dependencies: revision.dependencies,
          warnings,
        })
      })
    })
}

function onlyManufacturer(slugs: readonly string[]): string | undefined {
  return slugs.length === 1 ? slugs[0] : undefined
}

/** Reads a file after checking its size, so a file above the limit is refused before it is read. */
async function readFileChecked(path: string, limit: number): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; code: string; message: string }> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return { ok: false, code: 'sbom_file_unreadable', message: `cannot open ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) return { ok: false, code: 'sbom_file_unreadable', message: `${path} is not a regular file` }
    if (stats.size > limit) return { ok: false, code: 'sbom_too_large', message: `${path} is ${stats.size} bytes, above the upload limit of ${limit}` }
    return { ok: true, bytes: await handle.readFile() }
  } finally {
    await handle.close()
  }
}
