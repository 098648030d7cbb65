import { markedExport } from '../../domain/sharing/marking.js'
import type { SharedProduct, SharedProductFilter } from '../../store/repositories/sharing-products.js'
import type { ServiceResult } from '../context.js'
import { productSource, visibleVersions } from './product-source.js'
import { listSharedArtifacts, readSharedArtifact, type SharingReader } from './shared-artifacts.js'

/** Lists the products (of every manufacturer, or one) the reader may see under TLP and its relationships. */
export async function listSharedProducts(reader: SharingReader, filter: SharedProductFilter = {}): Promise<ServiceResult<SharedProduct[]>> {
  const listed = await listSharedArtifacts(reader, productSource, filter)
  return listed.ok ? { ok: true, value: listed.value.map((r) => r.value) } : listed
}

/** Reads one shared product with the versions the reader may see. */
export async function getSharedProduct(reader: SharingReader, productId: string, action = 'read'): Promise<ServiceResult<SharedProduct>> {
  const read = await readSharedArtifact(reader, productSource, productId, action)
  return read.ok ? { ok: true, value: visibleVersions(read.value.value, reader.viewer, read.value.header.namedRecipients ?? []) } : read
}

/** Exports one shared product as JSON that carries its TLP marking; the export is logged like a read. */
export async function exportSharedProduct(reader: SharingReader, productId: string, now = new Date()): Promise<ServiceResult<ReturnType<typeof markedExport<SharedProduct>>>> {
  const read = await getSharedProduct(reader, productId, 'export')
  return read.ok ? { ok: true, value: markedExport(read.value.tlp, 'medsec.product', read.value, now) } : read
}
