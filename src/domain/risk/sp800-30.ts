// NIST SP 800-30 Rev. 1 qualitative scales (Appendix G-I): the five-level scale, Table G-5 (overall likelihood)
// and Table I-2 (level of risk = likelihood x impact). For hospital (HDO) enterprise and asset risk; keep it apart
// from the FDA patient-harm matrix, which is for manufacturers.
import { fail, ok, problem, type Result } from '../result.js'

/** The five SP 800-30 qualitative levels, lowest first. */
export const sp80030Levels = ['very-low', 'low', 'moderate', 'high', 'very-high'] as const

/** One SP 800-30 qualitative level. */
export type Sp80030Level = (typeof sp80030Levels)[number]

/** The semi-quantitative range (0-100) and representative value of each level (Tables G-2..G-4, H-3, I-3). */
export const sp80030SemiQuantitative: Readonly<Record<Sp80030Level, { readonly min: number; readonly max: number; readonly representative: number }>> = {
  'very-low': { min: 0, max: 4, representative: 0 },
  low: { min: 5, max: 20, representative: 2 },
  moderate: { min: 21, max: 79, representative: 5 },
  high: { min: 80, max: 95, representative: 8 },
  'very-high': { min: 96, max: 100, representative: 10 },
}

/** SP 800-30 impact level meanings (Table H-3), for display. */
export const sp80030ImpactMeaning: Readonly<Record<Sp80030Level, string>> = {
  'very-low': 'a negligible adverse effect',
  low: 'a limited adverse effect',
  moderate: 'a serious adverse effect',
  high: 'a severe or catastrophic adverse effect',
  'very-high': 'multiple severe or catastrophic adverse effects',
}

type Matrix = readonly (readonly Sp80030Level[])[]
const [VL, L, M, H, VH] = sp80030Levels

/** Table I-2: rows are likelihood (very low..very high), columns impact (very low..very high). */
export const sp80030RiskMatrix: Matrix = [
  [VL, VL, VL, L, L],
  [VL, L, L, L, M],
  [VL, L, M, M, H],
  [VL, L, M, H, VH],
  [VL, L, M, H, VH],
]

/** Table G-5: rows are likelihood of initiation/occurrence, columns likelihood of adverse impact. */
export const sp80030LikelihoodMatrix: Matrix = [
  [VL, VL, L, L, L],
  [VL, L, L, M, M],
  [L, L, M, M, H],
  [L, M, M, H, VH],
  [L, M, H, VH, VH],
]

const rank = (level: Sp80030Level): number => sp80030Levels.indexOf(level)

/** The level of risk for a likelihood and an impact (SP 800-30 Table I-2). */
export function sp80030Risk(likelihood: Sp80030Level, impact: Sp80030Level): Sp80030Level {
  return sp80030RiskMatrix[rank(likelihood)]![rank(impact)]!
}

/** The overall likelihood from initiation/occurrence and adverse-impact likelihoods (SP 800-30 Table G-5). */
export function sp80030OverallLikelihood(initiation: Sp80030Level, adverseImpact: Sp80030Level): Sp80030Level {
  return sp80030LikelihoodMatrix[rank(initiation)]![rank(adverseImpact)]!
}

/** The qualitative level of a semi-quantitative value from 0 to 100 (fractions fall in the lower band). */
export function sp80030LevelOfValue(value: number): Result<Sp80030Level> {
  if (!Number.isFinite(value) || value < 0 || value > 100) return fail(problem('sp80030_value_out_of_range', 'a semi-quantitative value must be between 0 and 100'))
  return ok(sp80030Levels.find((level) => value <= sp80030SemiQuantitative[level].max + 0.999999)!)
}

/** Reads a level written as `very-low`, `very_low`, `very low`, `VL`, `moderate`, `M`, ... (case-insensitive). */
export function parseSp80030Level(text: string): Result<Sp80030Level> {
  const key = text.trim().toLowerCase().replace(/[\s_]+/g, '-')
  const aliases: Readonly<Record<string, Sp80030Level>> = { vl: 'very-low', l: 'low', m: 'moderate', medium: 'moderate', h: 'high', vh: 'very-high' }
  const level = (sp80030Levels as readonly string[]).includes(key) ? (key as Sp80030Level) : aliases[key]
  if (level === undefined) return fail(problem('sp80030_invalid_level', `unknown level ${JSON.stringify(text)}: expected one of ${sp80030Levels.join(', ')}`))
  return ok(level)
}
