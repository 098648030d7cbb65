import { compileVers, parseVers, versFromConstraints } from '../vers/index.js'
import type { VersConstraint } from '../vers/index.js'
import { schemeFor } from '../versions/index.js'

/** What a version text of an advisory says, once read. */
export type VersionStatement =
  | { readonly kind: 'all'; readonly text: string; readonly explanation: string }
  /** A union of vers ranges: a version is in the statement when it lies in any of them. */
  | { readonly kind: 'ranges'; readonly text: string; readonly ranges: readonly string[]; readonly explanation: string }
  | { readonly kind: 'unparsed'; readonly text: string; readonly explanation: string }

/** Where a device's version lies against a statement: inside, outside, or unknown (and why). */
export interface VersionVerdict {
  readonly kind: 'inside' | 'outside' | 'unknown'
  readonly explanation: string
}

// A version as vendors write them: digits with dots ("3.64", "204.3"), or Siemens-like "VA20A", "VE11B", "R4.2".
const VERSION = String.raw`[a-z]{0,3}\d[a-z0-9._+-]*?|[a-z]{1,3}\d+[a-z]?`
const V = `(?:versions? |releases? )?(${VERSION})`
const LOWER_WORDS = String.raw`earlier|prior|before|below|older|lower|previous|preceding`
const UPPER_WORDS = String.raw`later|newer|above|higher|greater|after|subsequent`

function clean(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2264]/g, '<=')
    .replace(/[\u2265]/g, '>=')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,]$/, '')
    .replace(/^(all )?(software )?(versions?|ver\.?|releases?|rev\.?|revisions?|firmware|sw)\s*:?\s+/, '')
    .trim()
}

function isVersion(token: string): boolean {
  return new RegExp(`^(${VERSION})$`).test(token) && /\d/.test(token) && !/\.(x|\*)$/.test(token)
}

function constraint(comparator: VersConstraint['comparator'], version: string): VersConstraint {
  return { comparator, version }
}

// "4.x" / "4.2.*": from 4 (4.2) up to, not including, 5 (4.3).
function wildcard(text: string): VersConstraint[] | null {
  const m = /^(\d+(?:\.\d+)*)\.(?:x|\*)$/.exec(text)
  if (!m) return null
  const parts = m[1]!.split('.').map(Number)
  const next = [...parts.slice(0, -1), parts[parts.length - 1]! + 1]
  return [constraint('>=', parts.join('.')), constraint('<', next.join('.'))]
}

function comparatorOf(op: string): VersConstraint['comparator'] | null {
  if (op === '<=' || op === '=<') return '<='
  if (op === '>=' || op === '=>') return '>='
  if (op === '<' || op === '>') return op
  if (op === '=' || op === '==' || op === '') return '='
  return null
}

// One clause: a comparator expression, a wildcard, a bare version, or a phrase ("prior to 2.3", "VA20A and earlier").
function clause(text: string): { constraints: VersConstraint[]; phrase: string } | null {
  const t = text.trim()
  if (t === '') return null
  const star = wildcard(t)
  if (star) return { constraints: star, phrase: `${t} (every ${t.slice(0, -2)} release)` }
  let m = new RegExp(`^(?:prior to|before|earlier than|older than|lower than|less than|below|up to but not including|up to and not including) ${V}$`).exec(t)
  if (m) return { constraints: [constraint('<', m[1]!)], phrase: `before ${m[1]}` }
  m = new RegExp(`^(?:up to(?: and including)?|through|thru|until|to) ${V}$`).exec(t)
  if (m) return { constraints: [constraint('<=', m[1]!)], phrase: `up to ${m[1]} inclusive` }
  m = new RegExp(`^${V} (?:and|or|&) (?:all )?(?:${LOWER_WORDS})(?: versions?| releases?)?$`).exec(t)
  if (m) return { constraints: [constraint('<=', m[1]!)], phrase: `${m[1]} and earlier` }
  m = new RegExp(`^${V} (?:and|or|&) (?:all )?(?:${UPPER_WORDS})(?: versions?| releases?)?$`).exec(t)
  if (m) return { constraints: [constraint('>=', m[1]!)], phrase: `${m[1]} and later` }
  m = new RegExp(`^(?:since|from|starting (?:with|from|at)) ${V}(?: onwards?| on)?$`).exec(t)
  if (m) return { constraints: [constraint('>=', m[1]!)], phrase: `${m[1]} and later` }
  m = new RegExp(`^${V}(?: onwards?|\\+)$`).exec(t)
  if (m) return { constraints: [constraint('>=', m[1]!)], phrase: `${m[1]} and later` }
  m = new RegExp(`^(?:from |between )?${V} ?(?:through|thru|to|until|up to|and|-) ?${V}(?: inclusive)?$`).exec(t)
  if (m && isVersion(m[1]!) && isVersion(m[2]!)) return { constraints: [constraint('>=', m[1]!), constraint('<=', m[2]!)], phrase: `${m[1]} to ${m[2]} inclusive` }
  // Comparator expressions: ">= 4.4 | <= 4.12", "<=3.64", "> 2.0 and < 3.0", "=3.1".
  const parts = t.split(/\s*(?:\||&&|,| and )\s*/).filter((p) => p !== '')
  const out: VersConstraint[] = []
  for (const part of parts) {
    const c = /^(<=|>=|=<|=>|==|<|>|=)?\s*(\S+)$/.exec(part)
    if (!c || !isVersion(c[2]!)) return null
    const comparator = comparatorOf(c[1] ?? '')
    if (!comparator) return null
    out.push(constraint(comparator, c[2]!))
  }
  if (out.length === 0) return null
  return { constraints: out, phrase: out.map((c) => `${c.comparator === '=' ? '' : c.comparator}${c.version}`).join(' and ') }
}

function asVers(constraints: readonly VersConstraint[]): string | null {
  const lower = constraints.filter((c) => c.comparator === '>=' || c.comparator === '>')
  const upper = constraints.filter((c) => c.comparator === '<=' || c.comparator === '<')
  // Two lower (or two upper) bounds in one clause are not one interval; refuse rather than guess.
  if (lower.length > 1 || upper.length > 1) return null
  if (constraints.some((c) => c.comparator === '=') && constraints.length > 1 && !constraints.every((c) => c.comparator === '=')) return null
  const range = versFromConstraints('generic', constraints)
  const compiled = compileVers(range)
  return compiled.ok ? compiled.value.normalized : null
}

/**
 * Reads an advisory's version text into a statement: a vers string ("vers:generic/>=4.4|<=4.12", "vers:all/*"),
 * comparator expressions ("<=3.64", "< 5.1", ">= 4.4 | <= 4.12"), wildcards ("4.x"), "all versions", and phrases
 * ("prior to 2.3", "versions 1.0 through 1.9", "VA20A and earlier", "3.1, 3.2 and 3.4"). What it cannot read is
 * 'unparsed', never a range, so that no device is called affected on a guess.
 */
export function parseVersionText(text: string): VersionStatement {
  const original = text.trim()
  if (/^vers:/i.test(original)) {
    const parsed = parseVers(original)
    if (!parsed.ok) return { kind: 'unparsed', text: original, explanation: `"${original}" is not a valid vers range (${parsed.error.message})` }
    if (parsed.value.star) return { kind: 'all', text: original, explanation: `${original}: every version` }
    const compiled = compileVers(parsed.value)
    if (!compiled.ok) return { kind: 'unparsed', text: original, explanation: `"${original}": ${compiled.error.message}` }
    return { kind: 'ranges', text: original, ranges: [compiled.value.normalized], explanation: `the vers range ${compiled.value.normalized}` }
  }
  const t = clean(original)
  if (/^(all|any|\*|all versions|any versions?|all releases|all software versions|every version)$/.test(t)) return { kind: 'all', text: original, explanation: `"${original}": every version` }
  if (t === '') return { kind: 'unparsed', text: original, explanation: 'the version text is empty' }
  const whole = clause(t)
  const clauses = whole ? [whole] : t.split(/\s*(?:,|;| or |, and | and )\s*/).filter((c) => c !== '').map(clause)
  if (clauses.length === 0 || clauses.some((c) => c === null)) return { kind: 'unparsed', text: original, explanation: `"${original}" is not a version range we can read` }
  const ranges: string[] = []
  const phrases: string[] = []
  for (const c of clauses as { constraints: VersConstraint[]; phrase: string }[]) {
    const vers = asVers(c.constraints)
    if (!vers) return { kind: 'unparsed', text: original, explanation: `"${original}" does not make one version interval` }
    ranges.push(vers)
    phrases.push(c.phrase)
  }
  return { kind: 'ranges', text: original, ranges, explanation: `"${original}" read as ${phrases.join(' or ')} (${ranges.join(' or ')})` }
}

function firstTokenKind(version: string): 'number' | 'word' | null {
  const key = schemeFor('generic').parse(version) as readonly (string | number)[] | null
  const first = key?.[0]
  return first === undefined ? null : typeof first === 'number' ? 'number' : 'word'
}

function boundsOf(vers: string): string[] {
  const parsed = parseVers(vers)
  return parsed.ok ? parsed.value.constraints.map((c) => c.version) : []
}

/**
 * Places a device's version against a statement. Unknown when the device has no version, the text was not read,
 * or the versions are not of one kind (a "3.1" against "VA20A" cannot be ordered); never a guess.
 */
export function versionVerdict(deviceVersion: string | null | undefined, statement: VersionStatement): VersionVerdict {
  if (statement.kind === 'unparsed') return { kind: 'unknown', explanation: statement.explanation }
  if (statement.kind === 'all') return { kind: 'inside', explanation: `every version is concerned (${statement.text})` }
  const version = deviceVersion?.trim()
  if (!version) return { kind: 'unknown', explanation: `the device has no software version to compare with ${statement.text}` }
  const kind = firstTokenKind(version)
  for (const range of statement.ranges) {
    const scheme = parseVers(range)
    const generic = scheme.ok && scheme.value.scheme === 'generic'
    if (generic && boundsOf(range).some((b) => firstTokenKind(b) !== kind)) {
      return { kind: 'unknown', explanation: `version "${version}" cannot be ordered against ${statement.text}` }
    }
    const parsed = parseVers(range)
    if (!parsed.ok) return { kind: 'unknown', explanation: parsed.error.message }
    const compiled = compileVers(parsed.value)
    if (!compiled.ok) return { kind: 'unknown', explanation: compiled.error.message }
    const inside = compiled.value.contains(version)
    if (!inside.ok) return { kind: 'unknown', explanation: `version "${version}": ${inside.error.message}` }
    if (inside.value) return { kind: 'inside', explanation: `version ${version} is within ${statement.text}` }
  }
  return { kind: 'outside', explanation: `version ${version} is outside ${statement.text}` }
}
