import { useEffect, useMemo, useRef, useState } from 'react'
import type { SupportLevel } from '../../../domain/sbom/index.js'
import { api, ApiError } from '../../api.js'
import { SUPPORT_LABELS, type ComponentRow } from './types.js'

/** Row height in pixels; every row has it, which is what lets the table render only the visible window. */
const ROW_HEIGHT = 36
const VIEW_HEIGHT = 504
/** Rows rendered above and below the visible window, so fast scrolling shows no blank band. */
const OVERSCAN = 8

type SortKey = 'name' | 'version' | 'type' | 'supplier' | 'identifier' | 'supportLevel' | 'endOfSupport'

const COLUMNS: readonly { key: SortKey; label: string; width: string }[] = [
  { key: 'name', label: 'Component', width: 'minmax(12rem, 2.2fr)' },
  { key: 'version', label: 'Version', width: 'minmax(6rem, 0.8fr)' },
  { key: 'type', label: 'Type', width: '7.5rem' },
  { key: 'supplier', label: 'Supplier', width: 'minmax(8rem, 1.2fr)' },
  { key: 'identifier', label: 'purl / CPE', width: 'minmax(10rem, 1.6fr)' },
  { key: 'supportLevel', label: 'Level of support', width: '11rem' },
  { key: 'endOfSupport', label: 'End of support', width: '8.5rem' },
]
const GRID = `${COLUMNS.map((c) => c.width).join(' ')} 6.5rem`

function sortValue(row: ComponentRow, key: SortKey): string {
  switch (key) {
    case 'name':
      return (row.group ? `${row.group}/${row.name}` : row.name).toLowerCase()
    case 'identifier':
      return row.purl ?? row.cpe ?? ''
    case 'supportLevel':
      return row.supportLevel ?? ''
    default:
      return (row[key] ?? '').toLowerCase()
  }
}

/**
 * The components of a revision: search, filters by type and level of support, sortable columns and inline editing of
 * the FDA fields. Rows are virtualised by hand: fixed height, only the visible window (plus a margin) is in the DOM.
 */
export function ComponentTable({ orgId, revisionId, canEdit, onEdited }: { orgId: string; revisionId: string; canEdit: boolean; onEdited: () => void }) {
  const [rows, setRows] = useState<ComponentRow[] | undefined>(undefined)
  const [error, setError] = useState('')
  const [query, setQuery] = useState('')
  const [type, setType] = useState('')
  const [support, setSupport] = useState('')
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean } | null>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [editing, setEditing] = useState<string | null>(null)
  const viewport = useRef<HTMLDivElement>(null)

  useEffect(() => {
    let live = true
    setRows(undefined)
    setError('')
    api<{ components: ComponentRow[] }>('GET', `/api/orgs/${orgId}/sboms/${revisionId}/components?limit=100000`)
      .then((page) => live && setRows(page.components))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [orgId, revisionId])

  const types = useMemo(() => [...new Set((rows ?? []).map((r) => r.type))].sort(), [rows])
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase()
    const filtered = (rows ?? []).filter(
      (r) =>
        (!type || r.type === type) &&
        (!support || (support === 'none' ? r.supportLevel === null : r.supportLevel === support)) &&
        (!q || [r.name, r.group, r.version, r.supplier, r.purl, r.cpe].some((v) => v?.toLowerCase().includes(q))),
    )
    if (!sort) return filtered
    const direction = sort.descending ? -1 : 1
    return [...filtered].sort((a, b) => direction * sortValue(a, sort.key).localeCompare(sortValue(b, sort.key), undefined, { numeric: true }) || a.ordinal - b.ordinal)
  }, [rows, query, type, support, sort])

  // A new filter starts at the top.
  useEffect(() => {
    viewport.current?.scrollTo({ top: 0 })
    setScrollTop(0)
  }, [query, type, support, sort])

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN)
  const last = Math.min(shown.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN)
  const windowRows = shown.slice(first, last)

  const saved = (row: ComponentRow) => {
    setRows((all) => all?.map((r) => (r.id === row.id ? row : r)))
    setEditing(null)
    onEdited()
  }

  if (error) return <p className="error" role="alert">{error}</p>
  if (!rows) return <p className="muted">Loading components…</p>
  return (
    <div className="sbom-components">
      <div className="inline-form" role="search">
        <label>
          Search components
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="name, version, supplier, purl, CPE…" />
        </label>
        <label>
          Type
          <select aria-label="Component type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">All types</option>
            {types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Level of support
          <select aria-label="Filter by level of support" value={support} onChange={(e) => setSupport(e.target.value)}>
            <option value="">Any</option>
            {Object.entries(SUPPORT_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
            <option value="none">Not stated</option>
          </select>
        </label>
      </div>
      <p className="muted" aria-live="polite">
        {shown.length === rows.length ? `${rows.length} components` : `${shown.length} of ${rows.length} components`}
      </p>
      <div className="vtable" role="table" aria-label="Components" aria-rowcount={shown.length + 1}>
        <div className="vrow vhead" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID }}>
          {COLUMNS.map((column) => {
            const active = sort?.key === column.key
            return (
              <div key={column.key} role="columnheader" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="sort" onClick={() => setSort(active && !sort.descending ? { key: column.key, descending: true } : active ? null : { key: column.key, descending: false })}>
                  {column.label}
                  <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </div>
            )
          })}
          <div role="columnheader">
            <span className="visually-hidden">Actions</span>
          </div>
        </div>
        <div className="vbody" ref={viewport} style={{ height: Math.min(VIEW_HEIGHT, Math.max(shown.length, 1) * ROW_HEIGHT) }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div style={{ height: shown.length * ROW_HEIGHT, position: 'relative' }}>
            {windowRows.map((row, i) => (
              <div key={row.id} role="row" aria-rowindex={first + i + 2} className="vrow" style={{ gridTemplateColumns: GRID, position: 'absolute', top: (first + i) * ROW_HEIGHT, height: ROW_HEIGHT, left: 0, right: 0 }}>
                {editing === row.id ? <EditCells orgId={orgId} revisionId={revisionId} row={row} onSaved={saved} onCancel={() => setEditing(null)} /> : <Cells row={row} canEdit={canEdit} onEdit={() => setEditing(row.id)} />}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  )
}

function Cells({ row, canEdit, onEdit }: { row: ComponentRow; canEdit: boolean; onEdit: () => void }) {
  const name = row.group ? `${row.group}/${row.name}` : row.name
  const identifier = row.purl ?? row.cpe
  return (
    <>
      <div role="cell" title={name}>
        {name}
      </div>
      <div role="cell" title={row.version ?? ''}>
        {row.version ?? <span className="muted">—</span>}
      </div>
      <div role="cell">{row.type}</div>
      <div role="cell" title={row.supplier ?? ''}>
        {row.supplier ?? <span className="gap">missing</span>}
      </div>
      <div role="cell" title={identifier ?? ''}>
        {identifier ? <code>{identifier}</code> : <span className="gap">missing</span>}
      </div>
      <div role="cell" title={row.editedBy ? `edited by ${row.editedBy}` : ''}>
        {row.supportLevel ? SUPPORT_LABELS[row.supportLevel] : <span className="gap">not stated</span>}
        {row.editedBy && <span className="edited" aria-label="edited"> ✎</span>}
      </div>
      <div role="cell">{row.endOfSupport ?? <span className="gap">—</span>}</div>
      <div role="cell">
        {canEdit && (
          <button type="button" className="secondary small" aria-label={`Edit FDA fields of ${name}`} onClick={onEdit}>
            Edit
          </button>
        )}
      </div>
    </>
  )
}

function EditCells({ orgId, revisionId, row, onSaved, onCancel }: { orgId: string; revisionId: string; row: ComponentRow; onSaved: (row: ComponentRow) => void; onCancel: () => void }) {
  const [level, setLevel] = useState<string>(row.supportLevel ?? '')
  const [date, setDate] = useState(row.endOfSupport ?? '')
  const [error, setError] = useState('')
  const name = row.group ? `${row.group}/${row.name}` : row.name
  const save = async () => {
    try {
      const body = { supportLevel: level === '' ? null : (level as SupportLevel), endOfSupport: date.trim() === '' ? null : date.trim() }
      onSaved(await api<ComponentRow>('PATCH', `/api/orgs/${orgId}/sboms/${revisionId}/components/${row.id}`, body))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  return (
    <>
      <div role="cell" className="editing-name">
        {name} {row.version}
      </div>
      <div role="cell" className="edit-cells" style={{ gridColumn: 'span 7' }}>
        <select aria-label={`Level of support of ${name}`} value={level} onChange={(e) => setLevel(e.target.value)}>
          <option value="">Not stated</option>
          {Object.entries(SUPPORT_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <input aria-label={`End-of-support date of ${name}`} placeholder="YYYY-MM-DD" value={date} onChange={(e) => setDate(e.target.value)} size={12} />
        <button type="button" className="small" onClick={save}>
          Save
        </button>
        <button type="button" className="secondary small" onClick={onCancel}>
          Cancel
        </button>
        {error && (
          <span className="error" role="alert">
            {error}
          </span>
        )}
      </div>
    </>
  )
}
