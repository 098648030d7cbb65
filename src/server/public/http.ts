import type { FastifyReply, FastifyRequest } from 'fastify'

/** The instance's public base URL: MEDSEC_PUBLIC_URL when set (behind a proxy), else what the request was sent to. */
export function baseUrl(request: FastifyRequest): string {
  const configured = process.env.MEDSEC_PUBLIC_URL?.trim().replace(/\/+$/, '')
  return configured || `${request.protocol}://${request.host}`
}

/** A stored attachment as the response sends it. */
export interface DownloadFile {
  readonly filename: string
  readonly sha256: string
  readonly content: Uint8Array
}

/**
 * Sends a user-supplied file only as a download: a generic content type, `attachment` disposition, nosniff and a
 * sandboxing CSP, so that no browser renders it inline whatever it contains.
 */
export function sendDownload(reply: FastifyReply, file: DownloadFile): FastifyReply {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return reply
    .header('content-type', 'application/octet-stream')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store')
    .header('x-content-sha256', file.sha256)
    .send(Buffer.from(file.content))
}

/** Sends a plain-text file (security.txt and friends) as UTF-8. */
export function sendText(reply: FastifyReply, text: string, type = 'text/plain; charset=utf-8'): FastifyReply {
  return reply.header('content-type', type).header('x-content-type-options', 'nosniff').send(text)
}
