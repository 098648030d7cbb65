import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import type { PurlTypeDefinition } from './type-definition.js'
import { purlTypeDefinitions } from './type-definitions.generated.js'

/** A package URL split into its decoded components (ECMA-427); absent components are null. */
export interface PackageUrl {
  readonly type: string
  readonly namespace: string | null
  readonly name: string
  readonly version: string | null
  readonly qualifiers: Readonly<Record<string, string>> | null
  readonly subpath: string | null
}

/** Decoded components as a caller supplies them to build a purl; every field may be missing. */
export interface PackageUrlInput {
  readonly type?: string | null
  readonly namespace?: string | null
  readonly name?: string | null
  readonly version?: string | null
  readonly qualifiers?: Readonly<Record<string, string | null | undefined>> | null
  readonly subpath?: string | null
}

const definitionsByType = new Map(purlTypeDefinitions.map((d) => [d.type, d]))
const typePattern = /^[a-z.+-][a-z0-9.+-]*$/
const qualifierKeyPattern = /^[a-z.\-_][a-z0-9.\-_]*$/

/** Parses a purl string into canonical decoded components, applying the type's normalisation and checks. */
export function parsePurl(text: string): Result<PackageUrl> {
  if (typeof text !== 'string' || text.length === 0) return fail(problem('purl_empty', 'the purl is empty'))
  let rest = text
  let subpath: string | null = null
  const hash = rest.indexOf('#')
  if (hash >= 0) {
    const decoded = decodeSegments(rest.slice(hash + 1))
    if (!decoded.ok) return decoded
    subpath = decoded.value
    rest = rest.slice(0, hash)
  }
  let rawQualifiers: Record<string, string> | null = null
  const question = rest.indexOf('?')
  if (question >= 0) {
    const parsed = parseQualifiers(rest.slice(question + 1))
    if (!parsed.ok) return parsed
    rawQualifiers = parsed.value
    rest = rest.slice(0, question)
  }
  const colon = rest.indexOf(':')
  if (colon < 0 || rest.slice(0, colon).toLowerCase() !== 'pkg') {
    return fail(problem('purl_invalid_scheme', "a purl must start with the scheme 'pkg:'"))
  }
  rest = rest.slice(colon + 1).replace(/^\/+/, '')
  const slash = rest.indexOf('/')
  if (slash < 0) return fail(problem('purl_missing_name', 'a purl needs a type and a name separated by /'))
  const type = rest.slice(0, slash).toLowerCase()
  rest = rest.slice(slash + 1).replace(/\/+$/, '')
  let version: string | null = null
  const at = rest.lastIndexOf('@')
  // An '@' before the last '/' belongs to the namespace (npm scopes), not to a version.
  if (at >= 0 && at > rest.lastIndexOf('/')) {
    const decoded = percentDecode(rest.slice(at + 1))
    if (!decoded.ok) return decoded
    version = decoded.value === '' ? null : decoded.value
    rest = rest.slice(0, at)
  }
  const segments = rest.split('/')
  const last = segments.pop() ?? ''
  // Empty namespace segments are dropped, but an empty name (as in 'ns/@1.0') is an error.
  const decodedSegments: string[] = []
  for (const segment of [...segments.filter((s) => s !== ''), last]) {
    const decoded = percentDecode(segment)
    if (!decoded.ok) return decoded
    decodedSegments.push(decoded.value)
  }
  let name: string | undefined
  let namespace: string | null
  if (type === 'git' && decodedSegments.length > 2) {
    // The git type names a repository by its host (namespace) and its full path on that host (name).
    namespace = decodedSegments[0] ?? null
    name = decodedSegments.slice(1).join('/')
  } else {
    name = decodedSegments.pop()
    if (decodedSegments.some((s) => s.includes('/'))) {
      return fail(problem('purl_invalid_namespace', 'a namespace segment must not contain a decoded /'))
    }
    namespace = decodedSegments.length > 0 ? decodedSegments.join('/') : null
  }
  return buildComponents({ type, namespace, name: name ?? null, version, qualifiers: rawQualifiers, subpath })
}

/** Checks and normalises decoded components (type rules, case, qualifier keys) into a canonical PackageUrl. */
export function buildComponents(input: PackageUrlInput): Result<PackageUrl> {
  const type = (input.type ?? '').toLowerCase()
  if (type === '') return fail(problem('purl_missing_type', 'a purl needs a type'))
  if (!typePattern.test(type)) {
    return fail(problem('purl_invalid_type', `the type '${type}' may hold only ASCII letters, digits, '.', '+' and '-' and must not start with a digit`))
  }
  const definition = definitionsByType.get(type)
  let namespace = input.namespace ?? null
  if (namespace !== null) {
    namespace = namespace.split('/').filter((s) => s !== '').join('/')
    if (namespace === '') namespace = null
  }
  let name = input.name ?? ''
  if (type !== 'git') name = name.replace(/^\/+|\/+$/g, '')
  if (name === '') return fail(problem('purl_missing_name', 'a purl needs a name'))
  let version = input.version ?? null
  if (version === '') version = null
  const qualifiers = normaliseQualifiers(input.qualifiers ?? null)
  if (!qualifiers.ok) return qualifiers
  let subpath = input.subpath ?? null
  if (subpath !== null) {
    subpath = subpath.split('/').filter((s) => s !== '' && s !== '.' && s !== '..').join('/')
    if (subpath === '') subpath = null
  }
  const components = { type, namespace, name, version, qualifiers: qualifiers.value, subpath }
  return definition === undefined ? ok(components) : applyTypeRules(components, definition)
}

/** Builds the canonical purl string from decoded components, or reports why they do not form a valid purl. */
export function buildPurl(input: PackageUrlInput): Result<string> {
  const built = buildComponents(input)
  return built.ok ? ok(formatPurl(built.value)) : built
}

/** Parses a purl string and returns its canonical form. */
export function canonicalizePurl(text: string): Result<string> {
  const parsed = parsePurl(text)
  return parsed.ok ? ok(formatPurl(parsed.value)) : parsed
}

/** Formats already-normalised components as the canonical purl string. */
export function formatPurl(purl: PackageUrl): string {
  let out = 'pkg:' + purl.type + '/'
  if (purl.namespace !== null) out += purl.namespace.split('/').map(percentEncode).join('/') + '/'
  out += purl.type === 'git' ? purl.name.split('/').map(percentEncode).join('/') : percentEncode(purl.name)
  if (purl.version !== null) out += '@' + percentEncode(purl.version)
  if (purl.qualifiers !== null) {
    const keys = Object.keys(purl.qualifiers).sort()
    out += '?' + keys.map((k) => k + '=' + percentEncode(purl.qualifiers?.[k] ?? '')).join('&')
  }
  if (purl.subpath !== null) out += '#' + purl.subpath.split('/').map(percentEncode).join('/')
  return out
}

function applyTypeRules(purl: PackageUrl, definition: PurlTypeDefinition): Result<PackageUrl> {
  const { type } = purl
  let { namespace, name, version } = purl
  if (definition.namespace === 'required' && namespace === null) {
    return fail(problem('purl_missing_namespace', `a ${type} purl needs a namespace`))
  }
  if (definition.namespace === 'prohibited' && namespace !== null) {
    return fail(problem('purl_namespace_prohibited', `a ${type} purl must not have a namespace`))
  }
  if (namespace !== null && definition.namespaceLowercase) namespace = namespace.toLowerCase()
  if (definition.nameLowercase) name = name.toLowerCase()
  if (version !== null && definition.versionLowercase) version = version.toLowerCase()
  name = normaliseName(type, name, purl.qualifiers)
  if (type === 'cpan' && name.includes('::')) {
    return fail(problem('purl_invalid_name', "a cpan distribution name must not contain '::' (use the distribution, not the module)"))
  }
  if (definition.namePattern !== undefined && !new RegExp(definition.namePattern).test(name)) {
    return fail(problem('purl_invalid_name', `the ${type} name '${name}' does not match ${definition.namePattern}`))
  }
  if (version !== null && definition.versionPattern !== undefined && !new RegExp(definition.versionPattern).test(version)) {
    return fail(problem('purl_invalid_version', `the ${type} version '${version}' does not match ${definition.versionPattern}`))
  }
  for (const key of definition.requiredQualifiers) {
    if (purl.qualifiers?.[key] === undefined) {
      return fail(problem('purl_missing_qualifier', `a ${type} purl needs the qualifier '${key}'`))
    }
  }
  return ok({ ...purl, namespace, name, version })
}

function normaliseName(type: string, name: string, qualifiers: Readonly<Record<string, string>> | null): string {
  switch (type) {
    case 'pypi':
      return name.replace(/_/g, '-')
    case 'pub':
      return name.replace(/[^a-z0-9_]/g, '_')
    case 'mlflow':
      // Databricks model names are case-insensitive (lowercased); Azure ML names keep their case.
      return qualifiers?.['repository_url']?.includes('azuredatabricks.net') ? name.toLowerCase() : name
    default:
      return name
  }
}

function parseQualifiers(text: string): Result<Record<string, string> | null> {
  const raw: Record<string, string> = {}
  for (const pair of text.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    if (eq <= 0) continue
    const key = pair.slice(0, eq).toLowerCase()
    const value = percentDecode(pair.slice(eq + 1))
    if (!value.ok) return value
    if (Object.hasOwn(raw, key)) return fail(problem('purl_duplicate_qualifier', `the qualifier '${key}' appears twice`))
    raw[key] = value.value
  }
  return ok(raw)
}

function normaliseQualifiers(
  input: Readonly<Record<string, string | null | undefined>> | null,
): Result<Readonly<Record<string, string>> | null> {
  if (input === null) return ok(null)
  const out: Record<string, string> = {}
  for (const [rawKey, value] of Object.entries(input)) {
    const key = rawKey.toLowerCase()
    if (!qualifierKeyPattern.test(key)) {
      return fail(problem('purl_invalid_qualifier_key', `the qualifier key '${rawKey}' may hold only ASCII letters, digits, '.', '-' and '_'`))
    }
    if (value === null || value === undefined || value === '') continue
    out[key] = value
  }
  return ok(Object.keys(out).length > 0 ? out : null)
}

// Decodes a subpath: empty, '.' and '..' segments are dropped.
function decodeSegments(text: string): Result<string | null> {
  const segments: string[] = []
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') continue
    const decoded = percentDecode(segment)
    if (!decoded.ok) return decoded
    if (decoded.value === '.' || decoded.value === '..') continue
    segments.push(decoded.value)
  }
  return ok(segments.length > 0 ? segments.join('/') : null)
}

/** Percent-decodes a purl component; malformed escapes are an error rather than passed through. */
export function percentDecode(text: string): Result<string> {
  if (!text.includes('%')) return ok(text)
  try {
    return ok(decodeURIComponent(text))
  } catch {
    return fail(problem('purl_invalid_percent_encoding', `'${text}' holds a malformed percent-encoding`))
  }
}

/** Percent-encodes a purl component: everything but ASCII letters, digits, '.', '-', '_', '~' and ':'. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/%3A/g, ':').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}
