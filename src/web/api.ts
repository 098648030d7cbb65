import type { Role } from '../domain/tenancy/tenancy.js'

/** An organization the user belongs to. */
export interface MyOrganization {
  readonly id: string
  readonly slug: string
  readonly name: string
  readonly kind: 'manufacturer' | 'hdo' | 'researcher' | 'regulator'
  readonly role: Role
}

/** The logged-in session as the API returns it. */
export interface Session {
  readonly user: { readonly id: string; readonly email: string; readonly name: string }
  readonly organizations: readonly MyOrganization[]
  readonly csrfToken: string
}

/** An error answered by the API, with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

let csrfToken = ''

/** Remembers the CSRF token that writes must carry. */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** Calls the API; JSON in and out, the CSRF header on writes, errors thrown as {@link ApiError}. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  if (response.status === 204) return undefined as T
  const payload = (await response.json().catch(() => ({}))) as { error?: { code: string; message: string; details?: unknown } }
  if (!response.ok) {
    const error = payload.error ?? { code: 'http_error', message: `HTTP ${response.status}` }
    throw new ApiError(response.status, error.code, error.message, error.details)
  }
  return payload as T
}
