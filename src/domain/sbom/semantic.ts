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
  const all = sbom.subject !== undefined && !sbom.components.includes(sbom.subject) ? [sbom.subject, ...sbom.components] : sbom.components
  for (const component of all) {
    if (refs.has(component.ref)) duplicates.add(component.ref)
    refs.add(component.ref)
  }
  pushCapped(findings, [...duplicates].map((ref) => problem('sbom_duplicate_ref', `the ref ${JSON.stringify(ref)} names more than one component`, { ref })))
  const dangling = new Set<string>()
  const isKnown = (ref: string) => refs.has(ref) || (sbom.format === 'spdx' && (ref.startsWith('DocumentRef-') || ref === 'SPDXRef-DOCUMENT' || ref === 'NONE' || ref === 'NOASSERTION'))
  for (const dependency of sbom.dependencies) {
    for (const ref of [dependency.ref, ...dependency.dependsOn]) if (!isKnown(ref)) dangling.add(ref)
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
  const graph = new Map<string, readonly string[]>()
  for (const dependency of sbom.dependencies) graph.set(dependency.ref, [...(graph.get(dependency.ref) ?? []), ...dependency.dependsOn])
  const state = new Map<string, 'open' | 'done'>()
  const cycles: string[][] = []
  for (const start of graph.keys()) {
    if (state.has(start)) continue
    const path: string[] = []
    const stack: { ref: string; next: number }[] = [{ ref: start, next: 0 }]
    state.set(start, 'open')
    path.push(start)
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]
      if (frame === undefined) break
      const targets = graph.get(frame.ref) ?? []
      const target = targets[frame.next++]
      if (target === undefined) {
        state.set(frame.ref, 'done')
        stack.pop()
        path.pop()
        continue
      }
      const seen = state.get(target)
      if (seen === 'open') {
        if (cycles.length <= maxFindingsPerKind) cycles.push([...path.slice(path.indexOf(target)), target])
      } else if (seen === undefined) {
        state.set(target, 'open')
        stack.push({ ref: target, next: 0 })
        path.push(target)
      }
    }
  }
  return cycles
}
