import { useState } from 'react'
import { useApi } from '../../useApi.js'
import type { Revision, VersionSboms } from './types.js'

interface Summary {
  readonly ref: string
  readonly type: string
  readonly name: string
  readonly group: string | null
  readonly version: string | null
  readonly purl: string | null
}

interface Diff {
  readonly from: { readonly version: string; readonly revision: number }
  readonly to: { readonly version: string; readonly revision: number }
  readonly added: readonly Summary[]
  readonly removed: readonly Summary[]
  readonly changed: readonly { readonly key: string; readonly before: Summary; readonly after: Summary; readonly fields: readonly { readonly field: string; readonly before: unknown; readonly after: unknown }[] }[]
  readonly unchanged: number
}

const show = (value: unknown) => (value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value))
const label = (c: Summary) => `${c.group ? `${c.group}/` : ''}${c.name}${c.version ? ` ${c.version}` : ''}`

/** Compares the shown revision with an earlier revision or with the latest SBOM of another version. */
export function DiffPanel({ orgId, page, current }: { orgId: string; page: VersionSboms; current: Revision }) {
  const choices = [
    ...page.revisions.filter((r) => r.id !== current.id).map((r) => ({ id: r.id, label: `${page.version.version} revision ${r.revision} (${r.filename})` })),
    ...page.otherVersions.filter((v) => v.latestRevisionId).map((v) => ({ id: v.latestRevisionId!, label: `${page.product.name} ${v.version} (latest SBOM)` })),
  ]
  const [base, setBase] = useState(choices[0]?.id ?? '')
  const { data, error } = useApi<Diff>(base ? `/api/orgs/${orgId}/sboms/diff?from=${base}&to=${current.id}` : null)
  if (choices.length === 0) return <p className="muted">There is nothing to compare with yet: upload another revision, or an SBOM to another version of {page.product.name}.</p>
  return (
    <div className="sbom-diff">
      <label>
        Compare revision {current.revision} with
        <select value={base} onChange={(e) => setBase(e.target.value)}>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error">{error}</p>}
      {data && (
        <>
          <p>
            From {page.product.name} {data.from.version} r{data.from.revision} to {data.to.version} r{data.to.revision}: <strong className="added">{data.added.length} added</strong>,{' '}
            <strong className="removed">{data.removed.length} removed</strong>, <strong>{data.changed.length} changed</strong>, {data.unchanged} unchanged.
          </p>
          <DiffList title="Added" rows={data.added} />
          <DiffList title="Removed" rows={data.removed} />
          {data.changed.length > 0 && (
            <table>
              <caption>Changed</caption>
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {data.changed.slice(0, 500).flatMap((c) =>
                  c.fields.map((f, i) => (
                    <tr key={`${c.key}-${f.field}`}>
                      {i === 0 && <td rowSpan={c.fields.length}>{label(c.after)}</td>}
                      <td>{f.field}</td>
                      <td className="details">{show(f.before)}</td>
                      <td className="details">{show(f.after)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  )
}

function DiffList({ title, rows }: { title: string; rows: readonly Summary[] }) {
  if (rows.length === 0) return null
  return (
    <details open={rows.length <= 30}>
      <summary>
        {title} ({rows.length})
      </summary>
      <table>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col">Type</th>
            <th scope="col">purl</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((c, i) => (
            <tr key={`${c.ref}-${i}`}>
              <td>{label(c)}</td>
              <td>{c.type}</td>
              <td>{c.purl ? <code>{c.purl}</code> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
