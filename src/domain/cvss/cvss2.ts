// CVSS v2.0 equations (FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0", §3.2).
import { cvss2Definition } from './metrics.js'
import { compileVersion } from './scanner.js'
import { indexOf, weightsOf } from './weights.js'

/** The scanner tables of CVSS v2.0. */
export const compiledCvss2 = compileVersion(cvss2Definition)

const c = compiledCvss2
const idx = {
  AV: indexOf(c, 'AV'), AC: indexOf(c, 'AC'), Au: indexOf(c, 'Au'), C: indexOf(c, 'C'), I: indexOf(c, 'I'), A: indexOf(c, 'A'),
  E: indexOf(c, 'E'), RL: indexOf(c, 'RL'), RC: indexOf(c, 'RC'),
  CDP: indexOf(c, 'CDP'), TD: indexOf(c, 'TD'), CR: indexOf(c, 'CR'), IR: indexOf(c, 'IR'), AR: indexOf(c, 'AR'),
}
const impact = { N: 0, P: 0.275, C: 0.66 }
const requirement = { L: 0.5, M: 1, H: 1.51, ND: 1 }
const w = {
  AV: weightsOf(c, 'AV', { L: 0.395, A: 0.646, N: 1 }),
  AC: weightsOf(c, 'AC', { H: 0.35, M: 0.61, L: 0.71 }),
  Au: weightsOf(c, 'Au', { M: 0.45, S: 0.56, N: 0.704 }),
  C: weightsOf(c, 'C', impact),
  I: weightsOf(c, 'I', impact),
  A: weightsOf(c, 'A', impact),
  E: weightsOf(c, 'E', { U: 0.85, POC: 0.9, F: 0.95, H: 1, ND: 1 }),
  RL: weightsOf(c, 'RL', { OF: 0.87, TF: 0.9, W: 0.95, U: 1, ND: 1 }),
  RC: weightsOf(c, 'RC', { UC: 0.9, UR: 0.95, C: 1, ND: 1 }),
  CDP: weightsOf(c, 'CDP', { N: 0, L: 0.1, LM: 0.3, MH: 0.4, H: 0.5, ND: 0 }),
  TD: weightsOf(c, 'TD', { N: 0, L: 0.25, M: 0.75, H: 1, ND: 1 }),
  CR: weightsOf(c, 'CR', requirement),
  IR: weightsOf(c, 'IR', requirement),
  AR: weightsOf(c, 'AR', requirement),
}

/** Weight of an optional metric, whose absence (-1) counts as Not Defined (the last value of every v2 metric). */
const optional = (weights: Float64Array, value: number): number => weights[value === -1 ? weights.length - 1 : value]!

/** Rounds to one decimal, halves away from zero, after removing float noise (the guide's round_to_1_decimal). */
function round1(x: number): number {
  return Math.round(Math.round(x * 100000) / 10000) / 10
}

function baseFrom(impactValue: number, exploitability: number): number {
  // f(Impact) is 0 for no impact; returning early also avoids a negative zero.
  if (impactValue === 0) return 0
  return round1((0.6 * impactValue + 0.4 * exploitability - 1.5) * 1.176)
}

/** All three CVSS v2 scores of a scanned vector; missing temporal/environmental metrics count as Not Defined. */
export interface Cvss2Scores {
  readonly base: number
  readonly temporal: number
  readonly environmental: number
}

/** Computes the base, temporal and environmental scores of a scan buffer of CVSS v2.0. */
export function cvss2Scores(v: Int8Array): Cvss2Scores {
  const conf = w.C[v[idx.C]!]!
  const integ = w.I[v[idx.I]!]!
  const avail = w.A[v[idx.A]!]!
  const exploitability = 20 * w.AV[v[idx.AV]!]! * w.AC[v[idx.AC]!]! * w.Au[v[idx.Au]!]!
  const impactValue = 10.41 * (1 - (1 - conf) * (1 - integ) * (1 - avail))
  const base = baseFrom(impactValue, exploitability)
  const temporalFactor = optional(w.E, v[idx.E]!) * optional(w.RL, v[idx.RL]!) * optional(w.RC, v[idx.RC]!)
  const temporal = round1(base * temporalFactor)
  const adjustedImpact = Math.min(10, 10.41 * (1 - (1 - conf * optional(w.CR, v[idx.CR]!)) * (1 - integ * optional(w.IR, v[idx.IR]!)) * (1 - avail * optional(w.AR, v[idx.AR]!))))
  const adjustedTemporal = round1(baseFrom(adjustedImpact, exploitability) * temporalFactor)
  const cdp = optional(w.CDP, v[idx.CDP]!)
  const environmental = round1((adjustedTemporal + (10 - adjustedTemporal) * cdp) * optional(w.TD, v[idx.TD]!))
  return { base, temporal, environmental }
}

/** Whether the scan buffer defines any temporal (E, RL, RC) metric. */
export function cvss2HasTemporal(v: Int8Array): boolean {
  return defined(v, idx.E, w.E) || defined(v, idx.RL, w.RL) || defined(v, idx.RC, w.RC)
}

/** Whether the scan buffer defines any environmental (CDP, TD, CR, IR, AR) metric. */
export function cvss2HasEnvironmental(v: Int8Array): boolean {
  return defined(v, idx.CDP, w.CDP) || defined(v, idx.TD, w.TD) || defined(v, idx.CR, w.CR) || defined(v, idx.IR, w.IR) || defined(v, idx.AR, w.AR)
}

function defined(v: Int8Array, index: number, weights: Float64Array): boolean {
  const value = v[index]!
  return value !== -1 && value !== weights.length - 1
}
