import { createHash, randomBytes } from 'node:crypto'

/** A new random secret, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** The SHA-256 (hex) under which a secret is stored; the secret itself never is. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** The prefix that marks medsec API tokens, so that they are recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'msk_'
