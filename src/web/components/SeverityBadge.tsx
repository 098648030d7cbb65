import type { CvssScore, CvssSeverity } from '../../domain/cvss/index.js'

/** A CVSS qualitative severity in its colour. */
export function SeverityBadge({ severity }: { severity: CvssSeverity }) {
  return <span className={`severity severity-${severity.toLowerCase()}`}>{severity}</span>
}

/** Controlled or uncontrolled risk of patient harm (FDA postmarket determination), in colour. */
export function RiskBadge({ risk }: { risk: 'controlled' | 'uncontrolled' }) {
  return <span className={`risk risk-${risk}`}>{risk}</span>
}

/** The scores of a vector: the most specific score with its severity, then each group's score. */
export function ScoreSummary({ score }: { score: CvssScore }) {
  const groups: [string, number | undefined][] = [
    ['Base', score.baseScore],
    [score.version === '4.0' ? 'Threat (CVSS-BT)' : 'Temporal', score.version === '4.0' ? score.threatScore : score.temporalScore],
    [score.version === '4.0' ? 'Environmental (CVSS-BE/BTE)' : 'Environmental', score.environmentalScore],
  ]
  return (
    <div className="score-summary">
      <p className="score-main">
        <span className="score-number">{score.score.toFixed(1)}</span> <SeverityBadge severity={score.severity} />
        <span className="muted"> CVSS {score.version}</span>
      </p>
      <dl className="score-groups">
        {groups.map(([label, value]) =>
          value === undefined ? null : (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value.toFixed(1)}</dd>
            </div>
          ),
        )}
      </dl>
    </div>
  )
}
