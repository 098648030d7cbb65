/** Download links of a stored MDS2 in each format (plain GETs, so the browser saves them with the session cookie). */
export function ExportLinks({ base, revision }: { base: string; revision?: number | null }) {
  const suffix = revision ? `&revision=${revision}` : ''
  return (
    <span className="mds2-toolbar" role="group" aria-label="Export">
      {(['xlsx', 'csv', 'json', 'pdf'] as const).map((format) => (
        <a key={format} href={`${base}?format=${format}${suffix}`} download>
          {format.toUpperCase()}
        </a>
      ))}
    </span>
  )
}
