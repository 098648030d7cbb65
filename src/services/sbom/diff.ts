import { diffComponents, type Component } from '../../domain/sbom/index.js'
import type { OrgContext, ServiceResult } from '../context.js'
import { latestRevisionId, loadRevision, type LoadedRevision } from './load-revision.js'
import { revisionView, type RevisionView } from './views.js'

/** A component in short, as diffs list it. */
export interface ComponentSummary {
  readonly ref: string
  readonly type: string
  readonly name: string
  readonly group: string | null
  readonly version: string | null
  readonly purl: string | null
  readonly supplier: string | null
}

/** One side of a diff: the revision and where it belongs. */
export interface DiffSide extends RevisionView {
  readonly product: string
  readonly version: string
}

/** What changed between two stored revisions. */
export interface SbomDiff {
  readonly from: DiffSide
  readonly to: DiffSide
  readonly added: readonly ComponentSummary[]
  readonly removed: readonly ComponentSummary[]
  readonly changed: readonly { readonly key: string; readonly before: ComponentSummary; readonly after: ComponentSummary; readonly fields: readonly { field: string; before: unknown; after: unknown }[] }[]
  readonly unchanged: number
}

/** Diffs two stored revisions (of the same version or of any two versions): added, removed and changed components. */
export async function diffSbomRevisions(ctx: OrgContext, fromRevisionId: string, toRevisionId: string): Promise<ServiceResult<SbomDiff>> {
  const from = await loadRevision(ctx, fromRevisionId)
  if (!from.ok) return from
  const to = await loadRevision(ctx, toRevisionId)
  if (!to.ok) return to
  const diff = diffComponents(from.value.sbom.components, to.value.sbom.components)
  return {
    ok: true,
    value: {
      from: side(from.value),
      to: side(to.value),
      added: diff.added.map(summary),
      removed: diff.removed.map(summary),
      changed: diff.changed.map((c) => ({ key: c.key, before: summary(c.before), after: summary(c.after), fields: c.fields })),
      unchanged: to.value.sbom.components.length - diff.added.length - diff.changed.length,
    },
  }
}

/** Diffs the latest SBOMs of two product versions. */
export async function diffSbomVersions(ctx: OrgContext, fromVersionId: string, toVersionId: string): Promise<ServiceResult<SbomDiff>> {
  const from = await latestRevisionId(ctx, fromVersionId)
  if (!from.ok) return from
  const to = await latestRevisionId(ctx, toVersionId)
  if (!to.ok) return to
  return diffSbomRevisions(ctx, from.value, to.value)
}

function side(loaded: LoadedRevision): DiffSide {
  return { ...revisionView(loaded.revision), product: loaded.owner.product.name, version: loaded.owner.version.version }
}

function summary(component: Component): ComponentSummary {
  return {
    ref: component.ref,
    type: component.type,
    name: component.name,
    group: component.group ?? null,
    version: component.version ?? null,
    purl: component.purl ?? null,
    supplier: component.supplier ?? null,
  }
}
