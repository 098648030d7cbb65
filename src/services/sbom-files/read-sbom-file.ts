import { open } from 'node:fs/promises'
import { fail, problem, type Result } from '../../domain/result.js'
import { defaultMaxBytes, normaliseSbomDocument, readSbomDocument, type Sbom, type SbomDocumentKind } from '../../domain/sbom/index.js'
import { validateSbomSchema } from './schema-validation.js'

/** Options for loading an SBOM. */
export interface LoadSbomOptions {
  /** Refuse larger inputs before reading them (default 100 MiB, or MEDSEC_SBOM_MAX_BYTES). */
  readonly maxBytes?: number
  readonly hint?: SbomDocumentKind
}

/** The byte limit in force: the option, else MEDSEC_SBOM_MAX_BYTES, else the domain default. */
export function sbomSizeLimit(maxBytes?: number): number {
  if (maxBytes !== undefined) return maxBytes
  const fromEnv = Number(process.env.MEDSEC_SBOM_MAX_BYTES)
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultMaxBytes
}

/**
 * Reads, schema-checks and normalises an SBOM held in memory (the original bytes of an upload). Nothing is returned
 * but a whole model or an error: invalid documents give `sbom_schema_invalid` with every problem and its path.
 */
export function loadSbom(bytes: Uint8Array | string, options: LoadSbomOptions = {}): Result<Sbom> {
  const maxBytes = sbomSizeLimit(options.maxBytes)
  const document = readSbomDocument(bytes, options.hint === undefined ? { maxBytes } : { maxBytes, hint: options.hint })
  if (!document.ok) return document
  const problems = validateSbomSchema(document.value)
  if (problems.length > 0) {
    const first = problems[0]
    const code = problems.every((p) => p.code === 'sbom_unsupported_spec_version') ? 'sbom_unsupported_spec_version' : 'sbom_schema_invalid'
    return fail(problem(code, `the ${document.value.kind} document is invalid: ${first?.message ?? ''}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { problems }))
  }
  return normaliseSbomDocument(document.value)
}

/**
 * Loads an SBOM file: the size is checked with fstat before anything is read, so a 200 MB file is refused at once
 * (`sbom_too_large`); a missing or unreadable file gives `sbom_file_unreadable`.
 */
export async function loadSbomFile(path: string, options: LoadSbomOptions = {}): Promise<Result<Sbom>> {
  const maxBytes = sbomSizeLimit(options.maxBytes)
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return fail(problem('sbom_file_unreadable', `cannot open ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`))
  }
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) return fail(problem('sbom_file_unreadable', `${path} is not a regular file`))
    if (stats.size > maxBytes) return fail(problem('sbom_too_large', `${path} is ${stats.size} bytes, above the limit of ${maxBytes}`, { size: stats.size, limit: maxBytes }))
    const bytes = await handle.readFile()
    return loadSbom(bytes, { ...options, maxBytes })
  } catch (error) {
    return fail(problem('sbom_file_unreadable', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`))
  } finally {
    await handle.close()
  }
}
