import { readFile, writeFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import type { Command } from 'commander'
import { compareVendors, completeness, defaultProfile, diff, parseProfile, validate } from '../../domain/mds2/index.js'
import type { Mds2Import, RequirementProfile } from '../../domain/mds2/index.js'
import { fail, ok, problem } from '../../domain/result.js'
import { parseTlp } from '../../domain/tlp/tlp.js'
import type { Problem, Result } from '../../domain/result.js'
import { mds2Formats, readMds2File, writeComparison, writeMds2 } from '../../services/mds2-files/index.js'
import type { ComparisonFormat, Mds2Format } from '../../services/mds2-files/index.js'
import { printError, withApp } from '../database-option.js'

/** Adds `medsec mds2 import|export|compare|check|validate|profile`. */
export function registerMds2Commands(program: Command): void {
  const mds2 = program.command('mds2').description('MDS2 (ANSI/NEMA HN 1-2019): import, export, compare, validate, check against a hospital profile')

  mds2.command('import <file>')
    .description('read an MDS2 file (.xlsx, .csv, .json) and print {"header","answers","unmapped"} as JSON')
    .action(async (file: string) => run(async () => {
      const read = await readDocument(file)
      if (!read.ok) return read
      printJson({ header: read.value.document.header, answers: read.value.document.answers, unmapped: read.value.unmapped })
      return ok(0)
    }))

  mds2.command('export <file>')
    .description('write an MDS2 document (any importable format) as xlsx, json, csv or pdf')
    .requiredOption('--format <format>', `one of ${mds2Formats.join(', ')}`)
    .option('--out <file>', 'output file (required for xlsx and pdf; json and csv go to stdout without it)')
    .action(async (file: string, options: { format: string; out?: string }) => run(async () => {
      if (!(mds2Formats as readonly string[]).includes(options.format)) return fail(problem('mds2_unsupported_format', `unknown format '${options.format}'; use ${mds2Formats.join(', ')}`))
      const format = options.format as Mds2Format
      if (options.out === undefined && (format === 'xlsx' || format === 'pdf')) return fail(problem('missing_out', `--out is required for ${format}`))
      const read = await readDocument(file)
      if (!read.ok) return read
      const written = await writeMds2(read.value.document, format)
      if (!written.ok) return written
      if (options.out === undefined) {
        process.stdout.write(written.value)
        return ok(0)
      }
      await writeFile(options.out, written.value)
      printJson({ result: { out: options.out, format, bytes: written.value.length, unmapped: read.value.unmapped } })
      return ok(0)
    }))

  mds2.command('compare <before> <after>')
    .description('list changed header fields, answers and notes between two MDS2 documents (revisions or versions)')
    .action(async (before: string, after: string) => run(async () => {
      const a = await readDocument(before)
      if (!a.ok) return a
      const b = await readDocument(after)
      if (!b.ok) return b
      printJson(diff(a.value.document, b.value.document))
      return ok(0)
    }))

  mds2.command('validate <file>')
    .description('check consistency rules (header, N/A cascade, notes) and completeness; exit 1 when there are errors')
    .action(async (file: string) => run(async () => {
      const read = await readDocument(file)
      if (!read.ok) return read
      const issues = validate(read.value.document)
      const { sections: _perSection, ...summary } = completeness(read.value.document)
      printJson({ issues, completeness: summary, unmapped: read.value.unmapped })
      return ok(issues.some((i) => i.severity === 'error') ? 1 : 0)
    }))

  mds2.command('check <files...>')
    .description('hold one or more vendors\' MDS2 against a requirement profile; exit 1 when a mandatory requirement is unmet')
    .option('--profile <profile>', 'a profile JSON file, or "default"', 'default')
    .option('--out <file>', 'also write the comparison as .xlsx, .pdf or .json')
    .action(async (files: string[], options: { profile: string; out?: string }) => run(async () => {
      const profile = await loadProfile(options.profile)
      if (!profile.ok) return profile
      const vendors = []
      for (const file of files) {
        const read = await readDocument(file)
        if (!read.ok) return read
        const header = read.value.document.header
        const named = [header.manufacturerName, header.deviceModel].filter((t) => t !== '').join(' ')
        vendors.push({ label: named === '' ? basename(file) : named, document: read.value.document })
      }
      const seen = new Map<string, number>()
      for (const v of vendors) seen.set(v.label, (seen.get(v.label) ?? 0) + 1)
      const labelled = vendors.map((v, i) => ((seen.get(v.label) ?? 0) > 1 ? { ...v, label: `${v.label} (${basename(files[i] ?? '')})` } : v))
      const comparison = compareVendors(profile.value, labelled)
      if (options.out !== undefined) {
        const format = extname(options.out).slice(1).toLowerCase()
        if (!['xlsx', 'pdf', 'json'].includes(format)) return fail(problem('mds2_unsupported_format', '--out must end in .xlsx, .pdf or .json'))
        const written = await writeComparison(comparison, format as ComparisonFormat)
        if (!written.ok) return written
        await writeFile(options.out, written.value)
      }
      const passes = comparison.vendors.every((v) => v.passes)
      printJson({ passes, ...comparison })
      return ok(passes ? 0 : 1)
    }))

  mds2.command('upload <file>')
    .description("store a vendor's MDS2 file as an upload of an organization, or with --product and --version as a new revision of the manufacturer's document")
    .requiredOption('--org <slug>', 'organization slug, e.g. st-example-hospital')
    .option('--product <name>', "the manufacturer's product the document belongs to (with --version)")
    .option('--version <version>', 'the product version (with --product)')
    .option('--vendor <name>', 'vendor name of an upload (default: the manufacturer named in the file)')
    .option('--model <name>', 'device model of an upload (default: the model named in the file)')
    .option('--tlp <label>', 'TLP 2.0 label (default AMBER)')
    .option('--note <text>', 'revision note (with --product)')
    .action(async (file: string, options: UploadOptions, command: Command) => uploadCommand(file, options, command))

  mds2.command('profile')
    .description('print the default hospital requirement profile as JSON, to edit and pass back with --profile')
    .action(() => printJson(defaultProfile))
}

interface UploadOptions {
  readonly org: string
  readonly product?: string
  readonly version?: string
  readonly vendor?: string
  readonly model?: string
  readonly tlp?: string
  readonly note?: string
}

// Stores a file in the database: the database, services and file readers load only for this command.
async function uploadCommand(file: string, options: UploadOptions, command: Command): Promise<void> {
  if ((options.product === undefined) !== (options.version === undefined)) return printError('validation_failed', '--product and --version go together')
  const tlp = options.tlp === undefined ? undefined : parseTlp(options.tlp)
  if (options.tlp !== undefined && tlp === undefined) return printError('validation_failed', `--tlp must be a TLP 2.0 label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED), not ${options.tlp}`)
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (err) {
    return printError('file_unreadable', `cannot read '${file}': ${err instanceof Error ? err.message : String(err)}`)
  }
  const [{ systemContext }, { uploadMds2File }, { findProductVersion }, { saveMds2Revision }] = await Promise.all([
    import('../../services/system-admin.js'),
    import('../../services/mds2/upload-file.js'),
    import('../../services/mds2/find-product-version.js'),
    import('../../services/mds2/save-revision.js'),
  ])
  await withApp(command, async (app) => {
    const ctx = await systemContext(app.db, options.org)
    if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
    if (options.product === undefined || options.version === undefined) {
      const uploaded = await uploadMds2File(ctx.value, { bytes, filename: basename(file), vendorName: options.vendor ?? null, modelName: options.model ?? null, ...(tlp ? { tlp } : {}) })
      if (!uploaded.ok) return printError(fileCodeOf(uploaded.error), uploaded.error.message)
      return printJson({ upload: uploaded.value })
    }
    const read = await readMds2File(bytes, basename(file))
    if (!read.ok) return printError(read.error.code, read.error.message)
    const version = await findProductVersion(ctx.value, options.product, options.version)
    if (!version.ok) return printError(version.error.code, version.error.message)
    const saved = await saveMds2Revision(ctx.value, version.value.id, { document: read.value.document, note: options.note ?? `imported from ${basename(file)}`, ...(tlp ? { tlp } : {}) })
    if (!saved.ok) return printError(saved.error.code, saved.error.message)
    const { document: _document, completeness: { sections: _sections, ...summary }, ...view } = saved.value
    printJson({ revision: { ...view, completeness: summary }, unmapped: read.value.unmapped })
  })
}

// A file the upload refused carries the reader's own code (xlsx_zip_bomb, mds2_json_schema, ...).
function fileCodeOf(error: Problem): string {
  const fileCode = (error.details as { fileCode?: unknown } | undefined)?.fileCode
  return typeof fileCode === 'string' ? fileCode : error.code
}

async function readDocument(file: string): Promise<Result<Mds2Import>> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (err) {
    return fail(problem('file_unreadable', `cannot read '${file}': ${err instanceof Error ? err.message : String(err)}`))
  }
  return readMds2File(bytes, basename(file))
}

async function loadProfile(name: string): Promise<Result<RequirementProfile>> {
  if (name === 'default') return ok(defaultProfile)
  let value: unknown
  try {
    value = JSON.parse(await readFile(name, 'utf8'))
  } catch (err) {
    return fail(problem('mds2_profile_unreadable', `cannot read profile '${name}': ${err instanceof Error ? err.message : String(err)}`))
  }
  return parseProfile(value)
}

function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n')
}

// Runs an action: its result is the exit code; a problem goes to stderr as {"error":...} with exit code 2.
async function run(action: () => Promise<Result<number, Problem>>): Promise<void> {
  try {
    const result = await action()
    if (result.ok) process.exitCode = result.value
    else {
      process.stderr.write(JSON.stringify({ error: { code: result.error.code, message: result.error.message } }) + '\n')
      process.exitCode = 2
    }
  } catch (err) {
    process.stderr.write(JSON.stringify({ error: { code: 'internal_error', message: err instanceof Error ? err.message : String(err) } }) + '\n')
    process.exitCode = 2
  }
}
