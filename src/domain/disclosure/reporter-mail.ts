/** An e-mail to a reporter, ready to send. */
export interface ReporterMail {
  readonly subject: string
  readonly text: string
}

/** What every e-mail to a reporter names: the manufacturer and the case. */
export interface ReporterMailCase {
  readonly manufacturer: string
  readonly reference: string
}

/** The reason a reporter receives these e-mails, and how to stop them (the portal link is only in the first mail). */
const FOOTER = [
  '',
  '--',
  'You receive this because you gave this address when you reported the vulnerability.',
  'To stop these e-mails, open your reporter portal (the secret link from your first e-mail or the report receipt)',
  'and turn off "E-mail updates". This e-mail never contains your secret link or the content of messages.',
]

const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim()

/**
 * The acknowledgement sent once, when the report arrives. It is the only e-mail that carries the secret portal
 * link (`portalUrl`); when the link cannot be sent (no mailer at the time), it is left out and the reporter relies
 * on the receipt shown after submitting.
 */
export function acknowledgementMail(c: ReporterMailCase, portalUrl: string | null): ReporterMail {
  const lines = [
    `${oneLine(c.manufacturer)} received your vulnerability report.`,
    '',
    `Case: ${c.reference}`,
    '',
    ...(portalUrl
      ? [
          'Follow the case, read and answer messages and download attachments in your reporter portal:',
          portalUrl,
          '',
          'Keep this link secret: anyone who has it can read the case. It is sent only in this e-mail.',
        ]
      : ['Follow the case in your reporter portal, with the secret link shown when you submitted the report.']),
  ]
  return { subject: `[${c.reference}] ${oneLine(c.manufacturer)} received your report`, text: [...lines, ...FOOTER].join('\n') }
}

/** The e-mail on a status change of the case; the manufacturer's note to the reporter is included. */
export function statusMail(c: ReporterMailCase, stateLabel: string, note: string | null): ReporterMail {
  const lines = [`${oneLine(c.manufacturer)} moved your case ${c.reference} to: ${stateLabel}.`]
  if (note?.trim()) lines.push('', `Note from ${oneLine(c.manufacturer)}:`, note.trim())
  lines.push('', 'Open your reporter portal for the details.')
  return { subject: `[${c.reference}] ${oneLine(c.manufacturer)}: ${stateLabel}`, text: [...lines, ...FOOTER].join('\n') }
}

/** The e-mail when the manufacturer writes to the reporter; the message stays in the portal (it may be sensitive). */
export function messageMail(c: ReporterMailCase): ReporterMail {
  const lines = [`${oneLine(c.manufacturer)} wrote to you about case ${c.reference}.`, '', 'Read and answer the message in your reporter portal.']
  return { subject: `[${c.reference}] New message from ${oneLine(c.manufacturer)}`, text: [...lines, ...FOOTER].join('\n') }
}

/** An address shown in part, e.g. "a•••@example.org", so a leaked portal link does not reveal it whole. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@')
  if (at <= 0) return '•••'
  return `${address.slice(0, 1)}•••${address.slice(at)}`
}
