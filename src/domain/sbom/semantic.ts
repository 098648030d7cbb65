import { problem, type Problem } from '../result.js'
import type { Sbom } from './model.js'

/** At most this many findings of one kind are listed; the rest are counted in one closing finding. */
const maxFindingsPerKind = 50

/**
 * The semantic checks that a schema cannot express: duplicate refs, dependencies naming unknown components, and
 * dependency cycles. They are reported, never fatal: such documents occur in practice and stay usable.
 */
export function semanticFindings(sbom: Sbom): Problem[] {
  const findings: Problem[] = []
  const refs = new Set<string>()
  const duplicates = new Set<string>()
  const note = (ref: string) => {
    if (refs.has(ref)) duplicates.add(ref)
    else refs.add(ref)
  }
  if (sbom.subject !== undefined && !sbom.components.includes(sbom.subject)) note(sbom.subject.ref)
  for (const component of sbom.components) note(component.ref)
  pushCapped(findings, [...duplicates].map((ref) => problem('sbom_duplicate_ref', `the ref ${JSON.stringify(ref)} names more than one component`, { ref })))
  const dangling = new Set<string>()
  const spdx = sbom.format === 'spdx'
  const check = (ref: string) => {
    if (!refs.has(ref) && !(spdx && (ref.startsWith('DocumentRef-') || ref === 'SPDXRef-DOCUMENT' || ref === 'NONE' || ref === 'NOASSERTION'))) dangling.add(ref)
  }
  for (const dependency of sbom.dependencies) {
    check(dependency.ref)
    for (const ref of dependency.dependsOn) check(ref)
  }
  pushCapped(findings, [...dangling].map((ref) => problem('sbom_dangling_ref', `a dependency names ${JSON.stringify(ref)}, which is not a component of the document`, { ref })))
  pushCapped(findings, dependencyCycles(sbom).map((cycle) => problem('sbom_dependency_cycle', `dependency cycle: ${cycle.join(' -> ')}`, { cycle })))
  return findings
}

function pushCapped(findings: Problem[], found: readonly Problem[]): void {
  findings.push(...found.slice(0, maxFindingsPerKind))
  if (found.length > maxFindingsPerKind) {
    const code = found[0]?.code ?? 'sbom_finding'
    findings.push(problem(code, `${found.length - maxFindingsPerKind} more findings of this kind`, { omitted: found.length - maxFindingsPerKind }))
  }
}

/** Finds cycles in the dependency graph with an iterative depth-first search (no recursion, so no stack overflow). */
export function dependencyCycles(sbom: Sbom): string[][] {
  // Each ref gets a number once; the search then works on arrays indexed by it (targets, state), so that a large
  // SBOM costs one map lookup per edge rather than several per step.
  const numberOf = new Map<string, number>()
  const refs: string[] = []
  const targets: number[][] = []
  const node = (ref: string): number => {
    let number = numberOf.get(ref)
    if (number === undefined) {
      number = refs.length
      numberOf.set(ref, number)
      refs.push(ref)
      targets.push([])
    }
    return number
  }
  for (const dependency of sbom.dependencies) {
    const from = node(dependency.ref)
    for (const ref of dependency.dependsOn) (targets[from] as number[]).push(node(ref))
  }
  const notSeen = 0
  const open = 1
  const done = 2
  const state = new Uint8Array(refs.length)
  const cycles: string[][] = []
  // The search stack as two parallel arrays (node, next target to follow); its nodes are the current path.
  const path: number[] = []
  const nextOnPath: number[] = []
  // The searches start from the dependency entries in document order, which fixes the order of the findings.
  for (const dependency of sbom.dependencies) {
    const start = numberOf.get(dependency.ref) as number
    if (state[start] !== notSeen) continue
    state[start] = open
    path.push(start)
    nextOnPath.push(0)
    while (path.length > 0) {
      const top = path.length - 1
      const current = path[top] as number
      const next = nextOnPath[top] as number
      const target = (targets[current] as number[])[next]
      if (target === undefined) {
        state[current] = done
        path.pop()
        nextOnPath.pop()
        continue
      }
      nextOnPath[top] = next + 1
      if (state[target] === open) {
        if (cycles.length <= maxFindingsPerKind) cycles.push([...path.slice(path.indexOf(target)), target].map((n) => refs[n] as string))
      } else if (state[target] === notSeen) {
        state[target] = open
        path.push(target)
        nextOnPath.push(0)
      }
    }
  }
  return cycles
}
