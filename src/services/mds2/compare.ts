import { compareVendors, parseProfile, type ProcurementComparison, type RequirementProfile, type VendorDocument } from '../../domain/mds2/index.js'
import { mds2Repository } from '../../store/repositories/mds2.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { sharedMds2ForComparison } from '../sharing/shared-version-artifacts.js'
import { getMds2Profile } from './get-profile.js'
import { storedDocument } from './views.js'

/** Largest number of MDS2 held side by side in one comparison. */
export const MAX_COMPARED = 20

/** What to compare: MDS2 ids (uploads, the organization's documents, or documents shared with it) and an optional profile. */
export interface CompareMds2Input {
  readonly ids: readonly string[]
  /** A profile to use instead of the organization's. */
  readonly profile?: unknown
}

/** One compared MDS2: where it came from and the label of its column. */
export interface ComparedItem {
  readonly id: string
  readonly kind: 'upload' | 'document' | 'shared'
  readonly label: string
  readonly tlp: string
}

/** A procurement comparison with the items compared, in the order asked. */
export interface Mds2ComparisonView {
  readonly comparison: ProcurementComparison
  readonly items: readonly ComparedItem[]
}

/**
 * Holds one or more MDS2 (uploaded vendor files or the organization's own documents) against a requirement profile:
 * per requirement met, unmet or unknown, a weighted score per vendor, side by side.
 */
export async function compareMds2(ctx: OrgContext, input: CompareMds2Input): Promise<ServiceResult<Mds2ComparisonView>> {
  const ids = [...new Set(input.ids)]
  if (ids.length === 0) return serviceError('validation_failed', 'choose at least one MDS2 to compare')
  if (ids.length > MAX_COMPARED) return serviceError('validation_failed', `at most ${MAX_COMPARED} MDS2 can be compared at once`)
  let profile: RequirementProfile
  if (input.profile === undefined) {
    const stored = await getMds2Profile(ctx)
    if (!stored.ok) return stored
    profile = stored.value.profile
  } else {
    const parsed = parseProfile(input.profile)
    if (!parsed.ok) return serviceError('validation_failed', parsed.error.message, { code: parsed.error.code, problems: parsed.error.details })
    profile = parsed.value
  }
  const [uploads, documents] = await Promise.all([mds2Repository.findUploads(ctx.db, ctx.scope, ids), mds2Repository.findDocuments(ctx.db, ctx.scope, ids)])
  const found = new Map<string, { item: ComparedItem; vendor: () => Promise<VendorDocument | undefined> }>()
  for (const u of uploads) {
    const label = `${u.vendorName} ${u.modelName}`.trim()
    found.set(u.id, { item: { id: u.id, kind: 'upload', label, tlp: u.tlp }, vendor: async () => ({ label, document: storedDocument(u.content) }) })
  }
  for (const d of documents) {
    const label = `${ctx.org.name} ${d.productName} ${d.version}`
    found.set(d.id, {
      item: { id: d.id, kind: 'document', label, tlp: d.tlp },
      vendor: async () => {
        const revision = await mds2Repository.findRevision(ctx.db, ctx.scope, d.id, d.current_revision)
        return revision ? { label, document: storedDocument(revision.content) } : undefined
      },
    })
  }
  // MDS2 documents manufacturers share with the organization, read through the TLP policy (issue 8 part 6).
  for (const shared of await sharedMds2ForComparison(ctx, ids.filter((id) => !found.has(id)))) {
    found.set(shared.id, { item: { id: shared.id, kind: 'shared', label: shared.label, tlp: shared.tlp }, vendor: async () => ({ label: shared.label, document: shared.document }) })
  }
  const missing = ids.filter((id) => !found.has(id))
  if (missing.length > 0) return serviceError('not_found', `no MDS2 with id ${missing.join(', ')}`, { missing })
  const items: ComparedItem[] = []
  const vendors: VendorDocument[] = []
  const seen = new Map<string, number>()
  for (const id of ids) {
    const entry = found.get(id)!
    const vendor = await entry.vendor()
    if (!vendor) return serviceError('not_found', `no MDS2 with id ${id}`)
    // Two files of the same vendor and model get numbered labels, so that every column (and the ranking) is distinct.
    const count = (seen.get(entry.item.label) ?? 0) + 1
    seen.set(entry.item.label, count)
    const label = count === 1 ? entry.item.label : `${entry.item.label} (${count})`
    items.push({ ...entry.item, label })
    vendors.push({ ...vendor, label })
  }
  return { ok: true, value: { comparison: compareVendors(profile, vendors), items } }
}
