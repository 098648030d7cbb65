import { validateCsaf } from '../../domain/csaf/index.js'
import type { CsafFinding, CsafValidationLevel } from '../../domain/csaf/index.js'
import { readJsonFile } from './read-json.js'

/** The verdict on one file: `unreadable` when it could not be read or parsed, otherwise the validation report. */
export interface CsafFileVerdict {
  readonly file: string
  readonly readable: boolean
  readonly valid: boolean
  readonly errors: readonly CsafFinding[]
  readonly warnings: readonly CsafFinding[]
  readonly infos: readonly CsafFinding[]
}

/** Reads and validates CSAF files one after the other, in the given order. */
export async function validateCsafFiles(files: readonly string[], level: CsafValidationLevel = 'full'): Promise<CsafFileVerdict[]> {
  const verdicts: CsafFileVerdict[] = []
  for (const file of files) {
    const parsed = await readJsonFile(file)
    if (!parsed.ok) {
      const error = { test: parsed.error.code, path: '/', message: parsed.error.message }
      verdicts.push({ file, readable: false, valid: false, errors: [error], warnings: [], infos: [] })
      continue
    }
    verdicts.push({ file, readable: true, ...validateCsaf(parsed.value, { level }) })
  }
  return verdicts
}

/** The exit code of a validation run: 2 when a file could not be read or parsed, 1 when one is invalid, else 0. */
export function exitCodeOf(verdicts: readonly CsafFileVerdict[]): number {
  if (verdicts.some((v) => !v.readable)) return 2
  return verdicts.every((v) => v.valid) ? 0 : 1
}
