import { open } from 'node:fs/promises'
import { inflateRawSync } from 'node:zlib'

/** One file of a ZIP archive, inflated on demand. */
export interface ZipFileEntry {
  readonly name: string
  readonly uncompressedSize: number
  read(): Promise<Buffer>
}

// One OSV record or NVD feed file is far below this; a larger entry is refused rather than inflated.
const maxEntryBytes = 512 * 1024 * 1024

/**
 * Lists a ZIP file's entries from its central directory and inflates one entry at a time with positional reads, so
 * an ecosystem export of hundreds of thousands of records never sits in memory at once.
 */
export async function zipEntries(path: string): Promise<ZipFileEntry[]> {
  const handle = await open(path, 'r')
  try {
    const size = (await handle.stat()).size
    const tailLength = Math.min(size, 65_557)
    const tail = Buffer.alloc(tailLength)
    await handle.read(tail, 0, tailLength, size - tailLength)
    let eocd = -1
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i
        break
      }
    }
    if (eocd < 0) throw new Error(`${path} is not a ZIP file (no end of central directory)`)
    let count = tail.readUInt16LE(eocd + 10)
    let directorySize = tail.readUInt32LE(eocd + 12)
    let directoryOffset = tail.readUInt32LE(eocd + 16)
    // ZIP64: the real values are in the ZIP64 end record that the locator before the EOCD points to.
    if (count === 0xffff || directoryOffset === 0xffffffff) {
      const locator = eocd - 20
      if (locator >= 0 && tail.readUInt32LE(locator) === 0x07064b50) {
        const record = Buffer.alloc(56)
        await handle.read(record, 0, 56, Number(tail.readBigUInt64LE(locator + 8)))
        count = Number(record.readBigUInt64LE(32))
        directorySize = Number(record.readBigUInt64LE(40))
        directoryOffset = Number(record.readBigUInt64LE(48))
      }
    }
    const directory = Buffer.alloc(directorySize)
    await handle.read(directory, 0, directorySize, directoryOffset)
    const entries: ZipFileEntry[] = []
    let p = 0
    for (let i = 0; i < count && p + 46 <= directory.length; i++) {
      if (directory.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: corrupt central directory`)
      const method = directory.readUInt16LE(p + 10)
      let compressedSize = directory.readUInt32LE(p + 20)
      let uncompressedSize = directory.readUInt32LE(p + 24)
      const nameLength = directory.readUInt16LE(p + 28)
      const extraLength = directory.readUInt16LE(p + 30)
      const commentLength = directory.readUInt16LE(p + 32)
      let localOffset = directory.readUInt32LE(p + 42)
      const name = directory.toString('utf8', p + 46, p + 46 + nameLength)
      const extra = directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength)
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(e)
        const len = extra.readUInt16LE(e + 2)
        if (id === 0x0001) {
          let q = e + 4
          if (uncompressedSize === 0xffffffff) (uncompressedSize = Number(extra.readBigUInt64LE(q))), (q += 8)
          if (compressedSize === 0xffffffff) (compressedSize = Number(extra.readBigUInt64LE(q))), (q += 8)
          if (localOffset === 0xffffffff) localOffset = Number(extra.readBigUInt64LE(q))
        }
        e += 4 + len
      }
      p += 46 + nameLength + extraLength + commentLength
      if (name.endsWith('/')) continue
      const sizes = { compressedSize, uncompressedSize, localOffset }
      entries.push({
        name,
        uncompressedSize,
        read: async () => {
          if (sizes.uncompressedSize > maxEntryBytes) throw new Error(`${name} is larger than ${maxEntryBytes} bytes`)
          const h = await open(path, 'r')
          try {
            const local = Buffer.alloc(30)
            await h.read(local, 0, 30, sizes.localOffset)
            const start = sizes.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
            const data = Buffer.alloc(sizes.compressedSize)
            await h.read(data, 0, sizes.compressedSize, start)
            if (method === 0) return data
            if (method === 8) return inflateRawSync(data, { maxOutputLength: maxEntryBytes })
            throw new Error(`${name}: unsupported ZIP compression method ${method}`)
          } finally {
            await h.close()
          }
        },
      })
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } finally {
    await handle.close()
  }
}
