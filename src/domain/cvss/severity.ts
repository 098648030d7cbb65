import type { CvssVersion } from './metrics.js'

/** A qualitative severity rating; v2 uses only Low, Medium and High. */
export type CvssSeverity = 'None' | 'Low' | 'Medium' | 'High' | 'Critical'

/** The CVSS v3.x / v4.0 qualitative rating of a score (None 0, Low 0.1-3.9, Medium 4-6.9, High 7-8.9, Critical 9-10). */
export function severityOf(score: number): CvssSeverity {
  if (score === 0) return 'None'
  if (score < 4) return 'Low'
  if (score < 7) return 'Medium'
  if (score < 9) return 'High'
  return 'Critical'
}

/**
 * The rating of a CVSS v2 score. CVSS v2 defines no qualitative ratings; these are the NVD v2 bands
 * (Low 0-3.9, Medium 4-6.9, High 7-10), which is why a v2 score of 0 is Low and nothing is Critical.
 */
export function severityOfV2(score: number): CvssSeverity {
  if (score < 4) return 'Low'
  if (score < 7) return 'Medium'
  return 'High'
}

/** The rating of a score under the rules of the given version. */
export function severityFor(version: CvssVersion, score: number): CvssSeverity {
  return version === '2.0' ? severityOfV2(score) : severityOf(score)
}
