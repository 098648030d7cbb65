// The informative tests of CSAF 2.0 §6.3 that need no outside service (6.3.6 and 6.3.7 need the network, 6.3.8 a
// spell checker; they are not implemented). Findings are infos.
import { asString, branchesOf, dig, fileHashesOf, objectsAt, vulnerabilitiesOf } from './document.js'
import type { JsonObject } from './document.js'
import type { CsafFinding, CsafTest } from './types.js'

function informative(id: string, title: string, find: (doc: unknown, report: (path: string, message: string) => void) => void): CsafTest {
  const run = (doc: unknown): CsafFinding[] => {
    const findings: CsafFinding[] = []
    find(doc, (path, message) => findings.push({ test: id, path, message }))
    return findings
  }
  return { id, group: 'informative', title, run }
}

const cvssV2Only = informative('6.3.1', 'Use of CVSS v2 as the only Scoring System', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const score of objectsAt(vulnerability, 'scores', path)) {
      if (score.value.cvss_v2 !== undefined && score.value.cvss_v3 === undefined) report(score.path, 'CVSS v2 is the only scoring system')
    }
  }
})

const cvssV30 = informative('6.3.2', 'Use of CVSS v3.0', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    for (const score of objectsAt(vulnerability, 'scores', path)) {
      if (dig(score.value, 'cvss_v3', 'version') === '3.0') report(`${score.path}/cvss_v3/version`, 'CVSS v3.0 is used; prefer v3.1')
    }
  }
})

const missingCve = informative('6.3.3', 'Missing CVE', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    if (vulnerability.cve === undefined) report(`${path}/cve`, 'the vulnerability has no CVE id')
  }
})

const missingCwe = informative('6.3.4', 'Missing CWE', (doc, report) => {
  for (const { vulnerability, path } of vulnerabilitiesOf(doc)) {
    if (vulnerability.cwe === undefined) report(`${path}/cwe`, 'the vulnerability has no CWE')
  }
})

const shortHash = informative('6.3.5', 'Use of Short Hash', (doc, report) => {
  for (const hash of fileHashesOf(doc)) {
    const value = asString(hash.value.value)
    if (value !== undefined && value.length < 64) report(`${hash.path}/value`, `the hash is only ${value.length} characters long`)
  }
})

const requiredBranchPath = ['vendor', 'product_name', 'product_version']

const branchCategories = informative('6.3.9', 'Branch Categories', (doc, report) => {
  const walk = (branches: readonly { value: JsonObject; path: string }[], ancestors: readonly string[], depth: number) => {
    if (depth > 64) return
    for (const branch of branches) {
      const category = asString(branch.value.category)
      const path = category === undefined ? ancestors : [...ancestors, category]
      const children = objectsAt(branch.value, 'branches', branch.path)
      if (children.length > 0) walk(children, path, depth + 1)
      else if (branch.value.product !== undefined) {
        const positions = requiredBranchPath.map((c) => path.indexOf(c))
        const missing = requiredBranchPath.filter((_, i) => positions[i] === -1)
        if (missing.length > 0) report(branch.path, `the branch path lacks ${missing.join(', ')}`)
        else if (positions.some((p, i) => i > 0 && p < (positions[i - 1] as number))) {
          report(branch.path, 'the branch path is not ordered vendor, product_name, product_version')
        }
      }
    }
  }
  const tree = dig(doc, 'product_tree')
  walk(typeof tree === 'object' && tree !== null ? objectsAt(tree as JsonObject, 'branches', '/product_tree') : [], [], 0)
})

const versionRange = informative('6.3.10', 'Usage of Product Version Range', (doc, report) => {
  for (const branch of branchesOf(doc)) {
    if (branch.value.category === 'product_version_range') report(`${branch.path}/category`, 'a product version range is used')
  }
})

const vVersion = informative('6.3.11', 'Usage of V as Version Indicator', (doc, report) => {
  for (const branch of branchesOf(doc)) {
    const name = asString(branch.value.name)
    if (branch.value.category === 'product_version' && name !== undefined && /^[vV][0-9]/.test(name)) {
      report(`${branch.path}/name`, `version '${name}' starts with v`)
    }
  }
})

/** The informative tests of CSAF 2.0 §6.3 that run offline. */
export const informativeTests: readonly CsafTest[] = [cvssV2Only, cvssV30, missingCve, missingCwe, shortHash, branchCategories, versionRange, vVersion]
