import { describe, expect, it } from 'vitest'
import { acknowledgementMail, maskEmail, messageMail, statusMail } from './reporter-mail.js'

const CASE = { manufacturer: 'Acme Imaging', reference: 'CVD-2026-0001' }
const SECRET_URL = 'https://medsec.example/reporter-portal#s3cr3t-token-value'

describe('e-mails to a reporter', () => {
  it('names the manufacturer and the case in every mail', () => {
    for (const mail of [acknowledgementMail(CASE, SECRET_URL), acknowledgementMail(CASE, null), statusMail(CASE, 'Acknowledged', null), messageMail(CASE)]) {
      expect(mail.subject).toContain('CVD-2026-0001')
      expect(mail.subject).toContain('Acme Imaging')
      expect(mail.text).toContain('CVD-2026-0001')
      expect(mail.text).toContain('turn off "E-mail updates"')
    }
  })

  it('carries the secret link only in the acknowledgement that is given it', () => {
    expect(acknowledgementMail(CASE, SECRET_URL).text).toContain(SECRET_URL)
    expect(acknowledgementMail(CASE, null).text).not.toContain('#')
    expect(statusMail(CASE, 'Triaged', 'see #1').text).not.toContain('s3cr3t')
  })

  it("includes the manufacturer's note on a status change, and keeps header injection out of the subject", () => {
    expect(statusMail(CASE, 'Triaged', 'Reproduced on 3.2.').text).toContain('Reproduced on 3.2.')
    expect(statusMail({ manufacturer: 'Evil\r\nBcc: x@y', reference: 'CVD-2026-0002' }, 'Closed', null).subject).not.toMatch(/[\r\n]/)
  })

  it('masks addresses shown on the portal', () => {
    expect(maskEmail('ada@example.org')).toBe('a•••@example.org')
    expect(maskEmail('nonsense')).toBe('•••')
  })
})
