import type { AnswerValue, Completeness, Mds2Issue, RequirementStatus } from '../../../domain/mds2/index.js'

/** An answer (Yes / No / N/A / See Notes, or not answered) in its colour. */
export function AnswerBadge({ answer }: { answer: AnswerValue | null | undefined }) {
  if (answer == null) return <span className="answer">—</span>
  const kind = answer === 'N/A' ? 'na' : answer.toLowerCase().replace(' ', '-')
  return <span className={`answer answer-${kind}`}>{answer}</span>
}

/** A requirement outcome (met / unmet / unknown) in its colour. */
export function StatusBadge({ status, title }: { status: RequirementStatus; title?: string }) {
  return (
    <span className={`status status-${status}`} title={title}>
      {status === 'met' ? '✓ met' : status === 'unmet' ? '✗ unmet' : '? unknown'}
    </span>
  )
}

/** A thin progress bar with an accessible value. */
export function ProgressBar({ value, max, label, wide = false }: { value: number; max: number; label: string; wide?: boolean }) {
  const percent = max === 0 ? 100 : Math.round((value * 100) / max)
  return (
    <span className={wide ? 'bar wide' : 'bar'} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <span style={{ width: `${percent}%` }} />
    </span>
  )
}

/** The sections of the form with progress (and error counts), to move between them. */
export function SectionNav({
  completeness,
  issues,
  current,
  onChoose,
}: {
  completeness: Completeness
  issues: readonly Mds2Issue[]
  current: string
  onChoose: (section: string) => void
}) {
  const errorsBySection = new Map<string, number>()
  for (const issue of issues) {
    if (issue.severity !== 'error') continue
    const section = (issue.questionId ?? 'DOC-1').split('-')[0] ?? 'DOC'
    errorsBySection.set(section, (errorsBySection.get(section) ?? 0) + 1)
  }
  return (
    <nav className="mds2-sections" aria-label="MDS2 sections">
      <ul>
        {completeness.sections.map((s) => {
          const headerMissing = s.section === 'DOC' ? completeness.missingHeader.length : 0
          const total = s.total + (s.section === 'DOC' ? completeness.headerTotal : 0)
          const done = s.answered + (s.section === 'DOC' ? completeness.headerTotal - headerMissing : 0)
          const errors = errorsBySection.get(s.section) ?? 0
          return (
            <li key={s.section}>
              <button type="button" aria-current={s.section === current ? 'true' : undefined} onClick={() => onChoose(s.section)} title={s.title}>
                <span className="code">{s.section}</span>
                <span className="count">
                  {done}/{total}
                  {errors > 0 && <span className="errors" aria-label={`${errors} errors`}> ⚠{errors}</span>}
                </span>
                <span />
                <ProgressBar value={done} max={total} label={`${s.section}: ${done} of ${total} answered`} />
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

/** Consistency issues, errors first; each can jump to its question's section. */
export function IssueList({ issues, onJump }: { issues: readonly Mds2Issue[]; onJump?: (section: string) => void }) {
  const errors = issues.filter((i) => i.severity === 'error').length
  if (issues.length === 0) return <p className="notice">No consistency issues.</p>
  return (
    <details open={errors > 0}>
      <summary>
        {errors} error{errors === 1 ? '' : 's'}, {issues.length - errors} warning{issues.length - errors === 1 ? '' : 's'}
      </summary>
      <ul className="mds2-issues">
        {issues.map((issue, i) => (
          <li key={`${issue.code}-${issue.questionId ?? issue.field ?? ''}-${i}`} className={`issue ${issue.severity}`}>
            {onJump && issue.questionId ? (
              <button type="button" onClick={() => onJump((issue.questionId ?? '').split('-')[0] ?? 'DOC')}>
                {issue.questionId}
              </button>
            ) : (
              issue.questionId
            )}{' '}
            {issue.message}
          </li>
        ))}
      </ul>
    </details>
  )
}

/** A date and time as the browser shows it. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—'
}
