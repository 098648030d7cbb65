import { fail, ok, problem } from '../../domain/result.js'
import type { Result } from '../../domain/result.js'
import { parseVex, serializeVex, withDocumentDefaults } from '../../domain/vex/index.js'
import type { VexFormat } from '../../domain/vex/index.js'
import { readJsonFile } from './read-json.js'

/** Reads a CycloneDX, OpenVEX or CSAF VEX file and returns it converted to the target format. */
export async function convertVexFile(path: string, to: VexFormat, now: string = new Date().toISOString()): Promise<Result<Record<string, unknown>>> {
  const input = await readJsonFile(path)
  if (!input.ok) return input
  const parsed = parseVex(input.value)
  if (!parsed.ok) return fail(problem(parsed.error.code, `${path}: ${parsed.error.message}`))
  if (parsed.value.statements.length === 0) return fail(problem('vex_empty', `${path} holds no VEX statement`))
  const document = withDocumentDefaults(parsed.value, { id: `urn:medsec:vex:${path.split(/[\\/]/).pop() ?? 'document'}`, author: 'medsec', now })
  return ok(serializeVex(document, to))
}
