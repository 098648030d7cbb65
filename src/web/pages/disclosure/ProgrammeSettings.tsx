import { useEffect, useState, type FormEvent } from 'react'
import { api, ApiError, type MyOrganization } from '../../api.js'
import { useApi } from '../../useApi.js'

interface ClockPolicy {
  acknowledgeBusinessDays: number
  triageBusinessDays: number
  remediateCalendarDays: number
  uncontrolledCommunicateCalendarDays: number
  uncontrolledRemediateCalendarDays: number
  warnBusinessDays: number
  holidays: string[]
}

interface Settings {
  intakeOpen: boolean
  catalogueTlp: 'CLEAR' | 'GREEN'
  contactEmail: string | null
  websiteUrl: string | null
  policyUrl: string | null
  acknowledgmentsUrl: string | null
  hiringUrl: string | null
  preferredLanguages: string[]
  clockPolicy: ClockPolicy
  pgpFingerprint: string | null
}

interface Generated {
  text: string
  report: { valid: boolean; issues: { severity: string; code: string; message: string }[] }
}

const CLOCK_FIELDS: readonly [keyof Omit<ClockPolicy, 'holidays'>, string][] = [
  ['acknowledgeBusinessDays', 'Acknowledge within (business days)'],
  ['triageBusinessDays', 'Triage within (business days)'],
  ['remediateCalendarDays', 'Remediate within (calendar days)'],
  ['uncontrolledCommunicateCalendarDays', 'FDA uncontrolled: communicate within (days)'],
  ['uncontrolledRemediateCalendarDays', 'FDA uncontrolled: fix within (days)'],
  ['warnBusinessDays', 'Warn before due (business days)'],
]

/** A manufacturer's programme settings, OpenPGP key and the security.txt for its own web site. */
export function ProgrammeSettings({ org }: { org: MyOrganization }) {
  const settings = useApi<Settings>(`/api/orgs/${org.id}/disclosure/programme`)
  const generated = useApi<Generated>(`/api/orgs/${org.id}/disclosure/security-txt?target=website`)
  const [form, setForm] = useState<Settings | null>(null)
  const [holidays, setHolidays] = useState('')
  const [key, setKey] = useState('')
  const [message, setMessage] = useState('')
  const [error, setError] = useState('')
  const admin = org.role === 'admin'

  useEffect(() => {
    if (settings.data) {
      setForm(settings.data)
      setHolidays(settings.data.clockPolicy.holidays.join('\n'))
    }
  }, [settings.data])

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError('')
    setMessage('')
    try {
      await action()
      setMessage(done)
      settings.reload()
      generated.reload()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e))
    }
  }
  const save = (event: FormEvent) => {
    event.preventDefault()
    if (!form) return
    const { pgpFingerprint: _fingerprint, ...rest } = form
    void run(
      () =>
        api('PUT', `/api/orgs/${org.id}/disclosure/programme`, {
          ...rest,
          clockPolicy: { ...form.clockPolicy, holidays: holidays.split(/[\s,]+/).filter((h) => h !== '') },
        }),
      'Programme saved.',
    )
  }
  const text = (field: 'contactEmail' | 'websiteUrl' | 'policyUrl' | 'acknowledgmentsUrl' | 'hiringUrl', label: string) => (
    <label>
      {label}
      <input value={form?.[field] ?? ''} disabled={!admin} onChange={(e) => form && setForm({ ...form, [field]: e.target.value || null })} />
    </label>
  )

  return (
    <div className="cvd-grid">
      <form className="card cvd-form" onSubmit={save} aria-label="Programme settings">
        <h2>Programme</h2>
        {!admin && <p className="muted">Only admins change the programme.</p>}
        {form && (
          <>
            <label className="cvd-check">
              <input type="checkbox" checked={form.intakeOpen} disabled={!admin} onChange={(e) => setForm({ ...form, intakeOpen: e.target.checked })} /> Accept reports through the public form
            </label>
            <label>
              Products offered in the public report form
              <select aria-label="Products offered in the public report form" value={form.catalogueTlp} disabled={!admin} onChange={(e) => setForm({ ...form, catalogueTlp: e.target.value === 'CLEAR' ? 'CLEAR' : 'GREEN' })}>
                <option value="GREEN">TLP:CLEAR and TLP:GREEN products</option>
                <option value="CLEAR">TLP:CLEAR products only</option>
              </select>
            </label>
            {text('contactEmail', 'Security contact e-mail (optional)')}
            {text('websiteUrl', 'Your web site (https://…), for its own security.txt')}
            {text('policyUrl', 'Disclosure policy URL')}
            {text('acknowledgmentsUrl', 'Acknowledgments page (default: hosted here)')}
            {text('hiringUrl', 'Security jobs URL')}
            <label>
              Preferred languages (comma-separated)
              <input value={form.preferredLanguages.join(', ')} disabled={!admin} onChange={(e) => setForm({ ...form, preferredLanguages: e.target.value.split(',').map((l) => l.trim()) })} />
            </label>
            <fieldset>
              <legend>Clocks</legend>
              {CLOCK_FIELDS.map(([field, label]) => (
                <label key={field}>
                  {label}
                  <input type="number" min={0} value={form.clockPolicy[field]} disabled={!admin} onChange={(e) => setForm({ ...form, clockPolicy: { ...form.clockPolicy, [field]: Number(e.target.value) } })} />
                </label>
              ))}
              <label>
                Holidays (YYYY-MM-DD, one per line)
                <textarea value={holidays} disabled={!admin} onChange={(e) => setHolidays(e.target.value)} />
              </label>
            </fieldset>
            {admin && <button type="submit">Save programme</button>}
          </>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        {message && <p className="notice" role="status">{message}</p>}
      </form>
      <div>
        <section className="card cvd-form" aria-label="OpenPGP key">
          <h2>OpenPGP key</h2>
          <p>{settings.data?.pgpFingerprint ? <>Published key: <code>{settings.data.pgpFingerprint}</code></> : 'No key published: reporters cannot encrypt.'}</p>
          {admin && (
            <>
              <label>
                Armored public key
                <textarea value={key} onChange={(e) => setKey(e.target.value)} placeholder="-----BEGIN PGP PUBLIC KEY BLOCK-----" />
              </label>
              <div className="cvd-actions">
                <button type="button" disabled={key.trim() === ''} onClick={() => void run(() => api('PUT', `/api/orgs/${org.id}/disclosure/programme/pgp-key`, { armoredKey: key }), 'Key published.')}>
                  Publish key
                </button>
                {settings.data?.pgpFingerprint && (
                  <button type="button" className="danger" onClick={() => void run(() => api('PUT', `/api/orgs/${org.id}/disclosure/programme/pgp-key`, { armoredKey: null }), 'Key withdrawn.')}>
                    Withdraw key
                  </button>
                )}
              </div>
            </>
          )}
        </section>
        <section className="card" aria-label="security.txt">
          <h2>security.txt for your web site</h2>
          <p className="muted">
            Place this at <code>/.well-known/security.txt</code> on your site (sign it with OpenPGP if you can). The platform also serves one at{' '}
            <a href={`/orgs/${org.slug}/security.txt`}>{`/orgs/${org.slug}/security.txt`}</a>.
          </p>
          {generated.data && (
            <>
              <pre className="cvd-pre">{generated.data.text}</pre>
              <p className={generated.data.report.valid ? 'notice' : 'error'}>{generated.data.report.valid ? 'Valid under RFC 9116.' : 'Not valid under RFC 9116:'}</p>
              <ul className="cvd-issues">
                {generated.data.report.issues.map((i) => (
                  <li key={i.code + i.message} className={i.severity === 'error' ? 'error' : 'muted'}>
                    {i.severity}: {i.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  )
}
