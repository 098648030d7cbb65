import type { ArtifactHeader } from '../../domain/sharing/artifacts.js'
import { markedExport } from '../../domain/sharing/marking.js'
import { TLP_LABELS, type TlpLabel } from '../../domain/tlp/tlp.js'
import type { VexFormat } from '../../domain/vex/index.js'
import { organizationRepository } from '../../store/repositories/organizations.js'
import type { OrganizationRow } from '../../store/schema.js'
import { sharedArtifactRepository, type VersionArtifactFilter, type VersionArtifactKind, type VersionArtifactRow } from '../../store/repositories/sharing-artifacts.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import type { ComponentQuery } from '../../store/repositories/sboms.js'
import { scopeFor } from '../../store/scope.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { exportVex, type VexExport } from '../findings/export-vex.js'
import { listFindings, type VersionFindings } from '../findings/list-findings.js'
import type { FindingView } from '../findings/views.js'
import { getMds2Document } from '../mds2/get-document.js'
import type { Mds2DocumentView } from '../mds2/views.js'
import { downloadSbomOriginal } from '../sbom/download-original.js'
import { listSbomComponents, type ComponentPage } from '../sbom/list-components.js'
import { sbomQuality, type RevisionQuality } from '../sbom/quality.js'
import { revisionView, type RevisionView } from '../sbom/views.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { listSharedArtifacts, readerFor, readSharedArtifact, type ArtifactSource, type SharingReader } from './shared-artifacts.js'

/** Where a shared version artifact comes from, as the receiving organization sees it. */
export interface SharedVersionHeader {
  readonly manufacturer: { readonly id: string; readonly name: string }
  readonly product: { readonly id: string; readonly name: string }
  readonly version: { readonly id: string; readonly version: string }
  /** The label the artifact is read under: the stricter of its own and its product version's. */
  readonly tlp: TlpLabel
}

function stricter(a: TlpLabel, b: TlpLabel): TlpLabel {
  return TLP_LABELS.indexOf(a) >= TLP_LABELS.indexOf(b) ? a : b
}

/**
 * The header the policy decides on: an artifact is never more visible than the version it describes, so its label
 * is the stricter of the two; the named users of a RED label come from whichever carries it.
 */
function headerOf(row: VersionArtifactRow, named: ReadonlyMap<string, readonly string[]>): ArtifactHeader {
  const tlp = stricter(row.artifactTlp, row.versionTlp)
  const namedRecipients = row.artifactTlp === 'RED' ? (named.get(row.artifactId) ?? []) : (named.get(row.productId) ?? [])
  return { kind: row.kind, id: row.artifactId, ownerOrgId: row.owner.id, tlp, productId: row.productId, namedRecipients }
}

async function withHeaders(reader: { db: SharingReader['db'] }, kind: VersionArtifactKind, rows: readonly VersionArtifactRow[]) {
  if (rows.length === 0) return []
  const [ownNames, productNames] = await Promise.all([
    sharingRepository.namedRecipients(reader.db, kind, rows.map((r) => r.artifactId)),
    sharingRepository.namedRecipients(reader.db, 'product', [...new Set(rows.map((r) => r.productId))]),
  ])
  const named = new Map([...productNames, ...ownNames])
  return rows.map((row) => ({ header: headerOf(row, named), value: row }))
}

/**
 * The SBOM (latest revision), MDS2 document or VEX of product versions as shared artifacts, found by version id
 * (or by the artifact's own id, e.g. an MDS2 document id).
 */
export function versionArtifactSource(kind: VersionArtifactKind, findBy: 'versionId' | 'artifactId' = 'versionId'): ArtifactSource<VersionArtifactRow, VersionArtifactFilter> {
  return {
    kind,
    find: async (db, id) => {
      const row = await sharedArtifactRepository.find(db, kind, findBy === 'versionId' ? { versionId: id } : { artifactId: id })
      return row ? (await withHeaders({ db }, kind, [row]))[0] : undefined
    },
    listVisible: async (db, viewer, filter) => withHeaders({ db }, kind, await sharedArtifactRepository.listVisible(db, kind, viewer, filter)),
  }
}

/**
 * A read-only context of the owner organization, to load an artifact the policy has just allowed with the owner's
 * own use cases (called for that artifact alone, with the viewer role: nothing can be written through it).
 */
function ownerContext(ctx: OrgContext, owner: OrganizationRow): OrgContext {
  return { db: ctx.db, scope: scopeFor(owner.id), org: { id: owner.id, slug: owner.slug, name: owner.name, kind: owner.kind }, actor: ctx.actor, role: 'viewer' }
}

/**
 * Reads a product version's artifact through the TLP policy (`readSharedArtifact`: 404 when not allowed, access log
 * for restricted reads) and gives a read-only context of the owner organization to load its content with the
 * owner's own use cases. The product in the path must be the version's product.
 */
async function openShared(ctx: OrgContext, kind: VersionArtifactKind, productId: string, versionId: string, action: string): Promise<ServiceResult<{ row: VersionArtifactRow; header: SharedVersionHeader; owner: OrgContext }>> {
  const read = await readSharedArtifact(await readerFor(ctx), versionArtifactSource(kind), versionId, action)
  if (!read.ok) return read
  const row = read.value.value
  if (row.productId !== productId) return serviceError('not_found', `no such ${kind}`)
  const owner = await organizationRepository.findById(ctx.db, row.owner.id)
  if (!owner) return serviceError('not_found', `no such ${kind}`)
  return {
    ok: true,
    value: {
      row,
      header: { manufacturer: { id: owner.id, name: owner.name }, product: { id: row.productId, name: row.productName }, version: { id: row.versionId, version: row.version }, tlp: read.value.header.tlp },
      owner: ownerContext(ctx, owner),
    },
  }
}

/** A shared SBOM: the latest revision of a version and its quality report. */
export interface SharedSbom extends SharedVersionHeader {
  readonly revision: RevisionView
  readonly quality: RevisionQuality
}

/** The latest SBOM of a shared product version with its NTIA/FDA quality report. */
export async function getSharedSbom(ctx: OrgContext, productId: string, versionId: string): Promise<ServiceResult<SharedSbom>> {
  const opened = await openShared(ctx, 'sbom', productId, versionId, 'read')
  if (!opened.ok) return opened
  const { row, header, owner } = opened.value
  const [revision, quality] = await Promise.all([sbomRepository.findRevision(owner.db, owner.scope, row.artifactId), sbomQuality(owner, row.artifactId)])
  if (!revision || !quality.ok) return serviceError('not_found', 'no such sbom')
  return { ok: true, value: { ...header, revision: revisionView(revision), quality: quality.value } }
}

/** A page of the component table of a shared SBOM. */
export async function listSharedSbomComponents(ctx: OrgContext, productId: string, versionId: string, query: ComponentQuery): Promise<ServiceResult<ComponentPage & { tlp: TlpLabel }>> {
  const opened = await openShared(ctx, 'sbom', productId, versionId, 'read')
  if (!opened.ok) return opened
  const page = await listSbomComponents(opened.value.owner, opened.value.row.artifactId, query)
  return page.ok ? { ok: true, value: { ...page.value, tlp: opened.value.header.tlp } } : page
}

/** The original file of a shared SBOM, as the manufacturer uploaded it (logged as an export). */
export async function downloadSharedSbom(ctx: OrgContext, productId: string, versionId: string): Promise<ServiceResult<{ filename: string; sha256: string; bytes: Uint8Array; tlp: TlpLabel }>> {
  const opened = await openShared(ctx, 'sbom', productId, versionId, 'export')
  if (!opened.ok) return opened
  const file = await downloadSbomOriginal(opened.value.owner, opened.value.row.artifactId)
  return file.ok ? { ok: true, value: { filename: file.value.filename, sha256: file.value.sha256, bytes: file.value.bytes, tlp: opened.value.header.tlp } } : file
}

/** A shared MDS2: the manufacturer's current revision with its checks. */
export type SharedMds2 = SharedVersionHeader & { readonly document: Mds2DocumentView }

/** The current MDS2 of a shared product version. */
export async function getSharedMds2(ctx: OrgContext, productId: string, versionId: string, action = 'read'): Promise<ServiceResult<SharedMds2>> {
  const opened = await openShared(ctx, 'mds2', productId, versionId, action)
  if (!opened.ok) return opened
  const document = await getMds2Document(opened.value.owner, versionId)
  return document.ok ? { ok: true, value: { ...opened.value.header, document: document.value } } : document
}

/** A shared MDS2 as JSON that carries its TLP marking (logged as an export). */
export async function exportSharedMds2(ctx: OrgContext, productId: string, versionId: string, now = new Date()): Promise<ServiceResult<ReturnType<typeof markedExport<SharedMds2>>>> {
  const read = await getSharedMds2(ctx, productId, versionId, 'export')
  return read.ok ? { ok: true, value: markedExport(read.value.tlp, 'medsec.mds2', read.value, now) } : read
}

/** One VEX statement as a receiving organization sees it: no internal match reasons and no manufacturer staff names. */
export interface SharedVexStatement {
  readonly vulnerability: FindingView['vulnerability']
  readonly component: { readonly name: string; readonly version: string | null; readonly purl: string | null; readonly cpe: string | null }
  readonly status: FindingView['status']
  readonly severity: FindingView['severity']
  readonly kev: FindingView['kev']
  /** The manufacturer's decision in force (null: under investigation, not triaged yet). */
  readonly decision: { readonly state: string; readonly justification: string | null; readonly responses: readonly string[]; readonly detail: string | null; readonly decidedAt: string } | null
}

/** The shared VEX view of a version: its findings with the manufacturer's effective decisions. */
export type SharedVex = SharedVersionHeader & Pick<VersionFindings, 'lastMatch' | 'counts'> & { readonly statements: readonly SharedVexStatement[] }

function statementOf(f: FindingView): SharedVexStatement {
  const d = f.decision
  return {
    vulnerability: f.vulnerability,
    component: { name: f.component.name, version: f.component.version, purl: f.component.purl, cpe: f.component.cpe },
    status: f.status,
    severity: f.severity,
    kev: f.kev,
    decision: d ? { state: d.state, justification: d.justification, responses: d.responses, detail: d.detail, decidedAt: d.decidedAt } : null,
  }
}

/** The findings of a shared product version with the manufacturer's decisions (the content of its VEX). */
export async function getSharedVex(ctx: OrgContext, productId: string, versionId: string): Promise<ServiceResult<SharedVex>> {
  const opened = await openShared(ctx, 'vex', productId, versionId, 'read')
  if (!opened.ok) return opened
  const listed = await listFindings(opened.value.owner, versionId)
  if (!listed.ok) return listed
  return { ok: true, value: { ...opened.value.header, lastMatch: listed.value.lastMatch, counts: listed.value.counts, statements: listed.value.findings.map(statementOf) } }
}

/** The VEX of a shared product version as a document (CycloneDX, OpenVEX or CSAF), logged as an export. */
export async function exportSharedVex(ctx: OrgContext, productId: string, versionId: string, format: VexFormat): Promise<ServiceResult<VexExport & { tlp: TlpLabel }>> {
  const opened = await openShared(ctx, 'vex', productId, versionId, 'export')
  if (!opened.ok) return opened
  const exported = await exportVex(opened.value.owner, versionId, format)
  return exported.ok ? { ok: true, value: { ...exported.value, tlp: opened.value.header.tlp } } : exported
}

/** A manufacturer's MDS2 shared with the organization, as the procurement comparison lists it. */
export interface SharedMds2Listing {
  readonly versionId: string
  readonly documentId: string
  readonly label: string
  readonly tlp: TlpLabel
}

/** The MDS2 documents other organizations share with this one (the policy filters in SQL and again per row). */
export async function listSharedMds2(ctx: OrgContext): Promise<ServiceResult<SharedMds2Listing[]>> {
  const listed = await listSharedArtifacts(await readerFor(ctx), versionArtifactSource('mds2'), { othersOnly: true })
  if (!listed.ok) return listed
  return { ok: true, value: listed.value.map((r) => ({ versionId: r.value.versionId, documentId: r.value.artifactId, label: `${r.value.owner.name} ${r.value.productName} ${r.value.version}`, tlp: r.header.tlp })) }
}

/** A shared MDS2 ready for the procurement comparison. */
export interface SharedMds2ForComparison {
  readonly id: string
  readonly label: string
  readonly tlp: TlpLabel
  readonly document: Mds2DocumentView['document']
}

/**
 * The MDS2 documents among `documentIds` that manufacturers share with the organization, each read through the TLP
 * policy (logged as "compare" when restricted); ids the organization may not read are left out.
 */
export async function sharedMds2ForComparison(ctx: OrgContext, documentIds: readonly string[]): Promise<SharedMds2ForComparison[]> {
  if (documentIds.length === 0) return []
  const reader = await readerFor(ctx)
  const source = versionArtifactSource('mds2', 'artifactId')
  const found: SharedMds2ForComparison[] = []
  for (const id of documentIds) {
    const read = await readSharedArtifact(reader, source, id, 'compare')
    if (!read.ok || read.value.header.ownerOrgId === ctx.org.id) continue
    const row = read.value.value
    const owner = await organizationRepository.findById(ctx.db, row.owner.id)
    if (!owner) continue
    const document = await getMds2Document(ownerContext(ctx, owner), row.versionId)
    if (document.ok) found.push({ id, label: `${owner.name} ${row.productName} ${row.version}`, tlp: read.value.header.tlp, document: document.value.document })
  }
  return found
}
