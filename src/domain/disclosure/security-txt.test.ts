import { describe, expect, it } from 'vitest'
import { parseRfc3339, renderSecurityTxt, securityTxtExpires, validateSecurityTxt } from './security-txt.js'

const now = '2026-06-01T12:00:00Z'
const codes = (text: string, location?: string) => validateSecurityTxt(text, location === undefined ? { now } : { now, location }).issues.map((i) => i.code)
const valid = (lines: string[]) => lines.join('\n') + '\n'

describe('security.txt generation', () => {
  it('writes every field in order and validates cleanly', () => {
    const text = renderSecurityTxt(
      {
        contact: ['https://medsec.example/report/acme-imaging', 'mailto:psirt@acme-imaging.example'],
        expires: securityTxtExpires(new Date(now), 180),
        encryption: ['https://medsec.example/orgs/acme-imaging/pgp-key.asc'],
        acknowledgments: ['https://medsec.example/orgs/acme-imaging/acknowledgments'],
        preferredLanguages: ['en', 'de'],
        canonical: ['https://medsec.example/orgs/acme-imaging/security.txt'],
        policy: ['https://acme-imaging.example/cvd-policy'],
        csaf: ['https://medsec.example/orgs/acme-imaging/.well-known/csaf/provider-metadata.json'],
      },
      ['Acme Imaging vulnerability disclosure'],
    )
    expect(text).toBe(
      [
        '# Acme Imaging vulnerability disclosure',
        'Contact: https://medsec.example/report/acme-imaging',
        'Contact: mailto:psirt@acme-imaging.example',
        'Expires: 2026-11-28T12:00:00.000Z',
        'Encryption: https://medsec.example/orgs/acme-imaging/pgp-key.asc',
        'Acknowledgments: https://medsec.example/orgs/acme-imaging/acknowledgments',
        'Preferred-Languages: en, de',
        'Canonical: https://medsec.example/orgs/acme-imaging/security.txt',
        'Policy: https://acme-imaging.example/cvd-policy',
        'CSAF: https://medsec.example/orgs/acme-imaging/.well-known/csaf/provider-metadata.json',
        '',
      ].join('\n'),
    )
    const report = validateSecurityTxt(text, { now, location: 'https://medsec.example/orgs/acme-imaging/security.txt' })
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(report.valid).toBe(true)
    expect(report.fields.contact).toHaveLength(2)
  })

  it('cannot be tricked into extra fields by a newline in a value', () => {
    const text = renderSecurityTxt({ contact: ['mailto:a@b.example\nContact: https://evil.example'], expires: '2026-12-01T00:00:00Z' }, ['line one\nExpires: 1999-01-01T00:00:00Z'])
    expect(validateSecurityTxt(text, { now }).fields.expires).toEqual(['2026-12-01T00:00:00Z'])
    expect(text.split('\n').filter((l) => l.startsWith('Contact'))).toHaveLength(1)
  })
})

describe('security.txt validation (RFC 9116)', () => {
  const base = ['Contact: mailto:security@example.com', 'Expires: 2026-12-31T23:59:59Z']

  // [name, file, expected error codes]
  const errors: readonly [string, string, string[]][] = [
    ['no Contact', valid(['Expires: 2026-12-31T23:59:59Z']), ['contact_missing']],
    ['no Expires', valid(['Contact: mailto:security@example.com']), ['expires_missing']],
    ['Expires twice', valid([...base, 'Expires: 2026-11-30T00:00:00Z']), ['expires_repeated']],
    ['expired', valid(['Contact: mailto:a@example.com', 'Expires: 2026-05-31T23:59:59Z']), ['expires_past']],
    ['Expires not RFC 3339', valid(['Contact: mailto:a@example.com', 'Expires: 31 Dec 2026']), ['expires_invalid']],
    ['Expires on 30 February', valid(['Contact: mailto:a@example.com', 'Expires: 2027-02-30T00:00:00Z']), ['expires_invalid']],
    ['http Contact', valid(['Contact: http://example.com/security', 'Expires: 2026-12-31T23:59:59Z']), ['uri_insecure']],
    ['Contact not a URI', valid(['Contact: security@example.com', 'Expires: 2026-12-31T23:59:59Z']), ['uri_invalid']],
    ['Contact ftp', valid(['Contact: ftp://example.com', 'Expires: 2026-12-31T23:59:59Z']), ['uri_scheme']],
    ['Policy over http', valid([...base, 'Policy: http://example.com/policy']), ['uri_insecure']],
    ['Encryption as key text', valid([...base, 'Encryption: mQINBF...']), ['uri_invalid']],
    ['Canonical http', valid([...base, 'Canonical: http://example.com/.well-known/security.txt']), ['uri_insecure']],
    ['Preferred-Languages twice', valid([...base, 'Preferred-Languages: en', 'Preferred-Languages: de']), ['preferred_languages_repeated']],
    ['bad language tag', valid([...base, 'Preferred-Languages: en, english language']), ['language_tag_invalid']],
    ['CSAF not provider metadata', valid([...base, 'CSAF: https://example.com/csaf/index.txt']), ['csaf_not_provider_metadata']],
    ['malformed line', valid([...base, 'this is not a field']), ['line_malformed']],
    ['empty value', valid([...base, 'Policy:']), ['value_empty']],
    ['broken signature frame', '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nContact: mailto:a@example.com\n', ['signature_malformed']],
  ]

  it('names the broken rule of each invalid file', () => {
    const failures: string[] = []
    for (const [name, text, expected] of errors) {
      const report = validateSecurityTxt(text, { now })
      const found = report.issues.filter((i) => i.severity === 'error').map((i) => i.code)
      if (report.valid || JSON.stringify(found) !== JSON.stringify(expected)) failures.push(`${name}: expected ${expected.join(',')}, got ${found.join(',') || 'valid'}`)
    }
    expect(failures).toEqual([])
    expect(errors).toHaveLength(18)
  })

  it('accepts the RFC forms: case-insensitive names, CRLF, comments, tel/dns/openpgp4fpr URIs, offsets', () => {
    const text = [
      '# a comment',
      'contact: tel:+1-201-555-0123',
      'CONTACT: https://example.com/security-contact.html',
      'Expires: 2026-12-31T18:37:07.000+02:00',
      'Encryption: dns:5d2d37ab76d47d36._openpgpkey.example.com?type=OPENPGPKEY',
      'Encryption: openpgp4fpr:5f2de5521c63a801ab59ccb603d49de44b29100f',
      'Preferred-Languages: en, fr-CA, zh-Hant',
      '',
    ].join('\r\n')
    const report = validateSecurityTxt(text, { now })
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(report.fields.contact).toEqual(['tel:+1-201-555-0123', 'https://example.com/security-contact.html'])
  })

  it('validates the content of a cleartext-signed file, undoing dash escaping', () => {
    const text = ['-----BEGIN PGP SIGNED MESSAGE-----', 'Hash: SHA512', '', '- # dash-escaped comment', ...base, '-----BEGIN PGP SIGNATURE-----', 'iQIz...', '-----END PGP SIGNATURE-----', ''].join('\n')
    const report = validateSecurityTxt(text, { now })
    expect(report).toMatchObject({ valid: true, signed: true })
    expect(codes(text)).not.toContain('unsigned')
  })

  it('warns about what is only recommended', () => {
    expect(codes(valid([...base, 'Canonical: https://example.com/.well-known/security.txt']), 'https://other.example/.well-known/security.txt')).toContain('canonical_mismatch')
    expect(codes(valid(['Contact: mailto:a@example.com', 'Expires: 2028-01-01T00:00:00Z']))).toContain('expires_far')
    expect(codes(valid([...base, 'X-Custom: something']))).toContain('field_unknown')
    expect(codes(base.join('\n'))).toContain('missing_final_newline')
    expect(codes(valid(base))).toEqual(['unsigned'])
  })

  it('never throws on hostile input', () => {
    const inputs = ['', '\u0000\u0001\u0002', ':::', 'Contact:'.repeat(10_000), '-----BEGIN PGP SIGNED MESSAGE-----', '\uFEFF' + valid(base), 'a'.repeat(100_000)]
    for (const input of inputs) expect(() => validateSecurityTxt(input, { now })).not.toThrow()
    expect(validateSecurityTxt('\uFEFF' + valid(base), { now }).valid).toBe(true)
    expect(validateSecurityTxt('', { now }).valid).toBe(false)
  })

  it('reads RFC 3339 date-times strictly', () => {
    expect(parseRfc3339('2026-12-31T23:59:59Z')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59))
    expect(parseRfc3339('2028-02-29T00:00:00Z')).toBeDefined()
    for (const bad of ['2027-02-29T00:00:00Z', '2026-12-31', '2026-12-31T24:00:00Z', '2026-12-31 23:59:59Z', '2026-12-31T23:59:59']) expect(parseRfc3339(bad), bad).toBeUndefined()
  })
})
