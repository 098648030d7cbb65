// MDS2 file I/O: write and read each format for a complete 234-answer document, the cost of the zip-bomb guard next
// to exceljs's own load, and the pure checks. Run: npx tsx bench/run.ts mds2
import ExcelJS from 'exceljs'
import { applyCascade, compareVendors, defaultProfile, sampleDocument, validate } from '../src/domain/mds2/index.js'
import { inspectZip, readMds2File, writeMds2 } from '../src/services/mds2-files/index.js'

async function median(runs: number, task: () => unknown): Promise<number> {
  const times: number[] = []
  await task() // warm-up
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await task()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Number.NaN
}

function bytesOf(result: { ok: true; value: Uint8Array } | { ok: false }): Uint8Array {
  if (!result.ok) throw new Error('write failed')
  return result.value
}

const doc = sampleDocument()
const xlsx = bytesOf(await writeMds2(doc, 'xlsx'))
const csv = bytesOf(await writeMds2(doc, 'csv'))
const json = bytesOf(await writeMds2(doc, 'json'))
const rows: [string, number, string][] = [
  ['write xlsx', await median(15, () => writeMds2(doc, 'xlsx')), `${xlsx.length} B`],
  ['read xlsx (guard + exceljs + interpret)', await median(15, () => readMds2File(xlsx, 'a.xlsx')), ''],
  ['  of which: zip guard (central directory + capped inflate)', await median(15, () => inspectZip(xlsx)), ''],
  ['  of which: exceljs load alone', await median(15, () => new ExcelJS.Workbook().xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer)), ''],
  ['write csv', await median(30, () => writeMds2(doc, 'csv')), `${csv.length} B`],
  ['read csv', await median(30, () => readMds2File(csv, 'a.csv')), ''],
  ['write json', await median(30, () => writeMds2(doc, 'json')), `${json.length} B`],
  ['read json (ajv schema)', await median(30, () => readMds2File(json, 'a.json')), ''],
  ['write pdf', await median(5, () => writeMds2(doc, 'pdf')), ''],
  ['validate (all rules)', await median(200, () => validate(doc)), ''],
  ['applyCascade', await median(200, () => applyCascade(doc, { includeExpected: true })), ''],
  ['compare 10 vendors vs default profile', await median(50, () => compareVendors(defaultProfile, Array.from({ length: 10 }, (_, i) => ({ label: `v${i}`, document: doc })))), ''],
]
console.log('| operation | median ms | size |')
console.log('|---|---:|---:|')
for (const [name, ms, size] of rows) console.log(`| ${name} | ${ms.toFixed(2)} | ${size} |`)
