import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { cvssV20Schema } from './schema/cvss-v2.0-schema.js'
import { cvssV30Schema } from './schema/cvss-v3.0-schema.js'
import { cvssV31Schema } from './schema/cvss-v3.1-schema.js'

// ajv-formats is CommonJS: under ESM its default export arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020

/** Options of {@link compileCsafSchema}. */
export interface CsafSchemaOptions {
  /** Passed each schema before compiling (e.g. to make it strict). */
  readonly prepare?: (schema: unknown) => unknown
  /** Collect every error (the default) or stop at the first one, which is much faster when only the verdict counts. */
  readonly allErrors?: boolean
}

/**
 * Compiles a CSAF schema (JSON Schema 2020-12) with the FIRST CVSS schemas it references. The CVSS schemas are
 * registered under the URLs the CSAF schema uses; their own ids (draft-04 `id`, dated `$id`) are dropped because
 * ajv 2020 refuses or mismatches them.
 */
export function compileCsafSchema(schema: unknown, options: CsafSchemaOptions = {}): ValidateFunction {
  const prepare = options.prepare ?? ((s: unknown) => s)
  const ajv = new Ajv2020({ strict: false, allErrors: options.allErrors ?? true })
  addFormats(ajv)
  const cvss = (source: Readonly<Record<string, unknown>>) => {
    const { $id: _id, id: _legacyId, $schema: _schema, ...rest } = prepare(source) as Record<string, unknown>
    return rest
  }
  ajv.addSchema(cvss(cvssV20Schema), 'https://www.first.org/cvss/cvss-v2.0.json')
  ajv.addSchema(cvss(cvssV30Schema), 'https://www.first.org/cvss/cvss-v3.0.json')
  ajv.addSchema(cvss(cvssV31Schema), 'https://www.first.org/cvss/cvss-v3.1.json')
  return ajv.compile(prepare(schema) as Record<string, unknown>)
}
