// security.txt (RFC 9116): generation of a file from fields, and a validator for the rules of the RFC (required and
// single-occurrence fields, URI schemes, the Expires date and its freshness), plus the CSAF line of CSAF 2.0 §7.1.8.

/** The fields of a security.txt file; each list keeps the order of preference. */
export interface SecurityTxtFields {
  readonly contact: readonly string[]
  /** RFC 3339 date-time, e.g. 2026-12-31T23:59:59.000Z. */
  readonly expires: string
  readonly encryption?: readonly string[]
  readonly acknowledgments?: readonly string[]
  readonly preferredLanguages?: readonly string[]
  readonly canonical?: readonly string[]
  readonly policy?: readonly string[]
  readonly hiring?: readonly string[]
  readonly csaf?: readonly string[]
}

/** Writes a security.txt file (LF line ends, fields in the RFC's order, comments first). */
export function renderSecurityTxt(fields: SecurityTxtFields, comments: readonly string[] = []): string {
  const lines: string[] = comments.map((c) => `# ${c.replace(/[\r\n]+/g, ' ')}`)
  const add = (name: string, values: readonly string[] | undefined) => {
    for (const value of values ?? []) lines.push(`${name}: ${value.replace(/[\r\n]+/g, ' ').trim()}`)
  }
  add('Contact', fields.contact)
  add('Expires', [fields.expires])
  add('Encryption', fields.encryption)
  add('Acknowledgments', fields.acknowledgments)
  if (fields.preferredLanguages && fields.preferredLanguages.length > 0) add('Preferred-Languages', [fields.preferredLanguages.join(', ')])
  add('Canonical', fields.canonical)
  add('Policy', fields.policy)
  add('Hiring', fields.hiring)
  add('CSAF', fields.csaf)
  return lines.join('\n') + '\n'
}

/** An Expires value `days` after an instant, in the RFC 3339 form the RFC's examples use. */
export function securityTxtExpires(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString()
}

/** One finding of the validator; errors break an RFC 9116 "MUST", warnings a "SHOULD" or a likely mistake. */
export interface SecurityTxtIssue {
  readonly severity: 'error' | 'warning'
  readonly code: string
  readonly message: string
  /** 1-based line of the (unsigned) content, when the issue belongs to a line. */
  readonly line?: number
}

/** What the validator found: the fields by lower-case name (in order) and every issue. */
export interface SecurityTxtReport {
  readonly valid: boolean
  readonly signed: boolean
  readonly fields: Readonly<Record<string, readonly string[]>>
  readonly issues: readonly SecurityTxtIssue[]
}

/** Options of the validator. */
export interface SecurityTxtValidationOptions {
  /** The current instant (ISO 8601); Expires must lie after it. */
  readonly now: string
  /** The URL the file was (or will be) served from; it should be listed in Canonical when Canonical is present. */
  readonly location?: string
}

const KNOWN = new Set(['acknowledgments', 'canonical', 'contact', 'encryption', 'expires', 'hiring', 'policy', 'preferred-languages', 'csaf'])
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/

/** Reads an RFC 3339 date-time strictly (real calendar date and time); undefined when it is not one. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text)
  if (!m) return undefined
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number]
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > lastDay) return undefined
  const time = Date.parse(text.toUpperCase())
  return Number.isNaN(time) ? undefined : time
}

/** Strips an OpenPGP cleartext signature frame (RFC 4880 §7), undoing dash-escaping; undefined if malformed. */
function unsign(text: string): string | undefined {
  const lines = text.split(/\r?\n/)
  let i = 1
  while (i < lines.length && lines[i]!.trim() !== '') i += 1 // armor headers such as "Hash: SHA512"
  const end = lines.indexOf('-----BEGIN PGP SIGNATURE-----')
  if (i >= lines.length || end < 0 || end < i) return undefined
  return lines.slice(i + 1, end).map((l) => (l.startsWith('- ') ? l.slice(2) : l)).join('\n')
}

/** Validates a security.txt file against RFC 9116 (and the CSAF field), never throwing on any input. */
export function validateSecurityTxt(text: string, options: SecurityTxtValidationOptions): SecurityTxtReport {
  const issues: SecurityTxtIssue[] = []
  const fields: Record<string, string[]> = {}
  const lineOf: Record<string, number[]> = {}
  const error = (code: string, message: string, line?: number) => issues.push(line === undefined ? { severity: 'error', code, message } : { severity: 'error', code, message, line })
  const warn = (code: string, message: string, line?: number) => issues.push(line === undefined ? { severity: 'warning', code, message } : { severity: 'warning', code, message, line })

  let content = text.startsWith('\uFEFF') ? text.slice(1) : text
  const signed = content.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')
  if (signed) {
    const inner = unsign(content)
    if (inner === undefined) {
      error('signature_malformed', 'the file starts an OpenPGP cleartext signature but its frame is incomplete')
      return { valid: false, signed, fields, issues }
    }
    content = inner
  }
  if (content.length > 0 && !content.endsWith('\n')) warn('missing_final_newline', 'every line, the last included, must end with a line feed')

  const lines = content.split('\n').map((l) => l.replace(/\r$/, ''))
  lines.forEach((raw, index) => {
    const line = index + 1
    if (raw.trim() === '' || raw.startsWith('#')) return
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):[ \t]*(.*?)[ \t]*$/.exec(raw)
    if (!match) return void error('line_malformed', `line ${line} is neither a comment nor "Field: value"`, line)
    const name = match[1]!.toLowerCase()
    const value = match[2]!
    if (value === '') return void error('value_empty', `${match[1]} has no value`, line)
    if (!KNOWN.has(name)) warn('field_unknown', `${match[1]} is not an RFC 9116 field (readers ignore it)`, line)
    ;(fields[name] ??= []).push(value)
    ;(lineOf[name] ??= []).push(line)
  })

  const values = (name: string) => fields[name] ?? []
  const checkUris = (name: string, label: string, schemes: readonly string[]) => {
    values(name).forEach((value, i) => {
      const line = lineOf[name]![i]
      if (!URI.test(value)) return void error('uri_invalid', `${label} must be a URI, not ${JSON.stringify(value)}`, line)
      const scheme = value.slice(0, value.indexOf(':')).toLowerCase()
      if (scheme === 'http') return void error('uri_insecure', `${label} must use https:// for a web URI`, line)
      if (!schemes.includes(scheme)) error('uri_scheme', `${label} must use ${schemes.join(', ')}, not ${scheme}:`, line)
    })
  }

  if (values('contact').length === 0) error('contact_missing', 'Contact is required (at least one)')
  checkUris('contact', 'Contact', ['mailto', 'https', 'tel'])

  const expires = values('expires')
  if (expires.length === 0) error('expires_missing', 'Expires is required')
  if (expires.length > 1) error('expires_repeated', 'Expires must appear only once', lineOf.expires![1])
  if (expires.length >= 1) {
    const at = parseRfc3339(expires[0]!)
    const now = Date.parse(options.now)
    if (at === undefined) error('expires_invalid', `Expires must be an RFC 3339 date-time such as 2026-12-31T23:59:59Z, not ${JSON.stringify(expires[0])}`, lineOf.expires![0])
    else if (!Number.isNaN(now) && at <= now) error('expires_past', `the file expired at ${expires[0]}; readers must treat it as stale`, lineOf.expires![0])
    else if (!Number.isNaN(now) && at - now > 366 * 86_400_000) warn('expires_far', 'Expires should be less than a year ahead', lineOf.expires![0])
  }

  checkUris('encryption', 'Encryption', ['https', 'dns', 'openpgp4fpr'])
  checkUris('acknowledgments', 'Acknowledgments', ['https'])
  checkUris('canonical', 'Canonical', ['https'])
  checkUris('policy', 'Policy', ['https'])
  checkUris('hiring', 'Hiring', ['https'])
  checkUris('csaf', 'CSAF', ['https'])
  values('csaf').forEach((value, i) => {
    if (!/\/provider-metadata\.json$/.test(value)) error('csaf_not_provider_metadata', 'CSAF must point at a provider-metadata.json', lineOf.csaf![i])
  })

  const languages = values('preferred-languages')
  if (languages.length > 1) error('preferred_languages_repeated', 'Preferred-Languages must appear only once', lineOf['preferred-languages']![1])
  if (languages.length >= 1) {
    for (const tag of languages[0]!.split(',').map((t) => t.trim())) {
      if (!LANGUAGE_TAG.test(tag)) error('language_tag_invalid', `${JSON.stringify(tag)} is not a language tag (RFC 5646)`, lineOf['preferred-languages']![0])
    }
  }

  const canonical = values('canonical')
  if (options.location !== undefined && canonical.length > 0 && !canonical.includes(options.location)) {
    warn('canonical_mismatch', `the file is served from ${options.location}, which is not among its Canonical URIs`)
  }
  if (!signed) warn('unsigned', 'the file is not signed with OpenPGP (recommended, not required)')
  return { valid: !issues.some((i) => i.severity === 'error'), signed, fields, issues }
}
