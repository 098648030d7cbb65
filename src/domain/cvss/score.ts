import { fail, ok, problem, type Problem, type Result } from '../result.js'
import { compiledCvss2, cvss2HasEnvironmental, cvss2HasTemporal, cvss2Scores } from './cvss2.js'
import { compiledCvss30, compiledCvss31, cvss3HasEnvironmental, cvss3HasTemporal, cvss3ScoresInto } from './cvss3.js'
import { compiledCvss40, cvss4HasEnvironmental, cvss4HasThreat, cvss4Score } from './cvss4.js'
import type { CvssVersion } from './metrics.js'
import { canonicalSlot, normalisedVector, scanBuffer, scanMetrics, type CompiledVersion } from './scanner.js'
import { severityOf, severityOfV2, type CvssSeverity } from './severity.js'

/** A parsed, valid CVSS vector: its version, its normalised text and its defined metrics in canonical order. */
export interface CvssVector {
  readonly kind: 'cvss-vector'
  readonly version: CvssVersion
  /** The vector in canonical metric order, without "Not Defined" metrics (v2 without surrounding parentheses). */
  readonly vector: string
  /** Defined metrics, key -> value code, in canonical order. */
  readonly metrics: Readonly<Record<string, string>>
}

/** The scores of a vector; `score` is the most specific score the vector supports, with its `severity`. */
export interface CvssScore {
  readonly version: CvssVersion
  readonly vector: string
  readonly baseScore: number
  readonly baseSeverity: CvssSeverity
  /** v2/v3, when the vector defines a temporal metric. */
  readonly temporalScore?: number
  /** v4 (CVSS-BT), when the vector defines the threat metric E. */
  readonly threatScore?: number
  /** When the vector defines an environmental metric (v4: CVSS-BE or CVSS-BTE). */
  readonly environmentalScore?: number
  readonly score: number
  readonly severity: CvssSeverity
}

/** Every group's score whether or not the vector defines it (absent metrics count as Not Defined). */
export interface CvssAllScores {
  readonly version: CvssVersion
  readonly base: number
  /** v2/v3: the temporal score; v4: the CVSS-BT score. */
  readonly temporalOrThreat: number
  /** v2/v3: the environmental score; v4: the CVSS-BTE score over all metrics. */
  readonly environmental: number
}

interface Located {
  readonly compiled: CompiledVersion
  readonly buffer: Int8Array
  start: number
  end: number
}

// One reusable scan buffer and location per version: scoring is synchronous, so no call sees another's state,
// and the hot path allocates nothing before the result.
const v2: Located = { compiled: compiledCvss2, buffer: scanBuffer(compiledCvss2), start: 0, end: 0 }
const v30: Located = { compiled: compiledCvss30, buffer: scanBuffer(compiledCvss30), start: 0, end: 0 }
const v31: Located = { compiled: compiledCvss31, buffer: scanBuffer(compiledCvss31), start: 0, end: 0 }
const v40: Located = { compiled: compiledCvss40, buffer: scanBuffer(compiledCvss40), start: 0, end: 0 }
const scores3 = new Float64Array(3)

function at(located: Located, start: number, end: number): Located {
  located.start = start
  located.end = end
  return located
}

/** Finds the version from the prefix (none means v2) and where the metrics start and end. */
function locate(text: string): Located | Problem {
  const length = text.length
  if (length === 0) return problem('cvss_empty_vector', 'the vector is empty')
  if (text.startsWith('CVSS:')) {
    const major = text.charCodeAt(5)
    const minor = text.charCodeAt(7)
    if (text.charCodeAt(6) === 46 /* . */ && text.charCodeAt(8) === 47 /* / */) {
      if (major === 51 /* 3 */ && minor === 49 /* 1 */) return at(v31, 9, length)
      if (major === 51 && minor === 48 /* 0 */) return at(v30, 9, length)
      if (major === 52 /* 4 */ && minor === 48) return at(v40, 9, length)
    }
    const slash = text.indexOf('/')
    const prefix = slash === -1 ? text : text.slice(0, slash + 1)
    return problem('cvss_invalid_prefix', `unsupported prefix ${JSON.stringify(prefix)}: expected CVSS:3.0/, CVSS:3.1/, CVSS:4.0/ or none (v2)`, { prefix })
  }
  if (text.charCodeAt(0) === 40 /* ( */ && text.charCodeAt(length - 1) === 41 /* ) */) return at(v2, 1, length - 1)
  if (startsWithCvssIgnoringCase(text)) {
    return problem('cvss_invalid_prefix', 'the prefix must be written exactly CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/', { prefix: text.slice(0, text.indexOf('/') + 1 || length) })
  }
  return at(v2, 0, length)
}

function startsWithCvssIgnoringCase(text: string): boolean {
  return (text.charCodeAt(0) | 32) === 99 && (text.charCodeAt(1) | 32) === 118 && (text.charCodeAt(2) | 32) === 115 && (text.charCodeAt(3) | 32) === 115
}

function scan(text: string): Located | Problem {
  const located = locate(text)
  if (!('compiled' in located)) return located
  const found = scanMetrics(text, located.start, located.end, located.compiled, located.buffer)
  return found ?? located
}

function normalised(text: string, located: Located): string {
  const { compiled, buffer, start, end } = located
  if (buffer[canonicalSlot(compiled)] === 1) return start === 0 || compiled !== compiledCvss2 ? text : text.slice(start, end)
  return normalisedVector(compiled, buffer)
}

/** Parses and validates a CVSS 2.0, 3.0, 3.1 or 4.0 vector (a vector without a `CVSS:` prefix is v2). */
export function parseCvssVector(text: string): Result<CvssVector> {
  const located = scan(text)
  if (!('compiled' in located)) return fail(located)
  const { compiled, buffer } = located
  const metrics: Record<string, string> = {}
  compiled.definition.metrics.forEach((metric, i) => {
    const value = buffer[i]!
    if (value !== -1 && value !== compiled.notDefined[i]) metrics[metric.key] = metric.values[value]!.code
  })
  return ok({ kind: 'cvss-vector', version: compiled.definition.version, vector: normalised(text, located), metrics })
}

/** Parses a vector and computes its scores and severities; `score` is the most specific score it supports. */
export function scoreCvssVector(text: string): Result<CvssScore> {
  const located = scan(text)
  if (!('compiled' in located)) return fail(located)
  const { compiled, buffer } = located
  const vector = normalised(text, located)
  if (compiled === compiledCvss40) {
    const base = cvss4Score(buffer, false, false)
    const hasThreat = cvss4HasThreat(buffer)
    const hasEnvironmental = cvss4HasEnvironmental(buffer)
    const threatScore = hasThreat ? cvss4Score(buffer, true, false) : undefined
    const environmentalScore = hasEnvironmental ? cvss4Score(buffer, hasThreat, true) : undefined
    const score = environmentalScore ?? threatScore ?? base
    return ok({ version: '4.0', vector, baseScore: base, baseSeverity: severityOf(base), threatScore, environmentalScore, score, severity: severityOf(score) })
  }
  if (compiled === compiledCvss2) {
    const all = cvss2Scores(buffer)
    const temporalScore = cvss2HasTemporal(buffer) ? all.temporal : undefined
    const environmentalScore = cvss2HasEnvironmental(buffer) ? all.environmental : undefined
    const score = environmentalScore ?? temporalScore ?? all.base
    return ok({ version: '2.0', vector, baseScore: all.base, baseSeverity: severityOfV2(all.base), temporalScore, environmentalScore, score, severity: severityOfV2(score) })
  }
  const version = compiled.definition.version
  cvss3ScoresInto(buffer, compiled === compiledCvss31, scores3)
  const base = scores3[0]!
  const temporalScore = cvss3HasTemporal(buffer) ? scores3[1]! : undefined
  const environmentalScore = cvss3HasEnvironmental(buffer) ? scores3[2]! : undefined
  const score = environmentalScore ?? temporalScore ?? base
  return ok({ version, vector, baseScore: base, baseSeverity: severityOf(base), temporalScore, environmentalScore, score, severity: severityOf(score) })
}

/** Computes every group's score of a vector, treating absent metrics as Not Defined (for audits and suites). */
export function scoreCvssAllGroups(text: string): Result<CvssAllScores> {
  const located = scan(text)
  if (!('compiled' in located)) return fail(located)
  const { compiled, buffer } = located
  const version = compiled.definition.version
  if (compiled === compiledCvss40) {
    return ok({ version, base: cvss4Score(buffer, false, false), temporalOrThreat: cvss4Score(buffer, true, false), environmental: cvss4Score(buffer, true, true) })
  }
  if (compiled === compiledCvss2) {
    const all = cvss2Scores(buffer)
    return ok({ version, base: all.base, temporalOrThreat: all.temporal, environmental: all.environmental })
  }
  cvss3ScoresInto(buffer, compiled === compiledCvss31, scores3)
  return ok({ version, base: scores3[0]!, temporalOrThreat: scores3[1]!, environmental: scores3[2]! })
}

/**
 * {@link scoreCvssAllGroups} written into `out` (base, temporal or threat, environmental) instead of a new result,
 * for callers that score many vectors; false, with `out` unchanged, when the vector is not valid.
 */
export function scoreCvssAllGroupsInto(text: string, out: Float64Array): boolean {
  const located = scan(text)
  if (!('compiled' in located)) return false
  const { compiled, buffer } = located
  if (compiled === compiledCvss40) {
    out[0] = cvss4Score(buffer, false, false)
    out[1] = cvss4Score(buffer, true, false)
    out[2] = cvss4Score(buffer, true, true)
  } else if (compiled === compiledCvss2) {
    const all = cvss2Scores(buffer)
    out[0] = all.base
    out[1] = all.temporal
    out[2] = all.environmental
  } else cvss3ScoresInto(buffer, compiled === compiledCvss31, out)
  return true
}
