// The hot path of every CVSS parse: a hand-written scanner over the string's char codes. Keys and values are hashed
// to small integers (7 bits per ASCII char) and looked up in tables built once from the metric definitions, so a
// well-formed vector is read without substrings, regexes or per-metric objects.
import { problem, type Problem } from '../result.js'
import type { CvssVersionDefinition } from './metrics.js'

/** A version definition compiled into the lookup tables the scanner uses. */
export interface CompiledVersion {
  readonly definition: CvssVersionDefinition
  readonly metricCount: number
  /** Hash of a metric key -> its index in the definition. */
  readonly keyIndex: ReadonlyMap<number, number>
  /** Per metric: hash of a value code -> its index in the metric's values. */
  readonly valueIndex: readonly ReadonlyMap<number, number>[]
  /** Per metric: the index of its "Not Defined" value, or -1 for mandatory metrics. */
  readonly notDefined: Int8Array
  /** Per metric and value: the `KEY:VALUE` text used to build a normalised vector. */
  readonly fragments: readonly (readonly string[])[]
}

/** Slot after the metrics in a scan buffer: 1 when the input was already in normalised form. */
export const canonicalSlot = (compiled: CompiledVersion): number => compiled.metricCount

const maxKeyLength = 3
const maxValueLength = 5

function hashText(text: string): number {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = hash * 128 + text.charCodeAt(i)
  return hash
}

/** Builds the scanner tables of a version definition (done once per version at module load). */
export function compileVersion(definition: CvssVersionDefinition): CompiledVersion {
  const keyIndex = new Map<number, number>()
  const valueIndex: Map<number, number>[] = []
  const notDefined = new Int8Array(definition.metrics.length).fill(-1)
  const fragments: string[][] = []
  definition.metrics.forEach((metric, index) => {
    keyIndex.set(hashText(metric.key), index)
    const values = new Map<number, number>()
    metric.values.forEach((value, valueIdx) => {
      values.set(hashText(value.code), valueIdx)
      if (value.code === metric.notDefined) notDefined[index] = valueIdx
    })
    valueIndex.push(values)
    fragments.push(metric.values.map((value) => `${metric.key}:${value.code}`))
  })
  return { definition, metricCount: definition.metrics.length, keyIndex, valueIndex, notDefined, fragments }
}

/** A scan buffer for a compiled version: one value index per metric (-1 = absent) plus the canonical flag. */
export function scanBuffer(compiled: CompiledVersion): Int8Array {
  return new Int8Array(compiled.metricCount + 1)
}

/**
 * Reads `text[start, end)` as `KEY:VALUE/KEY:VALUE...` into `out` (value indices, -1 for absent metrics) and
 * returns undefined, or the first problem found. Order is free; the canonical slot says whether the input was
 * already in normalised form (definition order, no "Not Defined" values).
 */
export function scanMetrics(text: string, start: number, end: number, compiled: CompiledVersion, out: Int8Array): Problem | undefined {
  out.fill(-1)
  let canonical = 1
  let lastIndex = -1
  let pos = start
  if (pos >= end) return problem('cvss_missing_metric', 'the vector has no metrics', { position: pos })
  while (pos < end) {
    const keyStart = pos
    let keyHash = 0
    let code = 0
    while (pos < end) {
      code = text.charCodeAt(pos)
      if (code === 58 /* : */ || code === 47 /* / */) break
      keyHash = keyHash * 128 + (code & 127) + (code > 127 ? 1e15 : 0)
      pos++
    }
    if (pos === end || code !== 58 || pos === keyStart) {
      return problem('cvss_malformed_component', `component ${JSON.stringify(componentAt(text, keyStart, end))} is not KEY:VALUE`, { position: keyStart })
    }
    const keyLength = pos - keyStart
    const metricIndex = keyLength <= maxKeyLength ? compiled.keyIndex.get(keyHash) : undefined
    if (metricIndex === undefined) {
      const key = text.slice(keyStart, pos)
      return problem('cvss_unknown_metric', `unknown metric ${JSON.stringify(key)} for CVSS ${compiled.definition.version}`, { metric: key, position: keyStart })
    }
    pos++
    const valueStart = pos
    let valueHash = 0
    while (pos < end) {
      code = text.charCodeAt(pos)
      if (code === 47 /* / */) break
      valueHash = valueHash * 128 + (code & 127) + (code > 127 || code === 58 ? 1e15 : 0)
      pos++
    }
    const valueLength = pos - valueStart
    const valueIdx = valueLength > 0 && valueLength <= maxValueLength ? compiled.valueIndex[metricIndex]!.get(valueHash) : undefined
    if (valueIdx === undefined) {
      const metric = compiled.definition.metrics[metricIndex]!
      const value = text.slice(valueStart, pos)
      const allowed = metric.values.map((v) => v.code).join(', ')
      return problem('cvss_invalid_value', `metric ${metric.key} cannot be ${JSON.stringify(value)} (allowed: ${allowed})`, { metric: metric.key, value, position: valueStart })
    }
    if (out[metricIndex] !== -1) {
      const key = compiled.definition.metrics[metricIndex]!.key
      return problem('cvss_duplicate_metric', `metric ${key} appears more than once`, { metric: key, position: keyStart })
    }
    out[metricIndex] = valueIdx
    if (metricIndex < lastIndex || valueIdx === compiled.notDefined[metricIndex]) canonical = 0
    lastIndex = metricIndex
    if (pos < end) {
      pos++ // the slash
      if (pos === end) return problem('cvss_malformed_component', 'the vector ends with "/"', { position: pos - 1 })
    }
  }
  for (let i = 0; i < compiled.metricCount; i++) {
    if (out[i] === -1 && compiled.notDefined[i] === -1) {
      const key = compiled.definition.metrics[i]!.key
      return problem('cvss_missing_metric', `mandatory metric ${key} is missing`, { metric: key })
    }
  }
  out[compiled.metricCount] = canonical
  return undefined
}

function componentAt(text: string, start: number, end: number): string {
  const slash = text.indexOf('/', start)
  return text.slice(start, slash === -1 || slash > end ? end : slash)
}

/** The normalised vector text: the version prefix, then the defined metrics in definition order. */
export function normalisedVector(compiled: CompiledVersion, values: Int8Array): string {
  let text = compiled.definition.prefix
  let first = true
  for (let i = 0; i < compiled.metricCount; i++) {
    const value = values[i]!
    if (value === -1 || value === compiled.notDefined[i]) continue
    text += (first ? '' : '/') + compiled.fragments[i]![value]!
    first = false
  }
  return text
}
