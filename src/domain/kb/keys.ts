import { parseCpe } from '../cpe/index.js'
import { packageKey, purlIdentity } from './ecosystems.js'
import type { KbStatement } from './model.js'

/**
 * The search keys of a statement: package keys ('pypi//django'), CPE vendor:product pairs ('cpe:google:chrome') and
 * product names ('product:example company:abc'), all lower-case, for finding vulnerabilities by package.
 */
export function statementPackageKeys(statement: KbStatement): string[] {
  const keys = new Set<string>()
  const addCpe = (criteria: string) => {
    const wfn = parseCpe(criteria)
    if (!wfn.ok) return
    const v = wfn.value.vendor
    const p = wfn.value.product
    if (v.kind === 'value' && p.kind === 'value') keys.add(`cpe:${v.literal}:${p.literal}`)
  }
  for (const a of statement.affected) {
    if (a.kind === 'package') {
      if (a.purlType) keys.add(packageKey(a.purlType, a.namespace, a.name).toLowerCase())
      else keys.add(`name:${a.name.toLowerCase()}`)
    } else if (a.kind === 'cpe') {
      for (const node of a.nodes) for (const m of node.matches) if (m.vulnerable) addCpe(m.criteria)
    } else {
      if (a.purl) {
        const id = purlIdentity(a.purl)
        if (id) keys.add(id.key.toLowerCase())
      }
      if (a.cpe) addCpe(a.cpe)
      if (a.product) keys.add(`product:${(a.vendor ?? '').toLowerCase()}:${a.product.toLowerCase()}`)
    }
  }
  return [...keys]
}
