import { useState } from 'react'
import type { EpssScore, KbAffected, KbStatement, KevEntry } from '../../domain/kb/index.js'
import type { MyOrganization } from '../api.js'
import { JobsPanel } from '../components/JobsPanel.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'

interface Summary {
  id: string
  aliases: string[]
  title: string | null
  sources: string[]
  packages: number
  kev: boolean
  epss: number | null
  epssPercentile: number | null
  cvssScore: number | null
  severity: string | null
  published: string | null
}

interface ScoredVector {
  source: string
  sourceId: string
  author: string | null
  vector: string
  version: string | null
  baseScore: number | null
  severity: string | null
  publishedScore: number | null
  problem: string | null
}

interface VulnerabilityView {
  id: string
  aliases: string[]
  title: string | null
  statements: (KbStatement & { importedAt: string })[]
  kev: KevEntry | null
  epss: EpssScore | null
  cvss: ScoredVector[]
}

const PAGE_SIZE = 25
const sourceNames: Record<string, string> = { osv: 'OSV', nvd: 'NVD', cve5: 'CVE 5 (CNA)', csaf: 'CSAF advisory' }

/** The vulnerability knowledge base: search, and a detail view with each source's statement side by side. */
export function VulnerabilitiesPage({ path, org }: { path: string; org?: MyOrganization }) {
  const id = path.startsWith('/vulnerabilities/') ? decodeURIComponent(path.slice('/vulnerabilities/'.length)) : ''
  return id ? <VulnerabilityDetail id={id} /> : <VulnerabilitySearch org={org} />
}

function SeverityBadge({ severity, score }: { severity: string | null; score: number | null }) {
  if (!severity || score === null) return <span className="muted">no CVSS</span>
  return <span className={`severity severity-${severity.toLowerCase()}`}>{score.toFixed(1)} {severity}</span>
}

function KevBadge() {
  return (
    <span className="severity severity-critical" title="Listed in the CISA Known Exploited Vulnerabilities catalog">
      KEV
    </span>
  )
}

function EpssBadge({ epss, percentile }: { epss: number; percentile: number | null }) {
  return (
    <span className="tlp" title={`EPSS: probability of exploitation in the next 30 days${percentile === null ? '' : `; percentile ${(percentile * 100).toFixed(1)}`}`}>
      EPSS {(epss * 100).toFixed(1)}%
    </span>
  )
}

function VulnerabilitySearch({ org }: { org: MyOrganization | undefined }) {
  const [query, setQuery] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '')
  const [submitted, setSubmitted] = useState(query)
  const [offset, setOffset] = useState(0)
  const params = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) })
  if (submitted) params.set('q', submitted)
  const { data, error } = useApi<{ total: number; items: Summary[] }>(`/api/kb/vulnerabilities?${params}`)
  const stats = useApi<{ vulnerabilities: number; statements: Record<string, number>; kev: number; epss: number }>('/api/kb/stats')
  return (
    <section>
      <h1>Vulnerabilities</h1>
      <p className="muted">
        The instance-wide knowledge base: OSV, NVD, CVE records, CISA KEV, EPSS and vendor CSAF advisories, each source's statement kept with its
        origin. Operators update it with <code>npx medsec kb import</code>.
      </p>
      {stats.data && (
        <p className="muted" aria-label="Knowledge base counts">
          {[
            `${stats.data.vulnerabilities} vulnerabilities`,
            ...Object.entries(stats.data.statements).map(([s, n]) => `${n} ${sourceNames[s] ?? s}`),
            `${stats.data.kev} KEV`,
            `${stats.data.epss} EPSS`,
          ].join(' · ')}
        </p>
      )}
      {org?.role === 'admin' && <JobsPanel org={org} />}
      <form
        className="card inline-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          setSubmitted(query.trim())
          setOffset(0)
        }}
      >
        <label>
          Id, alias, package or CPE vendor:product
          <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="CVE-2021-44228, GHSA-…, log4j-core, google:chrome" size={40} />
        </label>
        <button type="submit">Search</button>
      </form>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <p className="muted" role="status">
            {data.total} {data.total === 1 ? 'vulnerability' : 'vulnerabilities'}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Vulnerability</th>
                <th scope="col">Summary</th>
                <th scope="col">Sources</th>
                <th scope="col">CVSS</th>
                <th scope="col">Exploitation</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((v) => (
                <tr key={v.id}>
                  <td>
                    <a href={`/vulnerabilities/${encodeURIComponent(v.id)}`} onClick={(e) => (e.preventDefault(), navigate(`/vulnerabilities/${encodeURIComponent(v.id)}`))}>
                      {v.id}
                    </a>
                    {v.aliases.length > 0 && <div className="muted">{v.aliases.join(', ')}</div>}
                  </td>
                  <td>
                    <span className="details">{v.title ?? '—'}</span>
                  </td>
                  <td>{v.sources.map((s) => sourceNames[s] ?? s).join(', ')}</td>
                  <td className="nowrap">
                    <SeverityBadge severity={v.severity} score={v.cvssScore} />
                  </td>
                  <td className="nowrap">
                    {v.kev && <KevBadge />} {v.epss !== null && <EpssBadge epss={v.epss} percentile={v.epssPercentile} />}
                  </td>
                </tr>
              ))}
              {data.items.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {submitted ? `No vulnerability matches “${submitted}”.` : 'The knowledge base is empty: an operator imports feeds with npx medsec kb import.'}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Previous
            </button>
            <span className="muted">
              {data.total === 0 ? 0 : offset + 1}–{Math.min(offset + PAGE_SIZE, data.total)} of {data.total}
            </span>
            <button type="button" className="secondary" disabled={offset + PAGE_SIZE >= data.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Next
            </button>
          </div>
        </>
      )}
    </section>
  )
}

function describeAffected(a: KbAffected): { what: string; ranges: string; status: string } {
  if (a.kind === 'package') {
    const name = a.namespace && !a.ecosystem.toLowerCase().startsWith(a.namespace) ? `${a.namespace}/${a.name}` : a.name
    const ranges = [...a.ranges, ...(a.versions.length > 0 ? [`listed: ${a.versions.slice(0, 6).join(', ')}${a.versions.length > 6 ? ` (+${a.versions.length - 6})` : ''}`] : [])]
    return { what: `${a.ecosystem} ${name}`, ranges: ranges.join('; ') || 'none stated', status: a.status }
  }
  if (a.kind === 'cpe') {
    const parts = a.nodes.map((n) => n.matches.map((m) => `${m.vulnerable ? '' : 'on '}${m.criteria.replace(/(:\*)+$/, '')} ${m.range}`).join(n.operator === 'AND' ? ' AND ' : ' | '))
    return { what: `NVD configuration (${a.operator})`, ranges: parts.join(a.operator === 'AND' ? ' — running on — ' : ' | '), status: a.status }
  }
  const ids = [a.purl, a.cpe, ...a.modelNumbers.map((m) => `model ${m}`)].filter(Boolean).join(', ')
  return { what: `${[a.vendor, a.product].filter(Boolean).join(' ') || a.name}${ids ? ` (${ids})` : ''}`, ranges: a.range ?? (a.version ? `= ${a.version}` : 'any version'), status: a.status.replace('_', ' ') }
}

function VulnerabilityDetail({ id }: { id: string }) {
  const { data, error } = useApi<VulnerabilityView>(`/api/kb/vulnerabilities/${encodeURIComponent(id)}`)
  const best = data?.cvss.filter((c) => c.baseScore !== null).sort((a, b) => (b.baseScore ?? 0) - (a.baseScore ?? 0))[0]
  return (
    <section>
      <p>
        <a href="/vulnerabilities" onClick={(e) => (e.preventDefault(), navigate('/vulnerabilities'))}>
          ← All vulnerabilities
        </a>
      </p>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <div className="page-head">
            <h1>{data.id}</h1>
            <div className="score-main">
              <SeverityBadge severity={best?.severity ?? null} score={best?.baseScore ?? null} />
              {data.kev && <KevBadge />}
              {data.epss && <EpssBadge epss={data.epss.epss} percentile={data.epss.percentile} />}
            </div>
          </div>
          {data.title && <p className="lead">{data.title}</p>}
          {data.aliases.length > 0 && <p className="muted">Also known as {data.aliases.join(', ')}</p>}
          {data.kev && (
            <div className="card" aria-label="CISA KEV">
              <h2>Known exploited (CISA KEV)</h2>
              <p>
                {data.kev.vendorProject} {data.kev.product}: {data.kev.name}. Added {data.kev.dateAdded}
                {data.kev.dueDate ? `, federal due date ${data.kev.dueDate}` : ''}. Ransomware use: {data.kev.knownRansomwareCampaignUse ?? 'unknown'}.
              </p>
              {data.kev.requiredAction && <p className="muted">{data.kev.requiredAction}</p>}
            </div>
          )}
          {data.epss && (
            <p className="muted">
              EPSS {data.epss.epss.toFixed(5)} (percentile {data.epss.percentile.toFixed(5)}){data.epss.scoreDate ? ` on ${data.epss.scoreDate}` : ''}.
            </p>
          )}
          {data.cvss.length > 0 && (
            <div className="card">
              <h2>CVSS, recomputed from each vector</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Source</th>
                    <th scope="col">Vector</th>
                    <th scope="col">Score</th>
                    <th scope="col">Published</th>
                  </tr>
                </thead>
                <tbody>
                  {data.cvss.map((c, i) => (
                    <tr key={i}>
                      <td>
                        {sourceNames[c.source] ?? c.source} {c.author ? <span className="muted">({c.author})</span> : null}
                      </td>
                      <td>
                        <code>{c.vector}</code>
                      </td>
                      <td className="nowrap">{c.problem ? <span className="error">{c.problem}</span> : <SeverityBadge severity={c.severity} score={c.baseScore} />}</td>
                      <td>{c.publishedScore === null ? '—' : c.publishedScore.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>What each source says</h2>
          <div className="assessment-grid">
            {data.statements.map((s) => (
              <article key={`${s.source}:${s.sourceId}`} className="card" aria-label={`${sourceNames[s.source] ?? s.source} statement ${s.sourceId}`}>
                <h3>
                  {sourceNames[s.source] ?? s.source}: {s.sourceId}
                </h3>
                <p className="muted">
                  {s.published ? `Published ${s.published.slice(0, 10)}` : ''}
                  {s.modified ? ` · modified ${s.modified.slice(0, 10)}` : ''}
                  {s.withdrawn ? ` · withdrawn ${s.withdrawn.slice(0, 10)}` : ''}
                  <br />
                  From <code>{s.origin}</code>, imported {new Date(s.importedAt).toLocaleString()}
                </p>
                {s.title && <p>{s.title}</p>}
                {s.description && <p className="details">{s.description.length > 600 ? `${s.description.slice(0, 600)}…` : s.description}</p>}
                {s.affected.length > 0 && (
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Affected</th>
                        <th scope="col">Range (vers)</th>
                        <th scope="col">Status</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.affected.slice(0, 50).map((a, i) => {
                        const d = describeAffected(a)
                        return (
                          <tr key={i}>
                            <td>{d.what}</td>
                            <td>
                              <code className="details">{d.ranges}</code>
                            </td>
                            <td>{d.status}</td>
                          </tr>
                        )
                      })}
                    </tbody>
                  </table>
                )}
                {s.affected.length > 50 && <p className="muted">and {s.affected.length - 50} more</p>}
                {s.problems.length > 0 && <p className="muted">Not readable: {s.problems.map((p) => p.message).join('; ')}</p>}
              </article>
            ))}
          </div>
        </>
      )}
    </section>
  )
}
