// CVSS v4.0 scoring by the macrovector lookup method of the FIRST reference calculator (cvss_score.js): the
// vector's macrovector gives a score, lowered by the mean proportional severity distance to the macrovector's
// highest-severity vector. The float operations follow the reference order so that ties round the same way.
import { macrovectorScores, maxComposed, maxSeverity } from './cvss4-data.js'
import { cvss40Definition } from './metrics.js'
import { compileVersion } from './scanner.js'
import { indexOf } from './weights.js'

/** The scanner tables of CVSS v4.0. */
export const compiledCvss40 = compileVersion(cvss40Definition)

const c = compiledCvss40
const idx = {
  AV: indexOf(c, 'AV'), AC: indexOf(c, 'AC'), AT: indexOf(c, 'AT'), PR: indexOf(c, 'PR'), UI: indexOf(c, 'UI'),
  VC: indexOf(c, 'VC'), VI: indexOf(c, 'VI'), VA: indexOf(c, 'VA'), SC: indexOf(c, 'SC'), SI: indexOf(c, 'SI'), SA: indexOf(c, 'SA'),
  E: indexOf(c, 'E'), CR: indexOf(c, 'CR'), IR: indexOf(c, 'IR'), AR: indexOf(c, 'AR'),
  MAV: indexOf(c, 'MAV'), MAC: indexOf(c, 'MAC'), MAT: indexOf(c, 'MAT'), MPR: indexOf(c, 'MPR'), MUI: indexOf(c, 'MUI'),
  MVC: indexOf(c, 'MVC'), MVI: indexOf(c, 'MVI'), MVA: indexOf(c, 'MVA'), MSC: indexOf(c, 'MSC'), MSI: indexOf(c, 'MSI'), MSA: indexOf(c, 'MSA'),
}

// Severity levels of the reference, indexed like the effective values below (value order of the definitions;
// SI/SA use the order S, H, L, N because MSI/MSA may raise them to Safety).
const levelAV = [0, 0.1, 0.2, 0.3] // N A L P
const levelPR = [0, 0.1, 0.2] // N L H
const levelUI = [0, 0.1, 0.2] // N P A
const levelAC = [0, 0.1] // L H
const levelAT = [0, 0.1] // N P
const levelV = [0, 0.1, 0.2] // H L N
const levelSC = [0.1, 0.2, 0.3] // H L N
const levelSIA = [0, 0.1, 0.2, 0.3] // S H L N
const levelReq = [0, 0.1, 0.2] // H M L
const codeLevels: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 0.1, L: 0.2, P: 0.3 }, PR: { N: 0, L: 0.1, H: 0.2 }, UI: { N: 0, P: 0.1, A: 0.2 },
  AC: { L: 0, H: 0.1 }, AT: { N: 0, P: 0.1 },
  VC: { H: 0, L: 0.1, N: 0.2 }, VI: { H: 0, L: 0.1, N: 0.2 }, VA: { H: 0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 }, SI: { S: 0, H: 0.1, L: 0.2, N: 0.3 }, SA: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0, M: 0.1, L: 0.2 }, IR: { H: 0, M: 0.1, L: 0.2 }, AR: { H: 0, M: 0.1, L: 0.2 },
}
// The order of the levels in a max-vector candidate (and of the distance sums of the reference).
const candidateKeys = ['AV', 'PR', 'UI', 'AC', 'AT', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA', 'CR', 'IR', 'AR'] as const
const candidateWidth = candidateKeys.length

/** Everything about one macrovector that does not depend on the scored vector, computed once. */
interface Macro {
  readonly value: number
  /** Max-vector candidates, `candidateWidth` levels each, in the reference's composition order. */
  readonly candidates: Float64Array
  readonly available: readonly [eq1: number, eq2: number, eq3eq6: number, eq4: number, eq5: number]
  readonly depth: readonly [eq1: number, eq2: number, eq3eq6: number, eq4: number]
  readonly lowerCount: number
}

const macroKey = (e1: number, e2: number, e3: number, e4: number, e5: number, e6: number): string => `${e1}${e2}${e3}${e4}${e5}${e6}`
const macroSlot = (e1: number, e2: number, e3: number, e4: number, e5: number, e6: number): number => ((((e1 * 2 + e2) * 3 + e3) * 3 + e4) * 3 + e5) * 2 + e6
const scoreOf = (key: string): number => macrovectorScores[key] ?? Number.NaN

type Fragments = Readonly<Record<string, readonly string[]>>
const composedEq3 = maxComposed.eq3 as Readonly<Record<string, Fragments>>
const severityEq3Eq6 = maxSeverity.eq3eq6 as Readonly<Record<string, Readonly<Record<string, number>>>>
const pick = <T>(table: Readonly<Record<string, T>>, level: number): T => {
  const entry = table[String(level)]
  if (entry === undefined) throw new Error(`CVSS v4 table has no level ${level}`)
  return entry
}

function buildMacro(e1: number, e2: number, e3: number, e4: number, e5: number, e6: number): Macro | undefined {
  const value = macrovectorScores[macroKey(e1, e2, e3, e4, e5, e6)]
  if (value === undefined) return undefined
  let eq3eq6Lower: number
  if (e3 === 0 && e6 === 0) {
    // Two ways down (00 -> 01 or 00 -> 10): the reference takes the higher score, NaN comparisons included.
    const left = scoreOf(macroKey(e1, e2, e3, e4, e5, e6 + 1))
    const right = scoreOf(macroKey(e1, e2, e3 + 1, e4, e5, e6))
    eq3eq6Lower = left > right ? left : right
  } else if (e3 === 1 && e6 === 0) eq3eq6Lower = scoreOf(macroKey(e1, e2, e3, e4, e5, e6 + 1))
  else if (e3 === 2) eq3eq6Lower = scoreOf(macroKey(e1, e2, e3 + 1, e4, e5, e6 + 1))
  else eq3eq6Lower = scoreOf(macroKey(e1, e2, e3 + 1, e4, e5, e6))
  const available = [
    value - scoreOf(macroKey(e1 + 1, e2, e3, e4, e5, e6)),
    value - scoreOf(macroKey(e1, e2 + 1, e3, e4, e5, e6)),
    value - eq3eq6Lower,
    value - scoreOf(macroKey(e1, e2, e3, e4 + 1, e5, e6)),
    value - scoreOf(macroKey(e1, e2, e3, e4, e5 + 1, e6)),
  ] as const
  const lists = [
    pick(maxComposed.eq1 as Fragments, e1), pick(maxComposed.eq2 as Fragments, e2), pick(pick(composedEq3, e3), e6),
    pick(maxComposed.eq4 as Fragments, e4), pick(maxComposed.eq5 as Fragments, e5),
  ]
  const composed: string[] = []
  for (const a of lists[0]!) for (const b of lists[1]!) for (const d of lists[2]!) for (const f of lists[3]!) for (const g of lists[4]!) composed.push(a + b + d + f + g)
  const candidates = new Float64Array(composed.length * candidateWidth)
  composed.forEach((text, n) => {
    const parts = new Map(text.split('/').filter((p) => p !== '').map((p) => p.split(':') as [string, string]))
    candidateKeys.forEach((key, k) => {
      const level = codeLevels[key]![parts.get(key) ?? '']
      if (level === undefined) throw new Error(`CVSS v4 max vector ${text} lacks ${key}`)
      candidates[n * candidateWidth + k] = level
    })
  })
  const depth = [
    pick(maxSeverity.eq1 as Readonly<Record<string, number>>, e1) * 0.1,
    pick(maxSeverity.eq2 as Readonly<Record<string, number>>, e2) * 0.1,
    pick(pick(severityEq3Eq6, e3), e6) * 0.1,
    pick(maxSeverity.eq4 as Readonly<Record<string, number>>, e4) * 0.1,
  ] as const
  const lowerCount = available.filter((d) => !Number.isNaN(d)).length
  return { value, candidates, available, depth, lowerCount }
}

const macros: (Macro | undefined)[] = []
for (let e1 = 0; e1 < 3; e1++) for (let e2 = 0; e2 < 2; e2++) for (let e3 = 0; e3 < 3; e3++) {
  for (let e4 = 0; e4 < 3; e4++) for (let e5 = 0; e5 < 3; e5++) for (let e6 = 0; e6 < 2; e6++) {
    macros[macroSlot(e1, e2, e3, e4, e5, e6)] = buildMacro(e1, e2, e3, e4, e5, e6)
  }
}

/** Which metric groups take part in a v4 score: CVSS-B, -BT, -BE or -BTE. */
export interface Cvss4Groups {
  readonly threat: boolean
  readonly environmental: boolean
}

/** Computes the CVSS v4.0 score of a scan buffer, with or without its threat and environmental metrics. */
export function cvss4Score(v: Int8Array, threat: boolean, environmental: boolean): number {
  // Effective value indices: a modified metric (past its X) overrides the base metric when the group is used.
  const modified = (m: number, base: number): number => {
    const value = environmental ? v[m]! : -1
    return value > 0 ? value - 1 : v[base]!
  }
  const av = modified(idx.MAV, idx.AV)
  const ac = modified(idx.MAC, idx.AC)
  const at = modified(idx.MAT, idx.AT)
  const pr = modified(idx.MPR, idx.PR)
  const ui = modified(idx.MUI, idx.UI)
  const vc = modified(idx.MVC, idx.VC)
  const vi = modified(idx.MVI, idx.VI)
  const va = modified(idx.MVA, idx.VA)
  const sc = modified(idx.MSC, idx.SC)
  // SI/SA in S,H,L,N order: MSI/MSA values are X,S,H,L,N; base SI/SA values are H,L,N.
  const msi = environmental ? v[idx.MSI]! : -1
  const msa = environmental ? v[idx.MSA]! : -1
  const si = msi > 0 ? msi - 1 : v[idx.SI]! + 1
  const sa = msa > 0 ? msa - 1 : v[idx.SA]! + 1
  // Requirements and exploit maturity: X (or absent) means the worst case, H and A.
  const crValue = environmental ? v[idx.CR]! : -1
  const irValue = environmental ? v[idx.IR]! : -1
  const arValue = environmental ? v[idx.AR]! : -1
  const cr = crValue > 0 ? crValue - 1 : 0
  const ir = irValue > 0 ? irValue - 1 : 0
  const ar = arValue > 0 ? arValue - 1 : 0
  const eValue = threat ? v[idx.E]! : -1
  const e = eValue > 0 ? eValue - 1 : 0

  if (vc === 2 && vi === 2 && va === 2 && sc === 2 && si === 3 && sa === 3) return 0
  const eq1 = av === 0 && pr === 0 && ui === 0 ? 0 : (av === 0 || pr === 0 || ui === 0) && av !== 3 ? 1 : 2
  const eq2 = ac === 0 && at === 0 ? 0 : 1
  const eq3 = vc === 0 && vi === 0 ? 0 : vc === 0 || vi === 0 || va === 0 ? 1 : 2
  const eq4 = si === 0 || sa === 0 ? 0 : sc === 0 || si === 1 || sa === 1 ? 1 : 2
  const eq6 = (cr === 0 && vc === 0) || (ir === 0 && vi === 0) || (ar === 0 && va === 0) ? 0 : 1
  const macro = macros[macroSlot(eq1, eq2, eq3, eq4, e, eq6)]!

  const lAV = levelAV[av]!, lPR = levelPR[pr]!, lUI = levelUI[ui]!, lAC = levelAC[ac]!, lAT = levelAT[at]!
  const lVC = levelV[vc]!, lVI = levelV[vi]!, lVA = levelV[va]!, lSC = levelSC[sc]!, lSI = levelSIA[si]!, lSA = levelSIA[sa]!
  const lCR = levelReq[cr]!, lIR = levelReq[ir]!, lAR = levelReq[ar]!
  const cand = macro.candidates
  let dAV = 0, dPR = 0, dUI = 0, dAC = 0, dAT = 0, dVC = 0, dVI = 0, dVA = 0, dSC = 0, dSI = 0, dSA = 0, dCR = 0, dIR = 0, dAR = 0
  // The first max vector from which no metric is more severe than the scored one; the reference keeps the last
  // candidate's distances when none fits, and so does this loop.
  for (let o = 0; o < cand.length; o += candidateWidth) {
    dAV = lAV - cand[o]!; dPR = lPR - cand[o + 1]!; dUI = lUI - cand[o + 2]!; dAC = lAC - cand[o + 3]!; dAT = lAT - cand[o + 4]!
    dVC = lVC - cand[o + 5]!; dVI = lVI - cand[o + 6]!; dVA = lVA - cand[o + 7]!; dSC = lSC - cand[o + 8]!; dSI = lSI - cand[o + 9]!
    dSA = lSA - cand[o + 10]!; dCR = lCR - cand[o + 11]!; dIR = lIR - cand[o + 12]!; dAR = lAR - cand[o + 13]!
    if (dAV < 0 || dPR < 0 || dUI < 0 || dAC < 0 || dAT < 0 || dVC < 0 || dVI < 0 || dVA < 0 || dSC < 0 || dSI < 0 || dSA < 0 || dCR < 0 || dIR < 0 || dAR < 0) continue
    break
  }
  const available = macro.available
  const depth = macro.depth
  let n1 = 0, n2 = 0, n36 = 0, n4 = 0
  if (!Number.isNaN(available[0])) n1 = available[0] * ((dAV + dPR + dUI) / depth[0])
  if (!Number.isNaN(available[1])) n2 = available[1] * ((dAC + dAT) / depth[1])
  if (!Number.isNaN(available[2])) n36 = available[2] * ((dVC + dVI + dVA + dCR + dIR + dAR) / depth[2])
  if (!Number.isNaN(available[3])) n4 = available[3] * ((dSC + dSI + dSA) / depth[3])
  // EQ5 (exploit maturity) has no distance inside a macrovector: it adds 0 but still counts in the mean.
  let value = macro.value
  if (macro.lowerCount > 0) value -= (n1 + n2 + n36 + n4 + 0) / macro.lowerCount
  if (value < 0) value = 0
  if (value > 10) value = 10
  // The reference adds 1e-6 before rounding so that float noise such as 5.6499999999999995 rounds up to 5.7.
  return Math.round((value + 1e-6) * 10) / 10
}

/** Whether a v4 scan buffer defines the threat metric E (other than X). */
export function cvss4HasThreat(v: Int8Array): boolean {
  return v[idx.E]! > 0
}

/** Whether a v4 scan buffer defines any environmental metric (other than X). */
export function cvss4HasEnvironmental(v: Int8Array): boolean {
  for (let i = idx.CR; i <= idx.MSA; i++) if (v[i]! > 0) return true
  return false
}
