import nodemailer from 'nodemailer'

/** Sends one plain-text e-mail; rejects when the SMTP server refuses it. */
export type Mailer = (message: { to: string; subject: string; text: string }) => Promise<void>

/**
 * An SMTP mailer from a URL such as smtp://user:pass@host:587 (STARTTLS when offered) or smtps://host:465, with the
 * sender address; undefined when no URL is configured (e-mails then wait in the outbox).
 */
export function smtpMailer(url: string | undefined, from: string): Mailer | undefined {
  if (!url) return undefined
  const transport = nodemailer.createTransport(url)
  return async (message) => {
    await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text })
  }
}
