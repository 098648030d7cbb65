import { createMessage, decryptKey, generateKey, readKey, readPrivateKey, readSignature, sign, verify } from 'openpgp'

/** A freshly generated OpenPGP key pair, armored. */
export interface GeneratedKey {
  readonly fingerprint: string
  readonly publicKey: string
  readonly privateKey: string
}

/** Generates an Ed25519/Curve25519 (v4, widely supported) OpenPGP signing key without passphrase. */
export async function generateSigningKey(name: string, email: string): Promise<GeneratedKey> {
  const { privateKey, publicKey } = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name, email }], format: 'armored' })
  const key = await readKey({ armoredKey: publicKey })
  return { fingerprint: key.getFingerprint().toUpperCase(), publicKey, privateKey }
}

/** An armored detached signature of the bytes. */
export async function signDetached(armoredPrivateKey: string, bytes: Uint8Array): Promise<string> {
  const signingKey = await readPrivateKey({ armoredKey: armoredPrivateKey })
  const unlocked = signingKey.isDecrypted() ? signingKey : await decryptKey({ privateKey: signingKey, passphrase: '' })
  return sign({ message: await createMessage({ binary: bytes }), signingKeys: unlocked, detached: true, format: 'armored' })
}

/** Whether an armored detached signature of the bytes verifies with one of the armored public keys; never throws. */
export async function verifyDetached(armoredPublicKeys: readonly string[], bytes: Uint8Array, armoredSignature: string): Promise<boolean> {
  try {
    const verificationKeys = await Promise.all(armoredPublicKeys.map((armoredKey) => readKey({ armoredKey })))
    const result = await verify({ message: await createMessage({ binary: bytes }), signature: await readSignature({ armoredSignature }), verificationKeys })
    if (result.signatures.length === 0) return false
    for (const signature of result.signatures) await signature.verified
    return true
  } catch {
    return false
  }
}

/** The fingerprint (upper-case hex) of an armored public key, or undefined when it is not one. */
export async function fingerprintOf(armoredKey: string): Promise<string | undefined> {
  try {
    return (await readKey({ armoredKey })).getFingerprint().toUpperCase()
  } catch {
    return undefined
  }
}
