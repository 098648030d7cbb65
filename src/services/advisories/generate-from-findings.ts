import type { AdvisoryContent, AdvisoryIdentification, AdvisoryTlpLabel } from '../../domain/csaf/advisory-content.js'
import type { AdvisoryNote, AdvisoryReference } from '../../domain/csaf/builder.js'
import type { KbStatement } from '../../domain/kb/index.js'
import { parsePurl } from '../../domain/purl/purl.js'
import { advisoryRepository } from '../../store/repositories/advisories.js'
import { kbRepository } from '../../store/repositories/kb.js'
import { productRepository } from '../../store/repositories/products.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { requireRole, serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { listFindings } from '../findings/list-findings.js'
import { buildAndValidate, catalogueOf, metaOf, providerBase, publicBaseUrl, type BuiltDocument, type Tracking } from './common.js'
import { vulnerabilitiesFromFindings, type GenerationFinding, type GenerationVersion, type VulnerabilityKnowledge, type VulnerabilitySelection } from './findings-to-csaf.js'
import { createAdvisory } from './save-advisory.js'
import type { AdvisoryView } from './views.js'

/** What to generate: a product (all or some of its versions), which vulnerabilities, the category, TLP and title. */
export interface GenerateAdvisoryInput {
  readonly productId: string
  /** The covered versions (database ids); absent or empty: every version of the product. */
  readonly productVersionIds?: readonly string[]
  /** Default: every vulnerability with a triage decision in a covered version. */
  readonly selection?: VulnerabilitySelection
  readonly category?: AdvisoryContent['category']
  /** Default: the product's label (AMBER+STRICT, which CSAF 2.0 lacks, becomes RED so the label never loosens). */
  readonly tlp?: AdvisoryTlpLabel
  readonly title?: string
  /** Identification per CSAF product id, over what the SBOMs and earlier advisories give. */
  readonly identification?: Readonly<Record<string, AdvisoryIdentification>>
}

/** Generated advisory content and what went into it. */
export interface GeneratedAdvisory {
  readonly content: AdvisoryContent
  readonly productName: string
  readonly versions: readonly string[]
  /** The vulnerability (alias group) ids stated, in document order. */
  readonly vulnerabilities: readonly string[]
}

/** The CSAF 2.0 label of a TLP 2.0 label; AMBER+STRICT has no CSAF 2.0 word and becomes the stricter RED. */
export function csafTlpOf(label: string): AdvisoryTlpLabel {
  if (label === 'CLEAR' || label === 'GREEN' || label === 'AMBER' || label === 'RED') return label
  return 'RED'
}

const sourcePreference: readonly string[] = ['nvd', 'cve5', 'osv', 'csaf']

function knowledgeOf(statements: readonly KbStatement[]): VulnerabilityKnowledge {
  const ordered = [...statements].sort((a, b) => sourcePreference.indexOf(a.source) - sourcePreference.indexOf(b.source))
  return {
    title: ordered.map((s) => s.title).find((t): t is string => !!t?.trim())?.slice(0, 400) ?? null,
    description: ordered.map((s) => s.description).find((t): t is string => !!t?.trim()) ?? null,
    references: [...new Set(ordered.flatMap((s) => s.references))],
    vectors: ordered.flatMap((s) => s.severities.flatMap((v) => (v.kind === 'cvss' ? [v.vector] : []))),
  }
}

function cleanIdentification(found: AdvisoryIdentification): AdvisoryIdentification {
  // Only identifiers the validator accepts (6.1.13 purl) go into the product tree.
  const purl = found.purl && parsePurl(found.purl).ok ? found.purl : undefined
  const cpe = found.cpe && /^cpe:(2\.3:|\/)/i.test(found.cpe) ? found.cpe : undefined
  const serialNumbers = (found.serialNumbers ?? []).filter((s) => s.trim() !== '')
  return { ...(purl ? { purl } : {}), ...(cpe ? { cpe } : {}), ...(serialNumbers.length > 0 ? { serialNumbers } : {}) }
}

/**
 * Builds the content of a csaf_security_advisory or csaf_vex from a product's findings and their effective triage
 * decisions (any member; nothing is stored). The product tree names the covered versions with the model number,
 * and the purl/CPE of the SBOM's subject, serial numbers and identifiers of earlier advisories, overridden by input.
 */
export async function generateAdvisoryContent(ctx: OrgContext, input: GenerateAdvisoryInput, base = publicBaseUrl()): Promise<ServiceResult<GeneratedAdvisory>> {
  const product = await productRepository.findWithVersions(ctx.db, ctx.scope, input.productId)
  if (!product) return serviceError('not_found', 'no such product')
  const wanted = input.productVersionIds ?? []
  const strange = wanted.filter((id) => !product.versions.some((v) => v.id === id))
  if (strange.length > 0) return serviceError('validation_failed', `not a version of ${product.name}: ${strange.join(', ')}`, { code: 'advisory_version_unknown' })
  const versionRows = wanted.length > 0 ? product.versions.filter((v) => wanted.includes(v.id)) : product.versions
  if (versionRows.length === 0) return serviceError('validation_failed', `${product.name} has no versions`, { code: 'advisory_no_versions' })

  const catalogue = await catalogueOf(ctx.db, ctx.scope)
  const covered: GenerationVersion[] = versionRows.flatMap((row) => {
    const entry = catalogue.find((e) => e.productVersionId === row.id)
    return entry ? [{ csafProductId: entry.csafProductId, productVersionId: row.id, productName: product.name, version: row.version }] : []
  })

  const findings: GenerationFinding[] = []
  for (const version of covered) {
    const listed = await listFindings(ctx, version.productVersionId)
    if (!listed.ok) return listed
    for (const f of listed.value.findings) {
      findings.push({
        productVersionId: version.productVersionId,
        status: f.status,
        component: { name: f.component.name, version: f.component.version, purl: f.component.purl, cpe: f.component.cpe },
        vulnerabilityId: f.vulnerability.id,
        aliases: f.vulnerability.aliases,
        sourceStatus: f.sourceStatus,
        vector: f.severity?.vector ?? null,
        decision: f.decision,
      })
    }
  }
  const ids = [...new Set(findings.map((f) => f.vulnerabilityId))]
  const statements = await kbRepository.statementsOf(ctx.db, ids)
  const knowledge = new Map(ids.map((id) => [id, knowledgeOf(statements.filter((s) => s.vulnerabilityId === id).map((s) => s.statement))]))
  const generated = vulnerabilitiesFromFindings(covered, findings, knowledge, input.selection ?? { kind: 'decided' })
  if (generated.unknown.length > 0) {
    return serviceError('validation_failed', `no finding of the selected versions has ${generated.unknown.join(', ')}`, { code: 'advisory_vulnerability_unknown', unknown: generated.unknown })
  }
  // Versions no statement names would only be listed in the tree (optional test 6.2.1 warns); they are left out.
  const named = new Set(generated.vulnerabilities.flatMap((v) => Object.values(v.productStatus).flat() as string[]))
  const versions = named.size > 0 ? covered.filter((v) => named.has(v.csafProductId)) : covered

  // Identification: the SBOM's subject, then earlier advisories (most recent first), then the input.
  const identification: Record<string, AdvisoryIdentification> = {}
  const revisions = await sbomRepository.latestRevisions(ctx.db, ctx.scope, versions.map((v) => v.productVersionId))
  const earlier = await advisoryRepository.list(ctx.db, ctx.scope)
  for (const version of versions) {
    const subject = (revisions.find((r) => r.product_version_id === version.productVersionId)?.document as { subject?: { purl?: string; cpe?: string } } | null)?.subject
    const previous = earlier.map((a) => (a.content as AdvisoryContent).identification?.[version.csafProductId]).find((i) => i !== undefined)
    const merged = cleanIdentification({
      ...(subject?.purl ? { purl: subject.purl } : {}),
      ...(subject?.cpe ? { cpe: subject.cpe } : {}),
      ...previous,
      ...input.identification?.[version.csafProductId],
    })
    if (Object.keys(merged).length > 0) identification[version.csafProductId] = merged
  }

  const category = input.category ?? 'csaf_security_advisory'
  const count = generated.vulnerabilities.length
  const only = generated.vulnerabilities[0]
  const versionList = versions.map((v) => v.version).join(', ')
  const defaultTitle =
    category === 'csaf_vex'
      ? `${product.name}: exploitability of ${count} ${count === 1 ? 'vulnerability' : 'vulnerabilities'} (VEX)`
      : count === 1 && only
        ? `${product.name}: ${only.title ?? only.cve ?? 'vulnerability'}`
        : `${product.name}: ${count} vulnerabilities`
  const summary =
    category === 'csaf_vex'
      ? `This VEX document states, for ${product.name} ${versionList}, whether each listed vulnerability affects the product, based on ${ctx.org.name}'s analysis of the components in its software bill of materials.`
      : `${ctx.org.name} has analysed ${count} ${count === 1 ? 'vulnerability' : 'vulnerabilities'} in components of ${product.name} ${versionList}. The product status and remediations of each are listed below.`
  const notes: AdvisoryNote[] = [
    { category: 'summary', title: 'Summary', text: summary },
    { category: 'legal_disclaimer', title: 'Terms of use', text: `This document is provided as is, without warranty. Contact ${ctx.org.name} for support.` },
  ]
  const references: AdvisoryReference[] = [
    { category: 'external', summary: `${ctx.org.name} CSAF provider`, url: `${providerBase(base, ctx.org.slug)}/provider-metadata.json` },
    { category: 'external', summary: `Report a vulnerability to ${ctx.org.name}`, url: `${base}/report/${encodeURIComponent(ctx.org.slug)}` },
  ]
  return {
    ok: true,
    value: {
      content: {
        category,
        title: (input.title?.trim() || defaultTitle).slice(0, 500),
        tlp: input.tlp ?? csafTlpOf(product.tlp),
        notes,
        references,
        productIds: versions.map((v) => v.csafProductId),
        ...(Object.keys(identification).length > 0 ? { identification } : {}),
        vulnerabilities: generated.vulnerabilities,
      },
      productName: product.name,
      versions: versions.map((v) => v.version),
      vulnerabilities: generated.stated,
    },
  }
}

function nothingToState(generated: GeneratedAdvisory, selection: VulnerabilitySelection | undefined): ServiceResult<never> {
  const what = (selection ?? { kind: 'decided' }).kind === 'decided' ? 'no vulnerability with a triage decision' : 'no vulnerability'
  return serviceError('validation_failed', `${what} in ${generated.productName} ${generated.versions.join(', ')}; triage its findings first`, { code: 'advisory_nothing_to_state' })
}

/** Generates an advisory from findings and saves it as a draft through the save service (analysts and admins of manufacturers). */
export async function generateAdvisory(
  ctx: OrgContext,
  input: GenerateAdvisoryInput & { readonly trackingId?: string },
  base = publicBaseUrl(),
  now = new Date(),
): Promise<ServiceResult<AdvisoryView & { readonly generated: { readonly vulnerabilities: string[]; readonly versions: string[] } }>> {
  const allowed = requireRole(ctx, 'analyst')
  if (!allowed.ok) return allowed
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'only manufacturers publish advisories')
  const generated = await generateAdvisoryContent(ctx, input, base)
  if (!generated.ok) return generated
  if (generated.value.content.vulnerabilities.length === 0) return nothingToState(generated.value, input.selection)
  const created = await createAdvisory(ctx, { content: generated.value.content, ...(input.trackingId ? { trackingId: input.trackingId } : {}) }, base, now)
  if (!created.ok) return created
  return { ok: true, value: { ...created.value, generated: { vulnerabilities: [...generated.value.vulnerabilities], versions: [...generated.value.versions] } } }
}

/** A generated document (not stored): its tracking id, the content it was built from, and its validation. */
export interface GeneratedDocument extends BuiltDocument {
  readonly trackingId: string
  readonly generation: GeneratedAdvisory
}

/**
 * Generates and builds the CSAF document without storing anything (the CLI and the VEX export): a draft with
 * version 0 unless a tracking is given; `allowEmpty` returns a document even when nothing is stated.
 */
export async function generateCsafDocument(
  ctx: OrgContext,
  input: GenerateAdvisoryInput & { readonly trackingId?: string; readonly tracking?: Tracking; readonly allowEmpty?: boolean },
  base = publicBaseUrl(),
  now = new Date(),
): Promise<ServiceResult<GeneratedDocument>> {
  const generated = await generateAdvisoryContent(ctx, input, base)
  if (!generated.ok) return generated
  if (generated.value.content.vulnerabilities.length === 0 && !input.allowEmpty) return nothingToState(generated.value, input.selection)
  const catalogue = await catalogueOf(ctx.db, ctx.scope)
  const { content } = generated.value
  const productCode = content.productIds[0]?.replace(/-[^-]*$/, '') ?? 'PRODUCT'
  const trackingId = input.trackingId ?? `${ctx.org.slug.toUpperCase()}-${content.category === 'csaf_vex' ? 'VEX' : 'SA'}-${productCode}-${now.toISOString().slice(0, 10)}`
  const built = buildAndValidate(content, catalogue, metaOf(ctx.org, trackingId, input.tracking ?? { status: 'draft', revisions: [] }, content.tlp, base), now)
  return { ok: true, value: { ...built, trackingId, generation: generated.value } }
}

/** The product and version ids of a product name and version strings (the CLI names them; no versions: all). */
export async function productVersionsByName(ctx: OrgContext, productName: string, versions: readonly string[]): Promise<ServiceResult<{ productId: string; productVersionIds: string[] }>> {
  const found = await productRepository.findByName(ctx.db, ctx.scope, productName)
  const product = found && (await productRepository.findWithVersions(ctx.db, ctx.scope, found.id))
  if (!product) return serviceError('not_found', `no product named ${productName} in ${ctx.org.slug}`)
  const missing = versions.filter((v) => !product.versions.some((row) => row.version === v))
  if (missing.length > 0) return serviceError('not_found', `${productName} has no version ${missing.join(', ')} (versions: ${product.versions.map((v) => v.version).join(', ') || 'none'})`)
  return { ok: true, value: { productId: product.id, productVersionIds: product.versions.filter((v) => versions.includes(v.version)).map((v) => v.id) } }
}
