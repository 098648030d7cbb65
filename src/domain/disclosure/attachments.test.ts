import { describe, expect, it } from 'vitest'
import { checkAttachment, looksLikeArmoredPgpMessage, MAX_ATTACHMENT_BYTES, safeFilename } from './attachments.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('disclosure attachments', () => {
  const accepted: readonly [string, Uint8Array, string][] = [
    ['poc.txt', bytes('curl -X POST http://device/api\n'), 'text/plain'],
    ['crash.log', bytes('segfault at 0x0\r\n'), 'text/plain'],
    ['request.json', bytes('{"a":1}'), 'application/json'],
    ['report.pdf', bytes('%PDF-1.7\n...'), 'application/pdf'],
    ['screen.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['photo.JPG', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]), 'image/jpeg'],
    ['secret.asc', bytes('-----BEGIN PGP MESSAGE-----\n\nwcBMA\n-----END PGP MESSAGE-----\n'), 'application/pgp-encrypted'],
    ['secret.gpg', new Uint8Array([0xc1, 0x0c, 0x03]), 'application/pgp-encrypted'],
    ['exploit.zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]), 'application/zip'],
  ]
  it('accepts the allowed types when the bytes match', () => {
    const failures = accepted.filter(([name, data, type]) => {
      const r = checkAttachment(name, data)
      return !r.ok || r.value.mediaType !== type
    })
    expect(failures.map(([n]) => n)).toEqual([])
    expect(accepted).toHaveLength(9)
  })

  const refused: readonly [string, Uint8Array, string][] = [
    ['page.html', bytes('<script>alert(1)</script>'), 'attachment_type_not_allowed'],
    ['image.svg', bytes('<svg onload="alert(1)"/>'), 'attachment_type_not_allowed'],
    ['tool.exe', new Uint8Array([0x4d, 0x5a, 0x90]), 'attachment_type_not_allowed'],
    ['noextension', bytes('hello'), 'attachment_type_not_allowed'],
    ['fake.png', bytes('<html><script>alert(1)</script></html>'), 'attachment_content_mismatch'],
    ['fake.pdf', new Uint8Array([0x4d, 0x5a]), 'attachment_content_mismatch'],
    ['binary.txt', new Uint8Array([0x41, 0x00, 0x42]), 'attachment_content_mismatch'],
    ['latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'attachment_content_mismatch'],
    ['broken.json', bytes('{"a":'), 'attachment_content_mismatch'],
    ['empty.txt', new Uint8Array(0), 'attachment_empty'],
    ['huge.txt', new Uint8Array(MAX_ATTACHMENT_BYTES + 1).fill(0x41), 'attachment_too_large'],
  ]
  it('refuses other types, lying extensions, empty and oversized files', () => {
    const failures = refused.filter(([name, data, code]) => {
      const r = checkAttachment(name, data)
      return r.ok || r.error.code !== code
    })
    expect(failures.map(([n]) => n)).toEqual([])
    expect(refused).toHaveLength(11)
  })

  it('makes file names safe: no paths, quotes, control characters or markup', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd')
    expect(safeFilename('C:\\Users\\x\\poc.txt')).toBe('poc.txt')
    expect(safeFilename('"><script>alert(1)</script>.txt')).toBe('script_.txt')
    expect(safeFilename('"><img src=x onerror=alert(1)>.txt')).toBe('_img src_x onerror_alert(1)_.txt')
    expect(safeFilename('a\r\nContent-Type: text.txt')).toBe('a_Content-Type_ text.txt')
    expect(safeFilename('...')).toBe('attachment')
    expect(safeFilename('x'.repeat(300) + '.txt')).toHaveLength(120)
  })

  it('recognises an armored PGP message frame', () => {
    expect(looksLikeArmoredPgpMessage('-----BEGIN PGP MESSAGE-----\n\nabc\n-----END PGP MESSAGE-----\n')).toBe(true)
    expect(looksLikeArmoredPgpMessage('plain text')).toBe(false)
  })
})
