import { withWalkCache } from './document.js'
import { informativeTests } from './informative-tests.js'
import { appendMandatoryFindings, mandatoryTests } from './mandatory-tests.js'
import { optionalTests } from './optional-tests.js'
import { appendSchemaFindings } from './schema-validation.js'
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

// The optional and informative tests of each level: what runs after the mandatory tests' one-pass run.
const testsAfterMandatoryOf: Readonly<Record<CsafValidationLevel, readonly CsafTest[]>> = {
  basic: [],
  extended: testsOf.extended.filter((test) => test.group !== 'mandatory'),
  full: testsOf.full.filter((test) => test.group !== 'mandatory'),
}

function validateOnce(doc: unknown, options: CsafValidationOptions): CsafReport {
  const level = options.level ?? 'full'
  // The schema validator and some tests recurse; a hostile nesting depth must not overflow the stack.
  if (nestsDeeperThan(doc, maxNestingDepth)) {
    const message = `the document nests deeper than ${maxNestingDepth} levels`
    return { valid: false, errors: [{ test: 'schema', path: '/', message }], warnings: [], infos: [] }
  }
  const errors: CsafFinding[] = []
  appendSchemaFindings(doc, errors)
  const warnings: CsafFinding[] = []
  const infos: CsafFinding[] = []
  const findings = { errors, warnings, infos }
  // Without `only`, the mandatory tests run in one pass (the same findings in the same order, see
  // appendMandatoryFindings); if one of them throws, every test runs alone, so the failure names its test.
  if (options.only) runEach(testsOf[level], doc, options.only, findings)
  else if (appendMandatoryFindings(doc, errors)) runEach(testsAfterMandatoryOf[level], doc, undefined, findings)
  else runEach(testsOf[level], doc, undefined, findings)
  return { valid: errors.length === 0, errors, warnings, infos }
}

// Runs each test (of the ids in `only`, when given) and sorts its findings into the report by the test's group.
function runEach(tests: readonly CsafTest[], doc: unknown, only: readonly string[] | undefined, findings: { errors: CsafFinding[]; warnings: CsafFinding[]; infos: CsafFinding[] }): void {
  for (const test of tests) {
    if (only && !only.includes(test.id)) continue
    const found = runSafely(test, doc)
    if (found.length === 0) continue
    const target = test.group === 'mandatory' ? findings.errors : test.group === 'optional' ? findings.warnings : findings.infos
    target.push(...found)
  }
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
// a call per value: this guard visits every value of every document. Arrays and objects have a function each, so
// that no call asks again what kind of container it was given.
function nestsDeeperThan(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return false
  return Array.isArray(value) ? arrayNestsDeeperThan(value, depth) : objectNestsDeeperThan(value as Readonly<Record<string, unknown>>, depth)
}

function arrayNestsDeeperThan(array: readonly unknown[], depth: number): boolean {
  if (depth < 0) return true
  for (let i = 0; i < array.length; i++) {
    const item: unknown = array[i]
    if (typeof item !== 'object' || item === null) continue
    if (Array.isArray(item) ? arrayNestsDeeperThan(item, depth - 1) : objectNestsDeeperThan(item as Readonly<Record<string, unknown>>, depth - 1)) return true
  }
  return false
}

function objectNestsDeeperThan(object: Readonly<Record<string, unknown>>, depth: number): boolean {
  if (depth < 0) return true
  for (const key in object) {
    const item = object[key]
    if (typeof item !== 'object' || item === null) continue
    if (Array.isArray(item) ? arrayNestsDeeperThan(item, depth - 1) : objectNestsDeeperThan(item as Readonly<Record<string, unknown>>, depth - 1)) return true
  }
  return false
}
