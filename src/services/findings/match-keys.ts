import { parseCpe } from '../../domain/cpe/index.js'
import type { CpeValue } from '../../domain/cpe/index.js'
import { packageKey, purlIdentity } from '../../domain/kb/index.js'
import type { KbStatement } from '../../domain/kb/index.js'

// The inverted index of targeted re-matching. A component is stored under every key the matching engine could look
// it up by; a knowledge-base statement touches every key it could be found under. Both sides are lower-cased, so
// the keys can only over-select (an extra component is re-matched and nothing changes), never miss one:
//   purl:<type>/<namespace>/<name>   package key of a purl (ecosystem name normalisation)
//   cpe:<vendor>:<product>           declared CPE, or the CPEs guessed from supplier and name for components
//                                    without a package identity (as the engine guesses them)
//   name:<name>                      the component name (CSAF/CVE 5 product names and model numbers)

/** What a component needs to have keys. */
export interface KeyedComponent {
  readonly name: string
  readonly purl: string | null
  readonly cpe: string | null
  readonly supplier: string | null
}

/** A CPE criterion with a wildcard vendor or product: it touches every CPE key its literal parts allow. */
export interface CpePattern {
  readonly vendor: string | null
  readonly product: string | null
}

/** The keys a set of knowledge-base statements touches, and the vulnerability ids they speak of. */
export interface TouchedKeys {
  readonly keys: ReadonlySet<string>
  readonly cpePatterns: readonly CpePattern[]
  /** Whether a statement has an AND configuration, whose running-on platforms depend on the whole SBOM. */
  readonly needsPlatforms: boolean
}

/** Lower-case, '_' for spaces, without company suffixes: how NVD spells vendors and products (as the engine guesses). */
function cpeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/[,.]?\s+(inc|llc|ltd|gmbh|corp|corporation|co|ag|sa|bv|limited)\.?$/g, '')
    .trim()
    .replace(/\s+/g, '_')
}

const plain = (value: CpeValue): string | null => (value.kind === 'value' && !value.lead && !value.trail ? value.literal.toLowerCase() : null)

/** The match keys of a component (see the module comment). */
export function componentMatchKeys(component: KeyedComponent): string[] {
  const keys = new Set<string>()
  const identity = component.purl ? purlIdentity(component.purl) : null
  if (identity) keys.add(`purl:${identity.key.toLowerCase()}`)
  const wfn = component.cpe ? parseCpe(component.cpe) : null
  if (wfn?.ok) {
    keys.add(`cpe:${plain(wfn.value.vendor) ?? '*'}:${plain(wfn.value.product) ?? '*'}`)
  } else if (!identity || identity.type === 'generic') {
    const product = cpeWord(component.name)
    if (product !== '') {
      keys.add(`cpe:${product}:${product}`)
      if (component.supplier) keys.add(`cpe:${cpeWord(component.supplier)}:${product}`)
    }
  }
  if (component.name.trim() !== '') keys.add(`name:${component.name.toLowerCase()}`)
  return [...keys]
}

function cpeKeyOrPattern(criteria: string, keys: Set<string>, patterns: CpePattern[]): void {
  const wfn = parseCpe(criteria)
  if (!wfn.ok) return
  const vendor = plain(wfn.value.vendor)
  const product = plain(wfn.value.product)
  if (vendor !== null && product !== null) keys.add(`cpe:${vendor}:${product}`)
  else patterns.push({ vendor, product })
}

/** The keys a set of statements touches (their current content; resolved findings are found by vulnerability id). */
export function statementMatchKeys(statements: Iterable<KbStatement>): TouchedKeys {
  const keys = new Set<string>()
  const cpePatterns: CpePattern[] = []
  let needsPlatforms = false
  for (const statement of statements) {
    for (const affected of statement.affected) {
      if (affected.kind === 'package') {
        if (affected.purlType) keys.add(`purl:${packageKey(affected.purlType, affected.namespace, affected.name).toLowerCase()}`)
      } else if (affected.kind === 'cpe') {
        if (affected.operator === 'AND') needsPlatforms = true
        for (const node of affected.nodes) for (const match of node.matches) if (match.vulnerable) cpeKeyOrPattern(match.criteria, keys, cpePatterns)
      } else {
        if (affected.purl) {
          const identity = purlIdentity(affected.purl)
          if (identity) keys.add(`purl:${identity.key.toLowerCase()}`)
        }
        if (affected.cpe) cpeKeyOrPattern(affected.cpe, keys, cpePatterns)
        for (const model of affected.modelNumbers) keys.add(`name:${model.toLowerCase()}`)
        if (affected.product) keys.add(`name:${affected.product.toLowerCase()}`)
      }
    }
  }
  return { keys, cpePatterns, needsPlatforms }
}
