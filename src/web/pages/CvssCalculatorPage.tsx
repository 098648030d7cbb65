import { useMemo, useState } from 'react'
import { cvssDefinitions, parseCvssVector, scoreCvssVector, type CvssMetricDefinition, type CvssMetricGroup, type CvssVersion } from '../../domain/cvss/index.js'
import { navigate } from '../router.js'
import { ScoreSummary } from '../components/SeverityBadge.js'
import { groupTitles, missingMandatory, vectorOf, versionOfText, type MetricSelection } from '../scoring.js'

const VERSIONS: readonly CvssVersion[] = ['2.0', '3.0', '3.1', '4.0']
const GROUP_ORDER: readonly CvssMetricGroup[] = ['base', 'temporal', 'threat', 'environmental', 'supplemental']
const EMPTY: Record<CvssVersion, MetricSelection> = { '2.0': {}, '3.0': {}, '3.1': {}, '4.0': {} }

/** The starting state: a vector from `?vector=` when given, else an empty v3.1 vector. */
function initialState(): { version: CvssVersion; selections: Record<CvssVersion, MetricSelection>; text: string } {
  const given = new URLSearchParams(window.location.search).get('vector')
  const parsed = given ? parseCvssVector(given) : undefined
  if (given && parsed?.ok) return { version: parsed.value.version, selections: { ...EMPTY, [parsed.value.version]: parsed.value.metrics }, text: given }
  if (given) return { version: versionOfText(given) ?? '3.1', selections: EMPTY, text: given }
  return { version: '3.1', selections: EMPTY, text: cvssDefinitions['3.1'].prefix }
}

/**
 * The CVSS calculator, computed in the browser with the same domain code as the API: version tabs, metric buttons
 * by group, and the vector string, editable both ways.
 */
export function CvssCalculatorPage() {
  const [start] = useState(initialState)
  const [version, setVersion] = useState<CvssVersion>(start.version)
  const [selections, setSelections] = useState<Record<CvssVersion, MetricSelection>>(start.selections)
  const [text, setText] = useState(start.text)
  const definition = cvssDefinitions[version]
  const selection = selections[version]
  const missing = missingMandatory(definition, selection)
  const scored = useMemo(() => scoreCvssVector(text.trim()), [text])
  // A vector built from the buttons that still lacks mandatory metrics is unfinished, not wrong.
  const unfinished = !scored.ok && text === vectorOf(definition, selection) && missing.length > 0

  const choose = (metric: CvssMetricDefinition, code: string) => {
    const next = { ...selection, [metric.key]: code }
    setSelections({ ...selections, [version]: next })
    setText(vectorOf(definition, next))
  }
  const switchVersion = (to: CvssVersion) => {
    setVersion(to)
    setText(vectorOf(cvssDefinitions[to], selections[to]))
  }
  const type = (typed: string) => {
    setText(typed)
    const parsed = parseCvssVector(typed.trim())
    if (parsed.ok) {
      setVersion(parsed.value.version)
      setSelections({ ...selections, [parsed.value.version]: parsed.value.metrics })
    } else {
      const claimed = versionOfText(typed.trim())
      if (claimed && typed.trim() !== '') setVersion(claimed)
    }
  }
  const reset = () => {
    setSelections({ ...selections, [version]: {} })
    setText(definition.prefix)
  }

  const groups = GROUP_ORDER.map((group) => ({ group, metrics: definition.metrics.filter((m) => m.group === group) })).filter((g) => g.metrics.length > 0)

  return (
    <div className="calculator">
      <h1>CVSS calculator</h1>
      <div role="tablist" aria-label="CVSS version" className="version-tabs">
        {VERSIONS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={v === version} className={v === version ? '' : 'secondary'} onClick={() => switchVersion(v)}>
            CVSS {v}
          </button>
        ))}
      </div>

      <div className="card vector-card">
        <label>
          Vector string
          <input className="vector-input" value={text} onChange={(e) => type(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby="vector-status" />
        </label>
        <div id="vector-status" role="status" aria-live="polite" className="vector-status">
          {scored.ok ? (
            <ScoreSummary score={scored.value} />
          ) : unfinished ? (
            <p className="muted">Choose a value for {missing.join(', ')} to get a score.</p>
          ) : (
            <p className="error">
              Invalid vector: {scored.error.message} <code>{scored.error.code}</code>
            </p>
          )}
        </div>
        <div className="inline-form">
          <button type="button" className="secondary" onClick={reset}>
            Clear metrics
          </button>
          {scored.ok && (
            <button type="button" className="secondary" onClick={() => navigate(`/risk/assessments?vector=${encodeURIComponent(scored.value.vector)}`)}>
              Record an assessment with this vector
            </button>
          )}
        </div>
      </div>

      {groups.map(({ group, metrics }) => {
        const body = (
          <div className="metric-grid">
            {metrics.map((metric) => (
              <MetricButtons key={metric.key} metric={metric} value={selection[metric.key] ?? metric.notDefined} onChoose={(code) => choose(metric, code)} />
            ))}
          </div>
        )
        if (group === 'base' || group === 'temporal' || group === 'threat') {
          return (
            <section key={`${version}-${group}`} className="card" aria-label={`${groupTitles[group]} metrics`}>
              <h2>{groupTitles[group]} metrics</h2>
              {body}
            </section>
          )
        }
        const defined = metrics.some((m) => selection[m.key] !== undefined && selection[m.key] !== m.notDefined)
        return (
          <details key={`${version}-${group}`} className="card" open={defined}>
            <summary>
              <h2>{groupTitles[group]} metrics</h2>
            </summary>
            {body}
          </details>
        )
      })}
    </div>
  )
}

function MetricButtons({ metric, value, onChoose }: { metric: CvssMetricDefinition; value: string | undefined; onChoose: (code: string) => void }) {
  return (
    <fieldset className="metric">
      <legend title={metric.description}>
        {metric.name} ({metric.key})
      </legend>
      <div className="metric-values">
        {metric.values.map((v) => (
          <button key={v.code} type="button" aria-pressed={v.code === value} className={v.code === value ? 'chosen' : 'secondary'} title={`${v.code}: ${v.description}`} onClick={() => onChoose(v.code)}>
            {v.name}
          </button>
        ))}
      </div>
    </fieldset>
  )
}
