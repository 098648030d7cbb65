import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { ApiError } from '../../api.js'
import { navigate } from '../../router.js'
import { encryptFile, encryptText, MAX_FILE_BYTES, publicApi, readFiles } from './public-api.js'
import './disclosure.css'

interface CatalogueVersion {
  readonly id: string
  readonly productId: string
  readonly productName: string
  readonly version: string
}

interface PublicProgramme {
  readonly slug: string
  readonly name: string
  readonly intakeOpen: boolean
  readonly policyUrl: string | null
  readonly pgpPublicKey: string | null
  readonly pgpFingerprint: string | null
  readonly acknowledgeBusinessDays: number
  readonly catalogue: readonly CatalogueVersion[]
}

interface Receipt {
  readonly reference: string
  readonly portalToken: string
  readonly portalPath: string
}

const OTHER = 'other'

/** The public report form of a manufacturer: no account needed; answers a case reference and a secret portal link. */
export function ReportPage({ slug }: { slug: string }) {
  const [programme, setProgramme] = useState<PublicProgramme | null>(null)
  const [loadError, setLoadError] = useState('')
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [productId, setProductId] = useState('')
  const [versionId, setVersionId] = useState('')
  const [productText, setProductText] = useState('')
  const [versionText, setVersionText] = useState('')
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [wantsCredit, setWantsCredit] = useState(false)
  const [creditName, setCreditName] = useState('')
  const [encrypt, setEncrypt] = useState(false)
  const [files, setFiles] = useState<File[]>([])
  const [trap, setTrap] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [receipt, setReceipt] = useState<Receipt | null>(null)

  useEffect(() => {
    publicApi<PublicProgramme>('GET', `/api/public/disclosure/${encodeURIComponent(slug)}`)
      .then(setProgramme)
      .catch((e: unknown) => setLoadError(e instanceof ApiError ? e.message : String(e)))
  }, [slug])

  const products = useMemo(() => {
    const byId = new Map<string, string>()
    for (const v of programme?.catalogue ?? []) byId.set(v.productId, v.productName)
    return [...byId.entries()]
  }, [programme])
  const versions = (programme?.catalogue ?? []).filter((v) => v.productId === productId)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!programme) return
    setError('')
    const tooBig = files.find((f) => f.size > MAX_FILE_BYTES)
    if (tooBig) return setError(`${tooBig.name} is larger than 2 MiB`)
    if (files.length > 3) return setError('attach at most 3 files')
    setBusy(true)
    try {
      let attachments = await readFiles(files)
      let body = description
      const key = encrypt ? programme.pgpPublicKey : null
      if (key) {
        body = await encryptText(description, key)
        attachments = await Promise.all(attachments.map((a) => encryptFile(a, key)))
      }
      const sent = await publicApi<Receipt>('POST', `/api/public/disclosure/${encodeURIComponent(slug)}/reports`, {
        title,
        description: body,
        encrypted: key !== null,
        ...(productId && productId !== OTHER && versionId ? { productVersionId: versionId } : {}),
        ...(productId === OTHER ? { productText, versionText } : {}),
        reporterName: name,
        reporterEmail: email,
        wantsCredit,
        creditName,
        attachments,
        website: trap,
      })
      setReceipt(sent)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  if (loadError) return <PublicShell title="Report a vulnerability"><p className="error" role="alert">{loadError}</p></PublicShell>
  if (!programme) return <PublicShell title="Report a vulnerability"><p>Loading…</p></PublicShell>
  if (receipt) {
    const link = `${window.location.origin}${receipt.portalPath}`
    return (
      <PublicShell title={`Report received: ${receipt.reference}`}>
        <div className="card" role="status">
          <p>
            Thank you. {programme.name} aims to acknowledge reports within {programme.acknowledgeBusinessDays} business days. Your case reference is <strong>{receipt.reference}</strong>.
          </p>
          <p>
            <strong>Save this secret link now.</strong> It is the only way to follow the case, read replies and send more information; it is shown once and cannot be recovered.
          </p>
          <p className="cvd-secret" aria-label="Secret portal link">{link}</p>
          <button type="button" onClick={() => navigate(receipt.portalPath)}>
            Open the reporter portal
          </button>
        </div>
      </PublicShell>
    )
  }
  return (
    <PublicShell title={`Report a vulnerability to ${programme.name}`}>
      {!programme.intakeOpen && <p className="error">{programme.name} does not take reports here at the moment.</p>}
      <p className="muted">
        No account is needed. Reports are handled under ISO/IEC 29147 and 30111.{' '}
        {programme.policyUrl && (
          <a href={programme.policyUrl} rel="noopener noreferrer">
            Read the disclosure policy
          </a>
        )}
      </p>
      <form className="cvd-form" onSubmit={submit}>
        <label>
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        </label>
        <label>
          Description (steps to reproduce, impact)
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} required maxLength={100_000} />
        </label>
        <fieldset>
          <legend>Affected product</legend>
          <label>
            Product
            <select aria-label="Product" value={productId} onChange={(e) => (setProductId(e.target.value), setVersionId(''))}>
              <option value="">Not sure</option>
              {products.map(([id, productName]) => (
                <option key={id} value={id}>
                  {productName}
                </option>
              ))}
              <option value={OTHER}>Other (not listed)</option>
            </select>
          </label>
          {productId && productId !== OTHER && (
            <label>
              Version
              <select aria-label="Version" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
                <option value="">Not sure</option>
                {versions.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.version}
                  </option>
                ))}
              </select>
            </label>
          )}
          {productId === OTHER && (
            <>
              <label>
                Product name
                <input value={productText} onChange={(e) => setProductText(e.target.value)} maxLength={200} />
              </label>
              <label>
                Version
                <input value={versionText} onChange={(e) => setVersionText(e.target.value)} maxLength={100} />
              </label>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>About you (optional)</legend>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="name" />
          </label>
          <label>
            E-mail
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={200} autoComplete="email" />
          </label>
          <label className="cvd-check">
            <input type="checkbox" checked={wantsCredit} onChange={(e) => setWantsCredit(e.target.checked)} />
            Credit me publicly when the advisory is published
          </label>
          {wantsCredit && (
            <label>
              Name to credit (leave empty to use your name)
              <input value={creditName} onChange={(e) => setCreditName(e.target.value)} maxLength={200} />
            </label>
          )}
        </fieldset>
        <label>
          Attachments (up to 3 files of 2 MiB: txt, log, md, csv, json, pdf, png, jpg, asc, gpg, zip)
          <input type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} accept=".txt,.log,.md,.csv,.json,.pdf,.png,.jpg,.jpeg,.asc,.gpg,.pgp,.zip" />
        </label>
        {programme.pgpPublicKey && (
          <label className="cvd-check">
            <input type="checkbox" checked={encrypt} onChange={(e) => setEncrypt(e.target.checked)} />
            Encrypt the description and files in this browser to {programme.name}'s OpenPGP key ({programme.pgpFingerprint})
          </label>
        )}
        <div className="cvd-trap" aria-hidden="true">
          <label>
            Website (leave empty)
            <input tabIndex={-1} autoComplete="off" value={trap} onChange={(e) => setTrap(e.target.value)} name="website" />
          </label>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" disabled={busy || !programme.intakeOpen}>
            {busy ? 'Sending…' : 'Send report'}
          </button>
        </div>
      </form>
    </PublicShell>
  )
}

/** The frame of the public pages (no navigation, no account). */
export function PublicShell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="cvd-public">
      <header>
        <span className="brand">medsec</span>
        <span className="muted">coordinated vulnerability disclosure</span>
      </header>
      <h1>{title}</h1>
      {children}
    </div>
  )
}
