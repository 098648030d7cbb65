import type { ReactNode } from 'react'

/** A clock as the API sends it. */
export interface Clock {
  readonly id: string
  readonly label: string
  readonly startedOn: string
  readonly dueOn: string
  readonly doneOn?: string
  readonly status: 'running' | 'due_soon' | 'breached' | 'met' | 'missed' | 'stopped'
  readonly businessDaysLeft?: number
  readonly calendarDaysLeft?: number
}

/** A timeline event. */
export interface CaseEvent {
  readonly id: string
  readonly kind: string
  readonly summary: string
  readonly note: string | null
  readonly actorLabel: string
  readonly visibleToReporter?: boolean
  readonly createdAt: string
}

/** A thread message. */
export interface Message {
  readonly id: string
  readonly thread: string
  readonly replyTo: string | null
  readonly authorKind: string
  readonly authorLabel: string
  readonly body: string
  readonly encrypted: boolean
  readonly createdAt: string
}

/** An attachment's metadata. */
export interface Attachment {
  readonly id: string
  readonly messageId: string | null
  readonly thread: string
  readonly filename: string
  readonly sizeBytes: number
  readonly sha256: string
  readonly uploadedByLabel: string
  readonly createdAt: string
}

/** The workflow steps in order, for the progress display. */
export const STEPS = [
  ['received', 'Received'],
  ['acknowledged', 'Acknowledged'],
  ['triaged', 'Triaged'],
  ['remediation', 'Remediation in progress'],
  ['published', 'Advisory published'],
  ['closed', 'Closed'],
] as const

/** The workflow as a list of steps with the current one marked. */
export function Steps({ state }: { state: string }) {
  const current = STEPS.findIndex(([s]) => s === state)
  return (
    <ol className="cvd-steps" aria-label="Case progress">
      {STEPS.map(([id, label], i) => (
        <li key={id} className={i < current ? 'done' : i === current ? 'current' : ''} aria-current={i === current ? 'step' : undefined}>
          {label}
        </li>
      ))}
    </ol>
  )
}

const clockText: Record<Clock['status'], string> = { running: 'running', due_soon: 'due soon', breached: 'BREACHED', met: 'met', missed: 'missed', stopped: 'stopped' }

/** The clocks of a case: due dates, what is done, warnings and breaches. */
export function ClockTable({ clocks }: { clocks: readonly Clock[] }) {
  return (
    <table className="cvd-clocks">
      <thead>
        <tr>
          <th scope="col">Clock</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
          <th scope="col">Left</th>
        </tr>
      </thead>
      <tbody>
        {clocks.map((c) => (
          <tr key={c.id}>
            <td>{c.label}</td>
            <td>{c.dueOn}</td>
            <td>
              <span className={`clock clock-${c.status}`}>{clockText[c.status]}</span>
              {c.doneOn && <span className="muted"> on {c.doneOn}</span>}
            </td>
            <td>{c.businessDaysLeft === undefined ? '—' : `${c.businessDaysLeft} business days (${c.calendarDaysLeft} calendar)`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The most urgent open clock of a case, as a short label. */
export function NextClock({ clocks }: { clocks: readonly Clock[] }) {
  const open = clocks.filter((c) => c.status === 'running' || c.status === 'due_soon' || c.status === 'breached').sort((a, b) => a.dueOn.localeCompare(b.dueOn))
  const next = open[0]
  if (!next) return <span className="muted">—</span>
  return (
    <span className={`clock clock-${next.status}`}>
      {next.id.replace('_', ' ')} by {next.dueOn}
    </span>
  )
}

/** When something happened, readable. */
export function When({ at }: { at: string }) {
  return <time dateTime={at}>{new Date(at).toLocaleString()}</time>
}

/** The timeline of a case. */
export function Timeline({ events }: { events: readonly CaseEvent[] }) {
  return (
    <ol className="cvd-timeline" aria-label="Timeline">
      {events.map((e) => (
        <li key={e.id}>
          <When at={e.createdAt} /> <strong>{e.summary}</strong> <span className="muted">({e.actorLabel}{e.visibleToReporter === false ? ', internal' : ''})</span>
          {e.note && <p className="cvd-note">{e.note}</p>}
        </li>
      ))}
    </ol>
  )
}

/** Messages of a thread (plain text, rendered escaped), with each message's attachments. */
export function Thread({ messages, attachments, renderAttachment }: { messages: readonly Message[]; attachments: readonly Attachment[]; renderAttachment: (a: Attachment) => ReactNode }) {
  if (messages.length === 0) return <p className="muted">No messages yet.</p>
  return (
    <ul className="cvd-thread">
      {messages.map((m) => (
        <li key={m.id} className={`cvd-message from-${m.authorKind}`}>
          <div className="cvd-message-head">
            <strong>{m.authorLabel}</strong> <When at={m.createdAt} />
            {m.replyTo && <span className="muted"> (reply)</span>}
            {m.encrypted && <span className="muted"> (encrypted)</span>}
          </div>
          <pre className="cvd-body">{m.body}</pre>
          {attachments.filter((a) => a.messageId === m.id).map((a) => (
            <div key={a.id}>{renderAttachment(a)}</div>
          ))}
        </li>
      ))}
    </ul>
  )
}

/** Bytes, readable. */
export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`
}
