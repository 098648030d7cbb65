import { inflateRawSync } from 'node:zlib'
import { fail, ok, problem } from '../../domain/result.js'
import type { Result } from '../../domain/result.js'

/** Limits that a ZIP container (an XLSX file) must respect before any XML parser sees it. */
export interface ZipLimits {
  readonly maxEntries: number
  readonly maxTotalUncompressed: number
  /** Largest uncompressed/compressed ratio allowed for an entry bigger than 1 MiB. */
  readonly maxRatio: number
}

/** Limits far above any real MDS2 workbook (a few hundred kilobytes unpacked). */
export const defaultZipLimits: ZipLimits = { maxEntries: 1_000, maxTotalUncompressed: 64 * 1024 * 1024, maxRatio: 200 }

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly localHeaderOffset: number
}

const endOfCentralDirectory = 0x06054b50
const centralFileHeader = 0x02014b50
const localFileHeader = 0x04034b50

/**
 * Reads the ZIP central directory and checks it against the limits, then inflates every entry with an output cap
 * equal to its declared size, so that a directory that lies about sizes is caught too. Codes: xlsx_not_zip,
 * xlsx_zip_corrupt, xlsx_zip64_unsupported, xlsx_encrypted, xlsx_zip_unsupported_method, xlsx_zip_bomb.
 */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): Result<readonly ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 22 || view.getUint32(0, true) !== localFileHeader) return fail(problem('xlsx_not_zip', 'the file is not a ZIP container, so not an XLSX workbook'))
  let eocd = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === endOfCentralDirectory) {
      eocd = at
      break
    }
  }
  if (eocd < 0) return fail(problem('xlsx_zip_corrupt', 'the ZIP end-of-central-directory record is missing'))
  const count = view.getUint16(eocd + 10, true)
  const directorySize = view.getUint32(eocd + 12, true)
  const directoryOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    return fail(problem('xlsx_zip64_unsupported', 'ZIP64 containers are not accepted for MDS2 workbooks'))
  }
  if (count > limits.maxEntries) return fail(problem('xlsx_zip_bomb', `the container has ${count} entries (limit ${limits.maxEntries})`))
  if (directoryOffset + directorySize > eocd) return fail(problem('xlsx_zip_corrupt', 'the ZIP central directory lies outside the file'))
  const entries: ZipEntry[] = []
  let total = 0
  let at = directoryOffset
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== centralFileHeader) return fail(problem('xlsx_zip_corrupt', `ZIP central directory entry ${i} is malformed`))
    const flags = view.getUint16(at + 8, true)
    const method = view.getUint16(at + 10, true)
    const compressedSize = view.getUint32(at + 20, true)
    const uncompressedSize = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const localHeaderOffset = view.getUint32(at + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength))
    at += 46 + nameLength + extraLength + commentLength
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      return fail(problem('xlsx_zip64_unsupported', 'ZIP64 containers are not accepted for MDS2 workbooks'))
    }
    if ((flags & 1) !== 0) return fail(problem('xlsx_encrypted', `entry '${name}' is encrypted; remove the password and export again`))
    if (method !== 0 && method !== 8) return fail(problem('xlsx_zip_unsupported_method', `entry '${name}' uses compression method ${method}`))
    total += uncompressedSize
    if (total > limits.maxTotalUncompressed) {
      return fail(problem('xlsx_zip_bomb', `the container unpacks to more than ${limits.maxTotalUncompressed} bytes`))
    }
    if (uncompressedSize > 1024 * 1024 && uncompressedSize > compressedSize * limits.maxRatio) {
      return fail(problem('xlsx_zip_bomb', `entry '${name}' expands ${Math.round(uncompressedSize / Math.max(1, compressedSize))} times (limit ${limits.maxRatio})`))
    }
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset })
  }
  for (const entry of entries) {
    const checked = checkEntryData(bytes, view, entry)
    if (!checked.ok) return checked
  }
  return ok(entries)
}

// The central directory could understate sizes; inflate each entry with a hard cap at its declared size.
function checkEntryData(bytes: Uint8Array, view: DataView, entry: ZipEntry): Result<true> {
  const at = entry.localHeaderOffset
  if (at + 30 > bytes.length || view.getUint32(at, true) !== localFileHeader) return fail(problem('xlsx_zip_corrupt', `entry '${entry.name}' has no local header`))
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  const end = start + entry.compressedSize
  if (end > bytes.length) return fail(problem('xlsx_zip_corrupt', `entry '${entry.name}' runs past the end of the file`))
  if (entry.method === 0) {
    return entry.compressedSize === entry.uncompressedSize ? ok(true) : fail(problem('xlsx_zip_corrupt', `stored entry '${entry.name}' has inconsistent sizes`))
  }
  try {
    const out = inflateRawSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, entry.uncompressedSize) })
    if (out.length !== entry.uncompressedSize) return fail(problem('xlsx_zip_corrupt', `entry '${entry.name}' does not unpack to its declared size`))
    return ok(true)
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return fail(problem('xlsx_zip_bomb', `entry '${entry.name}' unpacks to more than its declared ${entry.uncompressedSize} bytes`))
    }
    return fail(problem('xlsx_zip_corrupt', `entry '${entry.name}' cannot be inflated: ${err instanceof Error ? err.message : String(err)}`))
  }
}
