// BCP 47 (RFC 5646) language tags checked against the IANA subtag registry, for CSAF tests 6.1.12, 6.2.14, 6.2.15.
import {
  extlangPrefixes,
  languageSubtags,
  regionSubtags,
  scriptSubtags,
  variantSubtags,
} from './data/language-subtags.js'

// The 26 grandfathered tags, listed by the RFC 5646 grammar itself (irregular and regular).
const grandfatheredTags = [
  'en-gb-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo', 'i-navajo', 'i-pwn',
  'i-tao', 'i-tay', 'i-tsu', 'sgn-be-fr', 'sgn-be-nl', 'sgn-ch-de', 'art-lojban', 'cel-gaulish', 'no-bok', 'no-nyn',
  'zh-guoyu', 'zh-hakka', 'zh-min', 'zh-min-nan', 'zh-xiang',
]

/** A registry list compiled to exact subtags plus alphabetic ranges such as qaa..qtz. */
interface SubtagSet {
  readonly exact: ReadonlySet<string>
  readonly ranges: ReadonlyArray<readonly [string, string]>
}

function compile(list: string): SubtagSet {
  const exact = new Set<string>()
  const ranges: [string, string][] = []
  for (const entry of list.split(' ')) {
    const [from, to] = entry.split('..')
    if (to !== undefined && from !== undefined) ranges.push([from, to])
    else exact.add(entry)
  }
  return { exact, ranges }
}

let registry: { languages: SubtagSet; scripts: SubtagSet; regions: SubtagSet; variants: SubtagSet; extlangs: Map<string, readonly string[]> } | undefined

function lookup() {
  registry ??= {
    languages: compile(languageSubtags),
    scripts: compile(scriptSubtags),
    regions: compile(regionSubtags),
    variants: compile(variantSubtags),
    extlangs: new Map(extlangPrefixes),
  }
  return registry
}

function contains(set: SubtagSet, subtag: string): boolean {
  return set.exact.has(subtag) || set.ranges.some(([from, to]) => subtag.length === from.length && from <= subtag && subtag <= to)
}

/** The parts of a well-formed language tag, lowercase. */
export interface LanguageTag {
  readonly language: string | undefined
  readonly extlangs: readonly string[]
  readonly script: string | undefined
  readonly region: string | undefined
  readonly variants: readonly string[]
  readonly extensions: readonly string[]
  readonly privateUse: readonly string[]
  readonly grandfathered: boolean
}

/** Parses a BCP 47 tag by the RFC 5646 grammar (no registry check); undefined when it is not well formed. */
export function parseLanguageTag(tag: string): LanguageTag | undefined {
  const lower = tag.toLowerCase()
  const empty = { language: undefined, extlangs: [], script: undefined, region: undefined, variants: [], extensions: [], privateUse: [] }
  if (grandfatheredTags.includes(lower)) return { ...empty, grandfathered: true }
  const parts = lower.split('-')
  if (parts.some((p) => !/^[a-z0-9]{1,8}$/.test(p))) return undefined
  let i = 0
  const next = () => parts[i]
  if (next() === 'x') return parts.length > 1 ? { ...empty, privateUse: parts.slice(1), grandfathered: false } : undefined
  const language = next()
  if (language === undefined || !/^[a-z]{2,3}$|^[a-z]{5,8}$/.test(language)) return undefined
  i++
  const extlangs: string[] = []
  while (language.length <= 3 && extlangs.length < 3 && /^[a-z]{3}$/.test(next() ?? '')) extlangs.push(parts[i++] as string)
  let script: string | undefined
  if (/^[a-z]{4}$/.test(next() ?? '')) script = parts[i++]
  let region: string | undefined
  if (/^[a-z]{2}$|^\d{3}$/.test(next() ?? '')) region = parts[i++]
  const variants: string[] = []
  while (/^[a-z0-9]{5,8}$|^\d[a-z0-9]{3}$/.test(next() ?? '')) variants.push(parts[i++] as string)
  const extensions: string[] = []
  while (/^[0-9a-wy-z]$/.test(next() ?? '')) {
    const singleton = parts[i++] as string
    let count = 0
    while (/^[a-z0-9]{2,8}$/.test(next() ?? '')) {
      i++
      count++
    }
    if (count === 0) return undefined
    extensions.push(singleton)
  }
  const privateUse: string[] = []
  if (next() === 'x') {
    i++
    while (i < parts.length) privateUse.push(parts[i++] as string)
    if (privateUse.length === 0) return undefined
  }
  if (i !== parts.length) return undefined
  return { language, extlangs, script, region, variants, extensions, privateUse, grandfathered: false }
}

/** True when the tag is well formed and every subtag is registered (test 6.1.12). */
export function isValidLanguageTag(tag: string): boolean {
  const simple = simpleTagValidity(tag)
  if (simple !== undefined) return simple
  const parsed = parseLanguageTag(tag)
  if (!parsed) return false
  if (parsed.grandfathered || parsed.language === undefined) return true
  const { languages, scripts, regions, variants, extlangs } = lookup()
  if (!contains(languages, parsed.language)) return false
  if (parsed.extlangs.length > 1) return false
  for (const extlang of parsed.extlangs) {
    const prefixes = extlangs.get(extlang)
    if (!prefixes || !prefixes.includes(parsed.language)) return false
  }
  if (parsed.script !== undefined && !contains(scripts, parsed.script)) return false
  if (parsed.region !== undefined && !contains(regions, parsed.region)) return false
  if (!parsed.variants.every((v) => contains(variants, v))) return false
  // Only the registered extensions t (RFC 6497) and u (RFC 6067) exist.
  return parsed.extensions.every((e) => e === 't' || e === 'u')
}

// True for an ASCII letter at `at`.
function isLetter(tag: string, at: number): boolean {
  const code = tag.charCodeAt(at) | 32
  return code >= 97 && code <= 122
}

// The usual tags of CSAF documents ('en', 'de-DE', 'fra'): two or three letters, perhaps a hyphen and two letters.
// For them parseLanguageTag finds a language and perhaps a region and nothing else (no grandfathered tag has this
// shape), so the answer is the registry's for those two subtags, without the parse. Undefined for any other shape.
function simpleTagValidity(tag: string): boolean | undefined {
  const length = tag.length
  const languageLength = length === 2 || length === 3 ? length : length === 5 || length === 6 ? length - 3 : 0
  if (languageLength === 0) return undefined
  for (let at = 0; at < languageLength; at++) if (!isLetter(tag, at)) return undefined
  if (length === languageLength) return contains(lookup().languages, tag.toLowerCase())
  if (tag.charCodeAt(languageLength) !== 45 /* - */ || !isLetter(tag, languageLength + 1) || !isLetter(tag, languageLength + 2)) return undefined
  const lower = tag.toLowerCase()
  const { languages, regions } = lookup()
  return contains(languages, lower.slice(0, languageLength)) && contains(regions, lower.slice(languageLength + 1))
}

/** True when the tag uses a subtag reserved for private use (test 6.2.14). */
export function usesPrivateLanguageSubtag(tag: string): boolean {
  const parsed = parseLanguageTag(tag)
  if (!parsed) return false
  if (parsed.privateUse.length > 0 && parsed.language === undefined) return true
  const language = parsed.language ?? ''
  const script = parsed.script ?? ''
  const region = parsed.region ?? ''
  return (
    (language.length === 3 && language >= 'qaa' && language <= 'qtz') ||
    (script.length === 4 && script >= 'qaaa' && script <= 'qabx') ||
    ['aa', 'zz'].includes(region) ||
    (region.length === 2 && ((region >= 'qm' && region <= 'qz') || (region >= 'xa' && region <= 'xz')))
  )
}
