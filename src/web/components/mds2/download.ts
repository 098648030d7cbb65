import { api, ApiError, type Session } from '../../api.js'

/**
 * Downloads a file answered to a POST (e.g. a comparison export): the request carries the session's CSRF token, the
 * answer is saved under the name the server gives.
 */
export async function downloadFromPost(path: string, body: unknown): Promise<void> {
  const session = await api<Session>('GET', '/api/auth/session')
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  })
  if (!response.ok) {
    const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string } }
    throw new ApiError(response.status, payload.error?.code ?? 'http_error', payload.error?.message ?? `HTTP ${response.status}`)
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download'
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A readable message from anything thrown by an API call. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error)
}
