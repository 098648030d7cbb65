import { fail, ok, problem } from '../result.js'
import type { Result } from '../result.js'
import { formatPypi, parsePypi, schemeNameFor } from '../versions/index.js'
import { versFromConstraints } from './vers.js'
import type { Comparator, VersConstraint, VersRange } from './vers.js'

/** The schemes whose native range syntax we convert to vers. */
export const nativeRangeSchemes = ['npm', 'pypi', 'gem', 'nuget', 'maven', 'composer', 'golang', 'conan', 'nginx', 'openssl'] as const

const operatorPattern = /^(>=|<=|!=|==|~>|~=|>|<|=|\^|~)?\s*(.*)$/

function invalid(scheme: string, native: string, why: string): Result<never> {
  return fail(problem('vers_invalid_native_range', `cannot read the ${scheme} range '${native}': ${why}`))
}

function constraint(comparator: Comparator, version: string): VersConstraint {
  return { comparator, version }
}

/** Converts a native range of an ecosystem (OSV name, purl type or vers scheme) into a vers range. */
export function nativeToVers(ecosystem: string, native: string): Result<VersRange> {
  const scheme = schemeNameFor(ecosystem)
  const text = native.trim()
  if (text === '' && scheme !== 'conan') return invalid(scheme, native, 'the range is empty')
  let converted: Result<VersConstraint[] | 'star'>
  switch (scheme) {
    case 'npm':
      converted = npmRange(text)
      break
    case 'golang':
      converted = splitOperators(text, /\|\||\s+/, (v) => coerceSemver(v.replace(/^v/, '')))
      break
    case 'composer':
      converted = splitOperators(text, /\|\||,|\s+/, (v) => coerceSemver(v.replace(/^v(?=\d)/, '')))
      break
    case 'conan':
      converted = conanRange(text)
      break
    case 'gem':
      converted = splitOperators(text, /\|\||,|\s+(?![\d])/, (v) => v)
      break
    case 'pypi':
      converted = pypiRange(text)
      break
    case 'nuget':
    case 'maven':
      converted = intervalRange(scheme, text)
      break
    case 'nginx':
      converted = nginxRange(text)
      break
    case 'openssl':
      converted = ok(text.split(',').map((v) => constraint('=', v.trim())).filter((c) => c.version !== ''))
      break
    default:
      converted = splitOperators(text, /\|\||,|\s+/, (v) => v)
  }
  if (!converted.ok) return invalid(scheme, native, converted.error.message)
  if (converted.value === 'star') return ok({ scheme, star: true, constraints: [] })
  if (converted.value.length === 0) return invalid(scheme, native, 'no constraint found')
  return ok(versFromConstraints(scheme, converted.value))
}

// Glues operators separated from their version by spaces ('>= 1.0' -> '>=1.0') before splitting on whitespace.
function glueOperators(text: string): string {
  return text.replace(/(>=|<=|!=|==|~>|~=|>|<|=|\^|~)\s+/g, '$1')
}

function splitOperators(text: string, separator: RegExp, normalise: (v: string) => string): Result<VersConstraint[] | 'star'> {
  const out: VersConstraint[] = []
  for (const token of glueOperators(text).split(separator)) {
    const t = token.trim()
    if (t === '') continue
    if (t === '*') return ok('star')
    const m = operatorPattern.exec(t)
    const op = m?.[1] ?? ''
    const version = m?.[2]?.trim() ?? ''
    if (version === '') return fail(problem('empty_version', `'${t}' has no version`))
    if (op === '~>') {
      out.push(...pessimistic(version))
      continue
    }
    const comparator: Comparator = op === '' || op === '==' || op === '=' ? '=' : (op as Comparator)
    if (!['=', '!=', '<', '<=', '>', '>='].includes(comparator)) return fail(problem('unsupported_operator', `operator '${op}' is not supported here`))
    out.push(constraint(comparator, normalise(version)))
  }
  return ok(out)
}

/** RubyGems '~> X.Y.Z': at least X.Y.Z and below X.(Y+1). */
function pessimistic(version: string): VersConstraint[] {
  const parts = version.split('.')
  const release = parts.findIndex((p) => !/^\d+$/.test(p))
  const numeric = release === -1 ? parts : parts.slice(0, release)
  const prefix = numeric.length > 1 ? numeric.slice(0, -1) : numeric
  const last = prefix.length - 1
  const upper = prefix.map((p, i) => (i === last ? String(Number(p) + 1) : p)).join('.')
  return [constraint('>=', version), constraint('<', upper)]
}

/**
 * Writes a version as semver-shaped text the way GitLab advisories are converted: leading zeros dropped, missing
 * minor/patch added, a fourth numeric part moved to '+…' and a letter tail to '-…'. For Composer this loses
 * nothing (PHP's version_compare reads '-', '+' and '.' alike); for Go such versions are not module versions anyway.
 */
function coerceSemver(version: string): string {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(version)
  if (m === null) return version
  const number = (n: string | undefined) => (n ?? '0').replace(/^0+(?=\d)/, '')
  const rest = m[4] ?? ''
  const tail = rest === '' ? '' : rest.startsWith('.') ? '+' + rest.slice(1) : rest.startsWith('-') || rest.startsWith('+') ? rest : '-' + rest
  return `${number(m[1])}.${number(m[2])}.${number(m[3])}${tail}`
}

// --- Conan 2 version ranges: space-separated conditions, '||' alternatives, ~ and ^, a trailing '-' to include prereleases ---

function conanUpperBound(version: string, index: number): string {
  const items = version.split('.')
  const kept = items.slice(0, index + 1)
  kept[index] = String(Number(kept[index] ?? 0) + 1)
  return kept.join('.') + '-'
}

function conanRange(text: string): Result<VersConstraint[] | 'star'> {
  // Options after a comma (e.g. 'include_prerelease=True') do not change the bounds.
  const expression = (text.split(',')[0] ?? '').trim()
  const out: VersConstraint[] = []
  for (const token of glueOperators(expression).split(/\|\||\s+/)) {
    const t = token.trim().replace(/-$/, '')
    if (t === '') continue
    if (t === '*') {
      out.push(constraint('>=', '0.0.0'))
      continue
    }
    const m = /^(>=|<=|>|<|=|~|\^)?(.+)$/.exec(t)
    const op = m?.[1] ?? '='
    const version = m?.[2] ?? ''
    if (op === '~' || op === '^') {
      const main = version.split(/[-+]/)[0]?.split('.') ?? []
      const firstNonZero = main.findIndex((x) => x !== '0')
      const index = op === '~' ? (main.length > 1 ? 1 : 0) : firstNonZero === -1 ? main.length : firstNonZero
      out.push(constraint('>=', version), constraint('<', conanUpperBound(version, index)))
      continue
    }
    out.push(constraint(op as Comparator, version))
  }
  if (out.length === 0) out.push(constraint('>=', '0.0.0'))
  return ok(out)
}

// --- npm (node-semver range grammar) ---

interface Partial {
  readonly major: string | null
  readonly minor: string | null
  readonly patch: string | null
  readonly pre: string
}

function parsePartial(text: string): Partial | null {
  const m = /^[=v]*(\*|x|X|\d+)(?:\.(\*|x|X|\d+))?(?:\.(\*|x|X|\d+))?(?:-?([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text)
  if (m === null) return null
  const part = (p: string | undefined) => (p === undefined || p === '*' || p.toLowerCase() === 'x' ? null : p)
  const major = part(m[1])
  const minor = major === null ? null : part(m[2])
  const patch = minor === null ? null : part(m[3])
  return { major, minor, patch, pre: patch === null ? '' : m[4] ?? '' }
}

const full = (p: Partial): string => `${p.major ?? 0}.${p.minor ?? 0}.${p.patch ?? 0}${p.pre !== '' ? '-' + p.pre : ''}`
const inc = (n: string | null): string => String(Number(n ?? 0) + 1)

function npmComparator(op: string, p: Partial): VersConstraint[] | 'star' {
  if (p.major === null) return op === '<' || op === '>' ? [constraint('<', '0.0.0')] : 'star'
  const exact = p.patch !== null
  switch (op) {
    case '^': {
      const lower = constraint('>=', full(p))
      if (p.major !== '0' || p.minor === null) return [lower, constraint('<', `${inc(p.major)}.0.0`)]
      if (p.minor !== '0' || p.patch === null) return [lower, constraint('<', `0.${inc(p.minor)}.0`)]
      return [lower, constraint('<', `0.0.${inc(p.patch)}`)]
    }
    case '~':
      if (p.minor === null) return [constraint('>=', full(p)), constraint('<', `${inc(p.major)}.0.0`)]
      return [constraint('>=', full(p)), constraint('<', `${p.major}.${inc(p.minor)}.0`)]
    case '':
    case '=':
      if (exact) return [constraint('=', full(p))]
      if (p.minor === null) return [constraint('>=', full(p)), constraint('<', `${inc(p.major)}.0.0`)]
      return [constraint('>=', full(p)), constraint('<', `${p.major}.${inc(p.minor)}.0`)]
    case '>':
      if (exact) return [constraint('>', full(p))]
      return [constraint('>=', p.minor === null ? `${inc(p.major)}.0.0` : `${p.major}.${inc(p.minor)}.0`)]
    case '<=':
      if (exact) return [constraint('<=', full(p))]
      return [constraint('<', p.minor === null ? `${inc(p.major)}.0.0` : `${p.major}.${inc(p.minor)}.0`)]
    default:
      return [constraint(op as Comparator, full(p))]
  }
}

function npmRange(text: string): Result<VersConstraint[] | 'star'> {
  const out: VersConstraint[] = []
  for (const alternative of text.split('||')) {
    const set = alternative.trim()
    if (set === '') return ok('star')
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set)
    if (hyphen !== null) {
      const from = parsePartial(hyphen[1] as string)
      const to = parsePartial(hyphen[2] as string)
      if (from === null || to === null) return fail(problem('invalid_version', `'${set}' is not a hyphen range`))
      if (from.major !== null) out.push(constraint('>=', full(from)))
      if (to.major !== null) {
        const upper = npmComparator('<=', to)
        if (upper !== 'star') out.push(...upper)
      }
      continue
    }
    let star = false
    const before = out.length
    for (const token of glueOperators(set).split(/\s+/)) {
      const m = /^(<=|>=|<|>|=|\^|~>?)?(.*)$/.exec(token)
      const op = (m?.[1] ?? '').replace('~>', '~')
      const p = parsePartial(m?.[2] ?? '')
      if (p === null) return fail(problem('invalid_version', `'${token}' is not an npm comparator`))
      const converted = npmComparator(op, p)
      if (converted === 'star') star = true
      else out.push(...converted)
    }
    if (star && out.length === before) return ok('star')
  }
  return ok(out)
}

// --- PyPI (PEP 440 specifiers; GitLab joins alternatives with '||') ---

function pypiRange(text: string): Result<VersConstraint[] | 'star'> {
  const out: VersConstraint[] = []
  for (const token of text.split(/\|\||,/)) {
    const t = token.trim()
    if (t === '') continue
    if (t === '*') return ok('star')
    const m = /^(===|==|!=|~=|<=|>=|<|>)?\s*(.+)$/.exec(t)
    const op = m?.[1] ?? '=='
    const raw = (m?.[2] ?? '').trim()
    if (raw.endsWith('.*') && (op === '==' || op === '!=')) {
      // '== 1.2.*' is the prefix match >=1.2.dev0, <1.3.dev0 (printed without the dev markers).
      const prefix = raw.slice(0, -2).split('.')
      const upper = [...prefix.slice(0, -1), String(Number(prefix[prefix.length - 1]) + 1)].join('.')
      if (op === '!=') return fail(problem('unsupported_operator', "'!=' with a wildcard cannot be expressed in vers"))
      out.push(constraint('>=', prefix.join('.')), constraint('<', upper))
      continue
    }
    const key = parsePypi(raw)
    if (key === null && op !== '===') return fail(problem('invalid_version', `'${raw}' is not a PEP 440 version`))
    const version = key === null ? raw : formatPypi(key)
    if (op === '~=') {
      const release = key?.release ?? []
      if (release.length < 2) return fail(problem('invalid_version', "'~=' needs at least two release parts"))
      const upper = [...release.slice(0, -2), (release[release.length - 2] ?? 0) + 1].join('.')
      out.push(constraint('>=', version), constraint('<', upper))
      continue
    }
    out.push(constraint(op === '==' || op === '===' ? '=' : (op as Comparator), version))
  }
  return ok(out)
}

// --- NuGet and Maven interval notation: [1.0,2.0), (,1.0], [1.0], and a bare '1.0' (NuGet: at least 1.0) ---

function intervalRange(scheme: string, text: string): Result<VersConstraint[] | 'star'> {
  const out: VersConstraint[] = []
  const intervals = text.match(/[[(][^\])]*[\])]/g)
  if (intervals === null) {
    const version = text.trim()
    return ok([constraint(scheme === 'nuget' ? '>=' : '=', version)])
  }
  for (const interval of intervals) {
    const open = interval[0]
    const close = interval[interval.length - 1]
    const inner = interval.slice(1, -1)
    if (!inner.includes(',')) {
      if (open !== '[' || close !== ']') return fail(problem('invalid_interval', `'${interval}' must be written [version]`))
      out.push(constraint('=', inner.trim()))
      continue
    }
    const [lower = '', upper = ''] = inner.split(',').map((s) => s.trim())
    if (lower !== '') out.push(constraint(open === '[' ? '>=' : '>', lower))
    if (upper !== '') out.push(constraint(close === ']' ? '<=' : '<', upper))
    if (lower === '' && upper === '') return ok('star')
  }
  return ok(out)
}

// --- nginx advisories: '0.7.52-0.8.39', '0.8.40+' (up to the next stable branch), exact versions, comma lists ---

function nginxRange(text: string): Result<VersConstraint[] | 'star'> {
  const out: VersConstraint[] = []
  for (const item of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const span = /^(\S+)-(\S+)$/.exec(item)
    if (span !== null) {
      out.push(constraint('>=', span[1] as string), constraint('<=', span[2] as string))
    } else if (item.endsWith('+')) {
      const version = item.slice(0, -1)
      const [major = '0', minor = '0'] = version.split('.')
      out.push(constraint('>=', version))
      // An even minor is a stable branch: a fix there covers that branch only; an odd (mainline) one is open-ended.
      if (Number(minor) % 2 === 0) out.push(constraint('<', `${major}.${Number(minor) + 1}.0`))
    } else out.push(constraint('=', item))
  }
  return ok(out)
}
