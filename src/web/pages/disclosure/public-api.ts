import { ApiError } from '../../api.js'

/** The header carrying the reporter's secret. */
export const PORTAL_TOKEN_HEADER = 'x-portal-token'

/**
 * Calls a public API route without cookies (a logged-in staff member filing a report stays anonymous, and no
 * CSRF token is needed); the reporter's secret, when given, travels in a header, never in the URL.
 */
export async function publicApi<T>(method: string, path: string, body?: unknown, portalToken?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (portalToken) headers[PORTAL_TOKEN_HEADER] = portalToken
  const response = await fetch(path, { method, headers, credentials: 'omit', body: body === undefined ? undefined : JSON.stringify(body) })
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: unknown } }
  if (!response.ok) {
    const error = payload.error ?? { code: 'http_error', message: `HTTP ${response.status}` }
    throw new ApiError(response.status, error.code, error.message, error.details)
  }
  return payload as T
}

/** A file ready for the API: its name and base64 content. */
export interface UploadFile {
  readonly filename: string
  readonly contentBase64: string
}

/** Encodes bytes as base64 in chunks (large files would overflow String.fromCharCode's arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** Reads chosen files for upload. */
export async function readFiles(files: readonly File[]): Promise<UploadFile[]> {
  return Promise.all(files.map(async (f) => ({ filename: f.name, contentBase64: toBase64(new Uint8Array(await f.arrayBuffer())) })))
}

/** Saves a response body as a file (the server sends attachments as downloads only). */
export async function downloadWithToken(path: string, filename: string, portalToken: string): Promise<void> {
  const response = await fetch(path, { headers: { [PORTAL_TOKEN_HEADER]: portalToken }, credentials: 'omit' })
  if (!response.ok) throw new Error(`download failed (HTTP ${response.status})`)
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.click()
  URL.revokeObjectURL(url)
}

/** Encrypts a text to an armored OpenPGP key (openpgp is loaded only when a reporter asks for encryption). */
export async function encryptText(text: string, armoredKey: string): Promise<string> {
  const openpgp = await import('openpgp')
  const key = await openpgp.readKey({ armoredKey })
  return (await openpgp.encrypt({ message: await openpgp.createMessage({ text }), encryptionKeys: key })) as string
}

/** Encrypts a file to an armored OpenPGP message named `<name>.asc`. */
export async function encryptFile(file: UploadFile, armoredKey: string): Promise<UploadFile> {
  const openpgp = await import('openpgp')
  const key = await openpgp.readKey({ armoredKey })
  const binary = Uint8Array.from(atob(file.contentBase64), (c) => c.charCodeAt(0))
  const armored = (await openpgp.encrypt({ message: await openpgp.createMessage({ binary, filename: file.filename }), encryptionKeys: key })) as string
  return { filename: `${file.filename}.asc`, contentBase64: toBase64(new TextEncoder().encode(armored)) }
}

/** The largest attachment the server accepts, checked before upload. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024
