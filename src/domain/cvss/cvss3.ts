// CVSS v3.0 and v3.1 equations (FIRST specification documents, §7 / §8 and Appendix A of 3.1).
import { cvss30Definition, cvss31Definition } from './metrics.js'
import { compileVersion, type CompiledVersion } from './scanner.js'
import { indexOf, weightsOf } from './weights.js'

/** The scanner tables of CVSS v3.0. */
export const compiledCvss30 = compileVersion(cvss30Definition)

/** The scanner tables of CVSS v3.1. */
export const compiledCvss31 = compileVersion(cvss31Definition)

// Both versions share metric keys, value order and weights; only the rounding and the modified impact differ.
const c: CompiledVersion = compiledCvss31
const idx = {
  AV: indexOf(c, 'AV'), AC: indexOf(c, 'AC'), PR: indexOf(c, 'PR'), UI: indexOf(c, 'UI'), S: indexOf(c, 'S'),
  C: indexOf(c, 'C'), I: indexOf(c, 'I'), A: indexOf(c, 'A'), E: indexOf(c, 'E'), RL: indexOf(c, 'RL'), RC: indexOf(c, 'RC'),
  CR: indexOf(c, 'CR'), IR: indexOf(c, 'IR'), AR: indexOf(c, 'AR'), MAV: indexOf(c, 'MAV'), MAC: indexOf(c, 'MAC'),
  MPR: indexOf(c, 'MPR'), MUI: indexOf(c, 'MUI'), MS: indexOf(c, 'MS'), MC: indexOf(c, 'MC'), MI: indexOf(c, 'MI'), MA: indexOf(c, 'MA'),
}
const impact = { H: 0.56, L: 0.22, N: 0 }
const requirement = { X: 1, H: 1.5, M: 1, L: 0.5 }
const w = {
  AV: weightsOf(c, 'AV', { N: 0.85, A: 0.62, L: 0.55, P: 0.2 }),
  AC: weightsOf(c, 'AC', { L: 0.77, H: 0.44 }),
  PRUnchanged: weightsOf(c, 'PR', { N: 0.85, L: 0.62, H: 0.27 }),
  PRChanged: weightsOf(c, 'PR', { N: 0.85, L: 0.68, H: 0.5 }),
  UI: weightsOf(c, 'UI', { N: 0.85, R: 0.62 }),
  CIA: weightsOf(c, 'C', impact),
  E: weightsOf(c, 'E', { X: 1, H: 1, F: 0.97, P: 0.94, U: 0.91 }),
  RL: weightsOf(c, 'RL', { X: 1, U: 1, W: 0.97, T: 0.96, O: 0.95 }),
  RC: weightsOf(c, 'RC', { X: 1, C: 1, R: 0.96, U: 0.92 }),
  CR: weightsOf(c, 'CR', requirement),
}
const scopeChanged = 1 // index of S:C (values U, C)

/** CVSS v3.1 Roundup (Appendix A): works on an integer to avoid float noise such as 4.000000000000001. */
function roundup31(x: number): number {
  const i = Math.round(x * 100000)
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10
}

/** CVSS v3.0 round up: the smallest one-decimal number not below the input. */
function roundup30(x: number): number {
  return Math.ceil(x * 10) / 10
}

/** The value index a modified metric resolves to: its own (shifted past X) or the base metric's. */
const effective = (v: Int8Array, modified: number, base: number): number => {
  const m = v[modified]!
  return m > 0 ? m - 1 : v[base]!
}
const optional = (v: Int8Array, index: number): number => {
  const value = v[index]!
  return value === -1 ? 0 : value
}

/**
 * Computes base, temporal and environmental scores of a v3.0 or v3.1 scan buffer into `out` (0 base, 1 temporal,
 * 2 environmental), so the hot path allocates nothing.
 */
export function cvss3ScoresInto(v: Int8Array, is31: boolean, out: Float64Array): void {
  const roundup = is31 ? roundup31 : roundup30
  const changed = v[idx.S] === scopeChanged
  const iss = 1 - (1 - w.CIA[v[idx.C]!]!) * (1 - w.CIA[v[idx.I]!]!) * (1 - w.CIA[v[idx.A]!]!)
  const impactValue = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss
  const pr = (changed ? w.PRChanged : w.PRUnchanged)[v[idx.PR]!]!
  const exploitability = 8.22 * w.AV[v[idx.AV]!]! * w.AC[v[idx.AC]!]! * pr * w.UI[v[idx.UI]!]!
  const base = impactValue <= 0 ? 0 : roundup(Math.min((changed ? 1.08 : 1) * (impactValue + exploitability), 10))
  const temporalFactor = w.E[optional(v, idx.E)]! * w.RL[optional(v, idx.RL)]! * w.RC[optional(v, idx.RC)]!
  out[0] = base
  out[1] = roundup(base * temporalFactor)

  const modifiedChanged = effective(v, idx.MS, idx.S) === scopeChanged
  const mc = w.CIA[effective(v, idx.MC, idx.C)]!
  const mi = w.CIA[effective(v, idx.MI, idx.I)]!
  const ma = w.CIA[effective(v, idx.MA, idx.A)]!
  const miss = Math.min(1 - (1 - w.CR[optional(v, idx.CR)]! * mc) * (1 - w.CR[optional(v, idx.IR)]! * mi) * (1 - w.CR[optional(v, idx.AR)]! * ma), 0.915)
  const modifiedImpact = !modifiedChanged
    ? 6.42 * miss
    : is31
      ? 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss * 0.9731 - 0.02, 13)
      : 7.52 * (miss - 0.029) - 3.25 * Math.pow(miss - 0.02, 15)
  const mpr = (modifiedChanged ? w.PRChanged : w.PRUnchanged)[effective(v, idx.MPR, idx.PR)]!
  const modifiedExploitability = 8.22 * w.AV[effective(v, idx.MAV, idx.AV)]! * w.AC[effective(v, idx.MAC, idx.AC)]! * mpr * w.UI[effective(v, idx.MUI, idx.UI)]!
  out[2] = modifiedImpact <= 0
    ? 0
    : roundup(roundup(Math.min((modifiedChanged ? 1.08 : 1) * (modifiedImpact + modifiedExploitability), 10)) * temporalFactor)
}

/** Whether a v3 scan buffer defines any temporal metric (E, RL, RC other than X). */
export function cvss3HasTemporal(v: Int8Array): boolean {
  return v[idx.E]! > 0 || v[idx.RL]! > 0 || v[idx.RC]! > 0
}

/** Whether a v3 scan buffer defines any environmental metric (other than X). */
export function cvss3HasEnvironmental(v: Int8Array): boolean {
  for (let i = idx.CR; i <= idx.MA; i++) if (v[i]! > 0) return true
  return false
}
