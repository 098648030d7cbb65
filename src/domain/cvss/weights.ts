import type { CompiledVersion } from './scanner.js'

/**
 * The weights of one metric as an array indexed like the metric's values in its definition, built from a table
 * keyed by value code so the order of the definition and of the weights cannot drift apart.
 */
export function weightsOf(compiled: CompiledVersion, key: string, byCode: Readonly<Record<string, number>>): Float64Array {
  const metric = compiled.definition.metrics.find((m) => m.key === key)
  if (metric === undefined) throw new Error(`no metric ${key} in CVSS ${compiled.definition.version}`)
  return Float64Array.from(metric.values, (value) => {
    const weight = byCode[value.code]
    if (weight === undefined) throw new Error(`no weight for ${key}:${value.code}`)
    return weight
  })
}

/** The index of a metric in a compiled version's definition. */
export function indexOf(compiled: CompiledVersion, key: string): number {
  const index = compiled.definition.metrics.findIndex((m) => m.key === key)
  if (index === -1) throw new Error(`no metric ${key} in CVSS ${compiled.definition.version}`)
  return index
}
