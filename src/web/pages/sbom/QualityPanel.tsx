import { useApi } from '../../useApi.js'

interface Quality {
  readonly components: number
  readonly dependencies: number
  readonly ntia: {
    readonly componentsComplete: number
    readonly missing: { readonly supplier: number; readonly name: number; readonly version: number; readonly identifier: number }
    readonly withoutDependencyRelationship: number
    readonly author: boolean
    readonly timestamp: boolean
  }
  readonly fda: { readonly supportLevel: number; readonly endOfSupport: number }
  readonly identifiers: { readonly purl: number; readonly cpe: number }
  readonly score: number
  readonly documentGaps: readonly string[]
  readonly gapCounts: Readonly<Record<string, number>>
  readonly componentsWithGaps: readonly { readonly ref: string; readonly name: string; readonly version?: string; readonly gaps: readonly string[] }[]
  readonly omitted: number
  readonly warnings: readonly { readonly code: string; readonly message: string }[]
}

const GAP_LABELS: Readonly<Record<string, string>> = {
  supplier: 'supplier',
  name: 'name',
  version: 'version',
  identifier: 'unique identifier',
  dependency: 'dependency relationship',
  supportLevel: 'level of support',
  endOfSupport: 'end-of-support date',
  matchingIdentifier: 'purl or CPE',
}

/** The NTIA minimum elements and FDA fields of a revision: the score, what is present, and every gap. */
export function QualityPanel({ orgId, revisionId, version }: { orgId: string; revisionId: string; version: number }) {
  const { data, error } = useApi<Quality>(`/api/orgs/${orgId}/sboms/${revisionId}/quality?v=${version}`)
  if (error) return <p className="error">{error}</p>
  if (!data) return <p className="muted">Computing the quality report…</p>
  const total = data.components
  const share = (n: number) => `${n} of ${total}`
  const rows: [string, number, boolean][] = [
    ['Supplier name', total - data.ntia.missing.supplier, false],
    ['Component name', total - data.ntia.missing.name, false],
    ['Version', total - data.ntia.missing.version, false],
    ['Unique identifier (purl, CPE or SWID)', total - data.ntia.missing.identifier, false],
    ['Dependency relationship', total - data.ntia.withoutDependencyRelationship, false],
    ['FDA level of support', data.fda.supportLevel, true],
    ['FDA end-of-support date', data.fda.endOfSupport, true],
    ['purl (for vulnerability matching)', data.identifiers.purl, true],
    ['CPE (for vulnerability matching)', data.identifiers.cpe, true],
  ]
  const grade = data.score >= 80 ? 'good' : data.score >= 50 ? 'fair' : 'poor'
  return (
    <div className="quality" aria-label="Quality report">
      <div className="quality-top">
        <div className={`score score-${grade}`} role="img" aria-label={`Quality score ${data.score} out of 100`}>
          <span className="score-value">{data.score}</span>
          <span className="score-max">/ 100</span>
        </div>
        <div>
          <h2>Quality report</h2>
          <p>
            {data.ntia.componentsComplete} of {total} components carry every NTIA component element. SBOM author: {data.ntia.author ? 'present' : <strong className="gap">missing</strong>}; timestamp:{' '}
            {data.ntia.timestamp ? 'present' : <strong className="gap">missing</strong>}.
          </p>
          {data.documentGaps.length > 0 && <p className="error">Document gaps: {data.documentGaps.join(', ')}</p>}
        </div>
      </div>
      <table>
        <caption className="visually-hidden">Elements present per component</caption>
        <thead>
          <tr>
            <th scope="col">Element</th>
            <th scope="col">Components with it</th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, present, optional]) => {
            const percent = total === 0 ? 0 : Math.round((present / total) * 100)
            return (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{share(present)}</td>
                <td>
                  <span className="meter" aria-hidden="true">
                    <span className={percent === 100 ? 'full' : optional ? 'partial optional' : 'partial'} style={{ width: `${percent}%` }} />
                  </span>{' '}
                  {percent}%
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {data.componentsWithGaps.length > 0 && (
        <details>
          <summary>
            Components with gaps ({data.componentsWithGaps.length + data.omitted})
          </summary>
          <ul className="gaps-list">
            {data.componentsWithGaps.slice(0, 200).map((c) => (
              <li key={c.ref}>
                <strong>
                  {c.name} {c.version}
                </strong>
                : missing {c.gaps.map((g) => GAP_LABELS[g] ?? g).join(', ')}
              </li>
            ))}
          </ul>
          {data.componentsWithGaps.length + data.omitted > 200 && <p className="muted">The first 200 are listed.</p>}
        </details>
      )}
      {data.warnings.length > 0 && (
        <details>
          <summary>Parser warnings ({data.warnings.length})</summary>
          <ul className="gaps-list">
            {data.warnings.map((w, i) => (
              <li key={i}>
                <code>{w.code}</code> {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  )
}
