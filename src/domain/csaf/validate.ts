import { withWalkCache } from './document.js'
import { informativeTests } from './informative-tests.js'
import { mandatoryTests } from './mandatory-tests.js'
import { optionalTests } from './optional-tests.js'
import { validateCsafSchema } from './schema-validation.js'
import type { CsafFinding, CsafReport, CsafTest } from './types.js'

/**
 * How far to validate, after the validator classes of CSAF 2.0 §9: basic (schema and mandatory tests), extended
 * (plus the optional tests, reported as warnings) or full (plus the informative tests, reported as infos).
 */
export type CsafValidationLevel = 'basic' | 'extended' | 'full'

/** Options of {@link validateCsaf}. */
export interface CsafValidationOptions {
  readonly level?: CsafValidationLevel
  /** Run only the tests with these ids (schema always runs). */
  readonly only?: readonly string[]
}

/** Every test of the validator, mandatory, optional and informative, in spec order. */
export const csafTests: readonly CsafTest[] = [...mandatoryTests, ...optionalTests, ...informativeTests]

/** Validates a parsed CSAF 2.0 document; never throws, whatever the input. */
export function validateCsaf(doc: unknown, options: CsafValidationOptions = {}): CsafReport {
  return withWalkCache(() => validateOnce(doc, options))
}

// The tests of each level, in spec order, chosen once instead of filtering every test on every validation.
const testsOf: Readonly<Record<CsafValidationLevel, readonly CsafTest[]>> = {
  basic: csafTests.filter((test) => test.group === 'mandatory'),
  extended: csafTests.filter((test) => test.group === 'mandatory' || test.group === 'optional'),
  full: csafTests,
}

function validateOnce(doc: unknown, options: CsafValidationOptions): CsafReport {
  const tests = testsOf[options.level ?? 'full']
  // The schema validator and some tests recurse; a hostile nesting depth must not overflow the stack.
  if (nestsDeeperThan(doc, maxNestingDepth)) {
    const message = `the document nests deeper than ${maxNestingDepth} levels`
    return { valid: false, errors: [{ test: 'schema', path: '/', message }], warnings: [], infos: [] }
  }
  const errors: CsafFinding[] = [...validateCsafSchema(doc)]
  const warnings: CsafFinding[] = []
  const infos: CsafFinding[] = []
  for (const test of tests) {
    if (options.only && !options.only.includes(test.id)) continue
    const findings = runSafely(test, doc)
    if (findings.length === 0) continue
    const target = test.group === 'mandatory' ? errors : test.group === 'optional' ? warnings : infos
    target.push(...findings)
  }
  return { valid: errors.length === 0, errors, warnings, infos }
}

// The tests read the document defensively; this guard only keeps one unexpected defect from hiding all other results.
function runSafely(test: CsafTest, doc: unknown): readonly CsafFinding[] {
  try {
    return test.run(doc)
  } catch (error) {
    const message = `test failed to run: ${error instanceof Error ? error.message : String(error)}`
    return [{ test: test.id, path: '/', message }]
  }
}

/** The deepest JSON nesting accepted; real CSAF documents stay far below it (branches nest a few levels). */
export const maxNestingDepth = 200

// True when an object or array lies more than `depth` levels below `value`. The recursion stops there, so measuring
// the depth cannot itself overflow the stack. Leaves are skipped in the loops (most values are strings), which saves
// a call per value: this guard visits every value of every document.
function nestsDeeperThan(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  if (depth < 0) return true
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i]
      if (typeof item === 'object' && item !== null && nestsDeeperThan(item, depth - 1)) return true
    }
    return false
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key]
    if (typeof item === 'object' && item !== null && nestsDeeperThan(item, depth - 1)) return true
  }
  return false
}
