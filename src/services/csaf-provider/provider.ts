import type { Kysely } from 'kysely'
import type { ArtifactHeader } from '../../domain/sharing/artifacts.js'
import { canRead } from '../../domain/sharing/policy.js'
import type { Database } from '../../store/schema.js'
import { csafProviderRepository, type AdvisoryFileSummary } from '../../store/repositories/advisories.js'
import { sharingRepository } from '../../store/repositories/sharing.js'
import type { AdvisoryFileRow, AdvisoryTlp } from '../../store/tables/advisories.js'
import { serviceError, type ServiceResult } from '../context.js'
import type { SharingReader } from '../sharing/shared-artifacts.js'
import { filePath, providerBase, tlpFolder } from '../advisories/common.js'
import { validateAggregator, validateProviderMetadata, type SchemaFinding } from './schema-validation.js'

/** The TLP folders of a provider, CLEAR first (its feed is the one CSAF requires). */
export const PROVIDER_TLPS: readonly AdvisoryTlp[] = ['CLEAR', 'GREEN', 'AMBER', 'RED']

/** The TLP label of a provider folder name (white, green, amber, red), or undefined. */
export function tlpOfFolder(folder: string): AdvisoryTlp | undefined {
  return PROVIDER_TLPS.find((tlp) => tlpFolder(tlp) === folder)
}

/** The CSAF 2.0 label of a TLP (CLEAR is WHITE in CSAF 2.0). */
function csafLabel(tlp: AdvisoryTlp): string {
  return tlp === 'CLEAR' ? 'WHITE' : tlp
}

type Publisher = NonNullable<Awaited<ReturnType<typeof csafProviderRepository.organizationBySlug>>>

async function openPublisher(db: Kysely<Database>, slug: string): Promise<ServiceResult<Publisher>> {
  const org = await csafProviderRepository.organizationBySlug(db, slug)
  if (!org || org.kind !== 'manufacturer') return serviceError('not_found', 'no such CSAF provider')
  return { ok: true, value: org }
}

/**
 * Whether any of the readers may read a published advisory: the TLP policy of src/domain/sharing decides for each
 * product the advisory covers, and every one must be allowed (an advisory naming a product outside a recipient's
 * relationship is not shown to it). Returns the decisions of the reader that may, for the access log.
 */
function entitledReader(readers: readonly SharingReader[], file: Pick<AdvisoryFileSummary, 'advisory_id' | 'org_id' | 'tlp'>, productIds: readonly string[]) {
  const headers: ArtifactHeader[] = (productIds.length > 0 ? productIds : [null]).map((productId) => ({ kind: 'advisory', id: file.advisory_id, ownerOrgId: file.org_id, tlp: file.tlp, productId }))
  for (const reader of readers) {
    const decisions = headers.map((header) => ({ header, decision: canRead(header, reader.viewer) }))
    if (decisions.every((d) => d.decision.allowed)) return { reader, decisions }
  }
  return undefined
}

/** The files of one TLP folder the readers may see, newest first. */
async function visibleFiles(db: Kysely<Database>, orgId: string, tlp: AdvisoryTlp, readers: readonly SharingReader[]): Promise<AdvisoryFileSummary[]> {
  const files = await csafProviderRepository.files(db, orgId, tlp)
  if (tlp === 'CLEAR') return files
  const products = await csafProviderRepository.productIdsOf(db, files.map((f) => f.advisory_id))
  return files.filter((file) => entitledReader(readers, file, products.get(file.advisory_id) ?? []) !== undefined)
}

/** A generated provider document and its schema findings (empty when valid). */
export interface GeneratedJson {
  readonly document: Record<string, unknown>
  readonly schemaErrors: readonly SchemaFinding[]
}

/**
 * A manufacturer's provider-metadata.json: role csaf_trusted_provider (documents are hashed and signed), a directory
 * distribution per TLP folder, one ROLIE feed per TLP, and the active public OpenPGP key. Validated against the
 * CSAF provider schema.
 */
export async function providerMetadata(db: Kysely<Database>, slug: string, base: string, canonicalUrl?: string): Promise<ServiceResult<GeneratedJson>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const org = opened.value
  const root = providerBase(base, org.slug)
  const [key, lastPublished] = await Promise.all([csafProviderRepository.activePublicKey(db, org.id), csafProviderRepository.lastPublished(db, org.id)])
  const document = {
    canonical_url: canonicalUrl ?? `${root}/provider-metadata.json`,
    distributions: [
      ...PROVIDER_TLPS.map((tlp) => ({ directory_url: `${root}/${tlpFolder(tlp)}/` })),
      {
        rolie: {
          feeds: PROVIDER_TLPS.map((tlp) => ({
            summary: `${tlp === 'CLEAR' ? 'All public' : `TLP:${tlp}`} advisories of ${org.name}${tlp === 'CLEAR' ? '' : ' (for entitled organizations only)'}.`,
            tlp_label: csafLabel(tlp),
            url: `${root}/feed-tlp-${tlpFolder(tlp)}.json`,
          })),
        },
      },
    ],
    last_updated: (lastPublished ?? new Date(0)).toISOString(),
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: key ? [{ fingerprint: key.fingerprint, url: `${root}/openpgp/${key.fingerprint}.asc` }] : [],
    publisher: { category: 'vendor', name: org.name, namespace: `${base}/orgs/${encodeURIComponent(org.slug)}` },
    role: key ? 'csaf_trusted_provider' : 'csaf_provider',
  }
  return { ok: true, value: { document, schemaErrors: validateProviderMetadata(document) } }
}

/**
 * The instance's aggregator.json (category lister): every manufacturer that has published through its provider.
 * On a fresh instance the list is empty, which the aggregator schema (minItems 1) does not allow; the findings say so.
 */
export async function aggregatorDocument(db: Kysely<Database>, base: string, now = new Date()): Promise<GeneratedJson> {
  const publishers = await csafProviderRepository.publishers(db)
  const document = {
    aggregator: {
      category: 'lister',
      contact_details: `${base}/.well-known/security.txt`,
      issuing_authority: 'The operator of this medsec instance lists the CSAF providers of the manufacturers it hosts.',
      name: 'medsec CSAF lister',
      namespace: base,
    },
    aggregator_version: '2.0',
    canonical_url: `${base}/.well-known/csaf-aggregator/aggregator.json`,
    csaf_providers: publishers.map((p) => ({
      metadata: {
        last_updated: p.last_updated.toISOString(),
        publisher: { category: 'vendor', name: p.name, namespace: `${base}/orgs/${encodeURIComponent(p.slug)}` },
        role: 'csaf_trusted_provider',
        url: `${providerBase(base, p.slug)}/provider-metadata.json`,
      },
    })),
    last_updated: (publishers.reduce<Date | undefined>((latest, p) => (!latest || p.last_updated > latest ? p.last_updated : latest), undefined) ?? now).toISOString(),
  }
  return { document, schemaErrors: validateAggregator(document) }
}

/** `index.txt` of a TLP folder: one path per line, relative to the folder. */
export async function directoryIndex(db: Kysely<Database>, slug: string, tlp: AdvisoryTlp, readers: readonly SharingReader[]): Promise<ServiceResult<string>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const files = await visibleFiles(db, opened.value.id, tlp, readers)
  return { ok: true, value: files.map((f) => `${f.year}/${f.filename}\n`).join('') }
}

/** `changes.csv` of a TLP folder: `"<path>","<current_release_date>"`, newest first, no header. */
export async function directoryChanges(db: Kysely<Database>, slug: string, tlp: AdvisoryTlp, readers: readonly SharingReader[]): Promise<ServiceResult<string>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const files = await visibleFiles(db, opened.value.id, tlp, readers)
  return { ok: true, value: files.map((f) => `"${f.year}/${f.filename}","${f.current_release_date.toISOString()}"\n`).join('') }
}

/** The years of a TLP folder and the files of each, for the directory listing. */
export async function directoryListing(db: Kysely<Database>, slug: string, tlp: AdvisoryTlp, readers: readonly SharingReader[]): Promise<ServiceResult<string[]>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const files = await visibleFiles(db, opened.value.id, tlp, readers)
  return { ok: true, value: files.map((f) => `${f.year}/${f.filename}`).sort() }
}

/** The ROLIE feed (RFC 8322, JSON) of a TLP folder: each entry links the document, its SHA-512 and its signature. */
export async function rolieFeed(db: Kysely<Database>, slug: string, tlp: AdvisoryTlp, readers: readonly SharingReader[], base: string, now = new Date()): Promise<ServiceResult<Record<string, unknown>>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const org = opened.value
  const root = providerBase(base, org.slug)
  const files = await visibleFiles(db, org.id, tlp, readers)
  const label = csafLabel(tlp)
  return {
    ok: true,
    value: {
      feed: {
        id: `${org.slug}-csaf-feed-tlp-${tlpFolder(tlp)}`,
        title: `${org.name} CSAF feed (TLP:${label})`,
        link: [{ rel: 'self', href: `${root}/feed-tlp-${tlpFolder(tlp)}.json` }],
        category: [{ scheme: 'urn:ietf:params:rolie:category:information-type', term: 'csaf' }],
        updated: (files[0]?.published_at ?? now).toISOString(),
        entry: files.map((f) => {
          const url = `${root}/${filePath(f.tlp, f.year, f.tracking_id)}`
          return {
            id: f.tracking_id,
            title: f.title,
            link: [
              { rel: 'self', href: url },
              { rel: 'hash', href: `${url}.sha256` },
              { rel: 'hash', href: `${url}.sha512` },
              { rel: 'signature', href: `${url}.asc` },
            ],
            published: f.initial_release_date.toISOString(),
            updated: f.current_release_date.toISOString(),
            summary: { content: f.title },
            content: { type: 'application/json', src: url },
            format: { schema: 'https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json', version: '2.0' },
          }
        }),
      },
    },
  }
}

/** One published file with what the provider serves beside it. */
export type ProviderFile = Pick<AdvisoryFileRow, 'content' | 'sha256' | 'sha512' | 'signature' | 'filename' | 'tlp'>

/**
 * A published document of a TLP folder, when the readers may read it ("not found" otherwise, so that its existence
 * is not revealed); a read of a restricted document by another organization is written to the access log.
 */
export async function providerFile(db: Kysely<Database>, slug: string, tlp: AdvisoryTlp, year: string, filename: string, readers: readonly SharingReader[]): Promise<ServiceResult<ProviderFile>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const notFound = serviceError('not_found', 'no such document')
  const file = await csafProviderRepository.file(db, opened.value.id, tlp, year, filename)
  if (!file) return notFound
  if (tlp !== 'CLEAR') {
    const products = await csafProviderRepository.productIdsOf(db, [file.advisory_id])
    const entitled = entitledReader(readers, file, products.get(file.advisory_id) ?? [])
    if (!entitled) return notFound
    const viewer = entitled.reader.viewer
    if (viewer.kind === 'member') {
      await sharingRepository.logAccess(
        db,
        entitled.decisions
          .filter((d) => d.decision.logAccess)
          .map((d) => ({ artifact: d.header, viewerOrgId: viewer.orgId, viewerActorId: entitled.reader.actorId, viewerLabel: entitled.reader.actorLabel, action: 'csaf_download', reason: d.decision.reason })),
      )
    }
  }
  return { ok: true, value: file }
}

/** A manufacturer's public OpenPGP key by fingerprint (only the active key is served). */
export async function providerPublicKey(db: Kysely<Database>, slug: string, fingerprint: string): Promise<ServiceResult<string>> {
  const opened = await openPublisher(db, slug)
  if (!opened.ok) return opened
  const key = await csafProviderRepository.activePublicKey(db, opened.value.id)
  return key && key.fingerprint === fingerprint.toUpperCase() ? { ok: true, value: key.public_key } : serviceError('not_found', 'no such key')
}
