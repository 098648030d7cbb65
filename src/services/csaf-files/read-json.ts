import { readFile } from 'node:fs/promises'
import { fail, ok, problem } from '../../domain/result.js'
import type { Result } from '../../domain/result.js'

/** The largest JSON file read (CSAF and VEX documents are far smaller; this only guards against accidents). */
export const maxJsonFileBytes = 64 * 1024 * 1024

/** Reads and parses a JSON file; `file_unreadable`, `file_too_large` or `json_invalid` when that fails. */
export async function readJsonFile(path: string): Promise<Result<unknown>> {
  let text: string
  try {
    const buffer = await readFile(path)
    if (buffer.length > maxJsonFileBytes) return fail(problem('file_too_large', `${path} is larger than ${maxJsonFileBytes} bytes`))
    text = buffer.toString('utf8')
  } catch (error) {
    return fail(problem('file_unreadable', `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`))
  }
  try {
    // A UTF-8 byte order mark is legal in files but not in JSON.parse.
    return ok(JSON.parse(text.replace(/^\uFEFF/, '')) as unknown)
  } catch (error) {
    return fail(problem('json_invalid', `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`))
  }
}
