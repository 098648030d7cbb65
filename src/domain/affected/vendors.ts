/**
 * Vendor names as advisories and hospital inventories spell them: an alias table of the medical-imaging vendors
 * (official names, former names, subsidiaries, common misspellings), a word-prefix rule and a fuzzy fallback whose
 * lower confidence says that it is a guess.
 */

/** How a vendor name was recognised. */
export type VendorVia = 'alias' | 'misspelling' | 'prefix' | 'fuzzy' | 'name'

/** A vendor name resolved to a canonical id, with how sure we are and why. */
export interface VendorIdentity {
  /** The canonical id (e.g. 'ge-healthcare'), or for an unknown vendor its normalised name as a slug. */
  readonly id: string
  readonly via: VendorVia
  readonly confidence: number
  readonly explanation: string
}

/** Whether two vendor names name the same company, with a confidence and an explanation. */
export interface VendorComparison {
  readonly match: boolean
  readonly confidence: number
  readonly explanation: string
}

// Canonical id -> official spellings, former names and subsidiaries (already in normalised form: lower case, words).
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  'ge-healthcare': [
    'ge healthcare', 'ge', 'gehc', 'general electric', 'general electric ge', 'ge medical systems', 'ge medical', 'ge medical systems information technologies',
    'ge healthcare technologies', 'ge precision healthcare', 'ge vingmed ultrasound', 'ge healthcare japan', 'ge hualun medical systems', 'ge ultrasound',
  ],
  philips: ['philips', 'philips healthcare', 'koninklijke philips', 'royal philips', 'philips medical systems', 'philips electronics', 'philips medical', 'philips ultrasound', 'philips north america'],
  'siemens-healthineers': ['siemens healthineers', 'siemens healthcare', 'siemens medical', 'siemens medical solutions', 'siemens medical solutions usa', 'siemens', 'healthineers'],
  'canon-medical': ['canon medical systems', 'canon medical', 'canon', 'canon medical systems usa', 'toshiba medical systems', 'toshiba medical', 'toshiba america medical systems', 'toshiba'],
  fujifilm: ['fujifilm', 'fuji film', 'fujifilm healthcare', 'fujifilm medical systems', 'fujifilm medical systems usa', 'fujifilm sonosite', 'fuji', 'fujifilm holdings', 'fujifilm healthcare americas'],
  carestream: ['carestream', 'carestream health'],
  agfa: ['agfa', 'agfa healthcare', 'agfa gevaert'],
  hologic: ['hologic'],
  'change-healthcare': ['change healthcare'],
  'konica-minolta': ['konica minolta', 'konica minolta healthcare', 'konica minolta healthcare americas'],
  'samsung-medison': ['samsung medison', 'samsung healthcare', 'samsung electronics healthcare'],
  mindray: ['mindray', 'shenzhen mindray bio medical electronics', 'mindray ds usa'],
  esaote: ['esaote'],
  shimadzu: ['shimadzu'],
  hitachi: ['hitachi', 'hitachi medical', 'hitachi healthcare', 'hitachi aloka', 'hitachi aloka medical'],
  varian: ['varian', 'varian medical systems'],
  elekta: ['elekta'],
  sectra: ['sectra'],
  merative: ['merative', 'merge healthcare', 'ibm watson health', 'merge'],
  intelerad: ['intelerad', 'intelerad medical systems'],
  medtronic: ['medtronic'],
  baxter: ['baxter', 'baxter healthcare', 'baxter international'],
  'b-braun': ['b braun', 'b braun melsungen', 'braun'],
  bd: ['bd', 'becton dickinson', 'becton dickinson and', 'becton dickinson and company'],
  draeger: ['draeger', 'drager', 'draegerwerk', 'dragerwerk'],
  'nihon-kohden': ['nihon kohden'],
  'united-imaging': ['united imaging', 'united imaging healthcare', 'shanghai united imaging healthcare'],
}

// Misspellings seen in inventories: recognised, but with a little less confidence than an official spelling.
const MISSPELLINGS: Readonly<Record<string, string>> = {
  phillips: 'philips', philipps: 'philips', phillps: 'philips', phlips: 'philips', 'phillips healthcare': 'philips', 'phillips medical systems': 'philips',
  'siemans': 'siemens-healthineers', 'siemens healthineer': 'siemens-healthineers', 'seimens': 'siemens-healthineers',
  'general electrics': 'ge-healthcare', 'g e healthcare': 'ge-healthcare', 'g e': 'ge-healthcare', 'fujifim': 'fujifilm', 'hollogic': 'hologic', 'carestreem': 'carestream',
}

const LEGAL_FORMS = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'plc', 'gmbh', 'mbh', 'ag', 'kg', 'se', 'sa', 'sas', 'sarl',
  'nv', 'bv', 'spa', 'srl', 'oy', 'ab', 'kk', 'pty', 'pte', 'the', 'usa', 'us', 'america', 'americas',
])

const ALIAS_INDEX: ReadonlyMap<string, string> = new Map(Object.entries(ALIASES).flatMap(([id, names]) => names.map((n) => [n, id] as const)))
// Longest first, so that 'ge healthcare' is tried before 'ge' as a prefix.
const ALIAS_KEYS: readonly string[] = [...ALIAS_INDEX.keys()].sort((a, b) => b.length - a.length)

/** Lower case without accents, trademark signs and punctuation; parenthesised parts and legal forms dropped. */
export function vendorKey(name: string): string {
  const text = name
    .replace(/[\u2122\u00ae\u00a9\u2120]/g, ' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\((tm|r|c)\)/g, ' ')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/\./g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
  const words = text.split(' ').filter((w) => w !== '')
  const kept = words.filter((w) => !LEGAL_FORMS.has(w))
  return (kept.length > 0 ? kept : words).join(' ')
}

/** Damerau-Levenshtein distance (optimal string alignment) of two short strings. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: number[] = new Array<number>(rows * cols).fill(0)
  for (let i = 0; i < rows; i++) d[i * cols] = i
  for (let j = 0; j < cols; j++) d[j] = j
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2]! + 1)
      d[i * cols + j] = best
    }
  }
  return d[rows * cols - 1]!
}

function parenthesised(name: string): string | null {
  const inner = /\(([^)]{2,40})\)/.exec(name)?.[1]
  return inner ? vendorKey(inner) : null
}

// Resolved names, so that matching a fleet resolves each distinct spelling once instead of once per device: an
// inventory names few vendors, but the normalisation and the near-miss search cost more than the rest of a match.
// The answer depends on the name alone; the memo is emptied when full, so odd inputs cannot grow it without bound.
const RESOLVED = new Map<string, VendorIdentity>()
const MAX_RESOLVED = 10_000

/**
 * Resolves a vendor name: an official spelling or former name (confidence 1), a known misspelling (0.95), a longer
 * name that starts with a known one such as "Philips Medical Systems Nederland" (0.9), a parenthesised short form
 * ("General Electric (GE)"), a near miss of one or two letters (0.75), else the normalised name itself (1, but it
 * then only equals the same normalised name). Remembered per distinct name.
 */
export function resolveVendor(name: string): VendorIdentity {
  const known = RESOLVED.get(name)
  if (known) return known
  if (RESOLVED.size >= MAX_RESOLVED) RESOLVED.clear()
  const resolved = Object.freeze(resolveUncached(name))
  RESOLVED.set(name, resolved)
  return resolved
}

function resolveUncached(name: string): VendorIdentity {
  const key = vendorKey(name)
  const known = ALIAS_INDEX.get(key)
  if (known) return { id: known, via: 'alias', confidence: 1, explanation: `"${name}" is a known name of ${known}` }
  const misspelt = MISSPELLINGS[key]
  if (misspelt) return { id: misspelt, via: 'misspelling', confidence: 0.95, explanation: `"${name}" is a known misspelling of ${misspelt}` }
  const short = parenthesised(name)
  const shortId = short ? ALIAS_INDEX.get(short) : undefined
  if (shortId) return { id: shortId, via: 'alias', confidence: 1, explanation: `"${name}" names ${shortId} by its short form` }
  const prefix = ALIAS_KEYS.find((alias) => alias.length >= 4 && key.startsWith(`${alias} `))
  if (prefix) {
    const id = ALIAS_INDEX.get(prefix)!
    return { id, via: 'prefix', confidence: 0.9, explanation: `"${name}" starts with "${prefix}", a name of ${id}` }
  }
  // A near miss only for names long enough that one or two letters cannot make another company.
  if (key.length >= 5) {
    let best: { alias: string; distance: number } | null = null
    for (const alias of [...ALIAS_KEYS, ...Object.keys(MISSPELLINGS)]) {
      if (alias.length < 5 || Math.abs(alias.length - key.length) > 2) continue
      const distance = editDistance(key, alias)
      const allowed = alias.length >= 9 ? 2 : 1
      if (distance <= allowed && (best === null || distance < best.distance)) best = { alias, distance }
    }
    if (best) {
      const id = ALIAS_INDEX.get(best.alias) ?? MISSPELLINGS[best.alias]!
      return { id, via: 'fuzzy', confidence: best.distance === 1 ? 0.75 : 0.6, explanation: `"${name}" is ${best.distance} letter(s) from "${best.alias}", a name of ${id}` }
    }
  }
  const slug = key.replace(/ /g, '-')
  return { id: slug, via: 'name', confidence: 1, explanation: `"${name}" is not a known vendor; compared by its normalised name "${key}"` }
}

/** Compares two vendor names through {@link resolveVendor}; the confidence is the lesser of the two. */
export function compareVendors(a: string, b: string): VendorComparison {
  const left = resolveVendor(a)
  const right = resolveVendor(b)
  if (left.id === '' || right.id === '') return { match: false, confidence: 0, explanation: 'a vendor name is empty' }
  if (left.id !== right.id) return { match: false, confidence: 0, explanation: `"${a}" (${left.id}) is not "${b}" (${right.id})` }
  const confidence = Math.min(left.confidence, right.confidence)
  const notes = [left, right].filter((v) => v.via !== 'alias' && v.via !== 'name').map((v) => v.explanation)
  const explanation = notes.length > 0 ? `vendor ${left.id}: ${notes.join('; ')}` : `vendor "${a}" is "${b}" (${left.id})`
  return { match: true, confidence, explanation }
}
