import { deflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { Mds2Document } from '../../domain/mds2/index.js'
import { answerableQuestions, answerValues, compareVendors, defaultProfile, headerFields, sampleDocument } from '../../domain/mds2/index.js'
import { readMds2File, writeComparison, writeMds2 } from './index.js'

/** Every header field and every one of the 234 answerable questions filled, with notes that stress the formats. */
function fullDocument(): Mds2Document {
  const notes = ['', 'plain note', 'multi\nline note', 'comma, "quotes" and ; semicolons', '=SUM(A1:A2) starts like a formula', '-leading dash', 'Unicode: café – naïve “quotes” 測試']
  const answers = Object.fromEntries(answerableQuestions.map((q, i) => {
    const answer = answerValues[i % answerValues.length] ?? 'Yes'
    const note = answer === 'See Notes' ? `see note ${i}` : notes[i % notes.length] ?? ''
    return [q.id, { answer, note }]
  }))
  return {
    header: {
      manufacturerName: 'ACME Imaging, Inc.', deviceDescription: 'CT scanner\nwith workstation', deviceModel: 'CT-9, CT-9X',
      documentId: 'MDS2-CT9-001', manufacturerContact: 'psirt@acme.example', intendedUse: 'DICOM to PACS', releaseDate: '2024-02-29',
    },
    answers,
  }
}

async function roundTrip(doc: Mds2Document, format: 'xlsx' | 'csv' | 'json'): Promise<Mds2Document> {
  const written = await writeMds2(doc, format)
  if (!written.ok) throw new Error(written.error.message)
  const read = await readMds2File(written.value, `doc.${format}`)
  if (!read.ok) throw new Error(`${read.error.code}: ${read.error.message}`)
  expect(read.value.unmapped).toEqual([])
  return read.value.document
}

async function codeOf(bytes: Uint8Array, name: string): Promise<string> {
  const result = await readMds2File(bytes, name)
  return result.ok ? 'ok' : result.error.code
}

describe('MDS2 round trips', () => {
  it('JSON -> XLSX -> JSON is lossless for all 234 answers and 7 header fields', async () => {
    const doc = fullDocument()
    expect(Object.keys(doc.answers).length + headerFields.length).toBe(241)
    const fromJson = await roundTrip(doc, 'json')
    const fromXlsx = await roundTrip(fromJson, 'xlsx')
    expect(fromXlsx).toEqual(doc)
    const json1 = await writeMds2(doc, 'json')
    const json2 = await writeMds2(fromXlsx, 'json')
    expect(json1.ok && json2.ok && Buffer.from(json1.value).equals(Buffer.from(json2.value))).toBe(true)
  })

  it('CSV round trip is lossless, formula-like text included', async () => {
    expect(await roundTrip(fullDocument(), 'csv')).toEqual(fullDocument())
  })

  it('keeps unanswered questions unanswered', async () => {
    const doc = { ...fullDocument(), answers: { 'ALOF-1': { answer: null, note: 'to be checked' }, 'RMOT-3': { answer: 'No' as const, note: '' } } }
    expect(await roundTrip(doc, 'xlsx')).toEqual(doc)
  })

  it('writes the answer column with a Yes/No/N/A/See Notes dropdown and guards formula-like CSV cells', async () => {
    const written = await writeMds2(sampleDocument(), 'xlsx')
    if (!written.ok) throw new Error(written.error.message)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(written.value) as unknown as ArrayBuffer)
    const sheet = workbook.getWorksheet('MDS2')
    let validated = 0
    let answerRows = 0
    sheet?.eachRow((row) => {
      if (/^[A-Z]{3,4}-\d/.test(String(row.getCell(1).value)) && row.number > 12) {
        answerRows++
        const validation = row.getCell(3).dataValidation
        if (validation?.type === 'list' && validation.formulae?.[0] === '"Yes,No,N/A,See Notes"') validated++
      }
    })
    expect([answerRows, validated]).toEqual([234, 234])
    const csv = await writeMds2(fullDocument(), 'csv')
    expect(csv.ok && new TextDecoder().decode(csv.value)).toContain("'=SUM(A1:A2)")
  })
})

describe('importing a hand-varied workbook', () => {
  it('finds ids in a moved column, skips extra rows, reads merged header cells and variant answer spellings', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Instructions').addRow(['Fill in every answer. See MLDP-2 for malware. Answers: Yes/No/N/A'])
    const sheet = workbook.addWorksheet('Disclosure')
    sheet.addRow(['ACME MDS2 form, revision 3'])
    sheet.addRow([])
    sheet.addRow(['Manufacturer Name:', '', 'ACME Medical'])
    sheet.mergeCells('A3:B3')
    sheet.addRow(['Device Model', '', 'Scan-X 5'])
    sheet.mergeCells('A4:B4')
    sheet.addRow(['Document ID: ACME-77'])
    sheet.addRow(['Release date', '', new Date(Date.UTC(2023, 10, 5))])
    sheet.mergeCells('A6:B6')
    sheet.addRow([])
    sheet.addRow(['Comments', '', 'Response', '', 'Question #', 'Question text'])
    sheet.mergeCells('A8:B8')
    sheet.mergeCells('C8:D8')
    sheet.addRow(['', '', 'Section: ALOF automatic logoff'])
    sheet.addRow(['after 15 min', '', 'yes', '', 'ALOF-1', 'Can the device be configured...'])
    sheet.addRow(['', '', 'Y', '', 'alof-2', 'Is the length...'])
    sheet.addRow(['printed page footer', '', '', '', '', ''])
    sheet.addRow(['', '', 'N/A', '', 'AUDT-1', 'Can the medical device...'])
    sheet.addRow(['', '', 'NA', '', 'AUDT-1.1', 'Does the audit log record a USER ID?'])
    sheet.addRow(['Details in the white paper', '', 'See note', '', 'MLDP-2', '...'])
    sheet.addRow(['', '', 'no', '', 'SHAD-15', '...'])
    sheet.addRow(['', '', 'Yes, LDAP', '', 'AUTH-1.1', '...'])
    sheet.addRow(['', '', 'Yes', '', 'XYZW-3', 'not a real question'])
    sheet.addRow(['', '', 'Partly', '', 'AUTH-2', '...'])
    sheet.mergeCells('A17:B17')
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const result = await readMds2File(bytes, 'vendor.xlsx')
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.document.header).toMatchObject({ manufacturerName: 'ACME Medical', deviceModel: 'Scan-X 5', documentId: 'ACME-77', releaseDate: '2023-11-05' })
    expect(result.value.document.answers).toEqual({
      'ALOF-1': { answer: 'Yes', note: 'after 15 min' },
      'ALOF-2': { answer: 'Yes', note: '' },
      'AUDT-1': { answer: 'N/A', note: '' },
      'AUDT-1.1': { answer: 'N/A', note: '' },
      'AUTH-1.1': { answer: 'Yes', note: 'LDAP' },
      'MLDP-2': { answer: 'See Notes', note: 'Details in the white paper' },
      'SAHD-15': { answer: 'No', note: '' },
    })
    expect(result.value.unmapped.map((u) => `${u.code}@${u.location}`)).toEqual([
      'mds2_unknown_question_id@Disclosure!E18', 'mds2_unrecognised_answer@Disclosure!C19',
    ])
  })
})

// A minimal ZIP writer for hostile test files: one local header + data per entry, then the central directory.
function zip(entries: readonly { name: string; data: Uint8Array; declaredSize?: number }[]): Uint8Array {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const compressed = deflateRawSync(entry.data)
    const size = entry.declaredSize ?? entry.data.length
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8)
    local.writeUInt32LE(compressed.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26)
    parts.push(local, name, compressed)
    const header = Buffer.alloc(46)
    header.writeUInt32LE(0x02014b50, 0); header.writeUInt16LE(20, 4); header.writeUInt16LE(20, 6); header.writeUInt16LE(8, 10)
    header.writeUInt32LE(compressed.length, 20); header.writeUInt32LE(size, 24); header.writeUInt16LE(name.length, 28); header.writeUInt32LE(offset, 42)
    central.push(header, name)
    offset += 30 + name.length + compressed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...parts, directory, end]))
}

describe('bad files', () => {
  const text = new TextEncoder()

  it('rejects a file that is not an XLSX workbook', async () => {
    expect(await codeOf(text.encode('Question ID,Answer\nALOF-1,Yes\n'), 'form.xlsx')).toBe('xlsx_not_zip')
    expect(await codeOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'form.xls')).toBe('xlsx_legacy_xls')
    expect(await codeOf(zip([{ name: 'hello.txt', data: text.encode('hi') }]), 'form.xlsx')).toBe('xlsx_not_workbook')
    const real = await writeMds2(sampleDocument(), 'xlsx')
    expect(real.ok && (await codeOf(real.value.subarray(0, real.value.length - 200), 'cut.xlsx'))).toBe('xlsx_zip_corrupt')
  })

  it('refuses a zip bomb before exceljs reads it, whether the sizes are declared or hidden', async () => {
    const zeros = new Uint8Array(80 * 1024 * 1024)
    const declared = zip([{ name: '[Content_Types].xml', data: text.encode('<x/>') }, { name: 'xl/workbook.xml', data: zeros }])
    expect(declared.length).toBeLessThan(200_000)
    expect(await codeOf(declared, 'bomb.xlsx')).toBe('xlsx_zip_bomb')
    const hidden = zip([{ name: 'xl/workbook.xml', data: zeros.subarray(0, 8 * 1024 * 1024), declaredSize: 1000 }])
    const result = await readMds2File(hidden, 'bomb.xlsx')
    expect(result.ok || [result.error.code, result.error.message]).toEqual(['xlsx_zip_bomb', "entry 'xl/workbook.xml' unpacks to more than its declared 1000 bytes"])
  })

  it('reports unknown ids: in unmapped when some ids are known, as mds2_no_questions_found when none is', async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.addWorksheet('Form').addRows([['ID', 'Answer'], ['QQQQ-1', 'Yes'], ['ALOF-7', 'No']])
    expect(await codeOf(new Uint8Array(await workbook.xlsx.writeBuffer()), 'unknown.xlsx')).toBe('mds2_no_questions_found')
    const mixed = await readMds2File(text.encode('ID,Answer\nALOF-1,Yes\nALOF-7,No\n'), 'mixed.csv')
    expect(mixed.ok && mixed.value.unmapped.map((u) => `${u.code}:${u.questionId}`)).toEqual(['mds2_unknown_question_id:ALOF-7'])
    const json = await readMds2File(text.encode(JSON.stringify({ header: {}, answers: { 'ALOF-7': { answer: 'No' } } })), 'doc.json')
    expect(json.ok && json.value.unmapped.map((u) => u.code)).toEqual(['mds2_unknown_question_id'])
  })

  it('never throws on damaged workbooks: every read resolves to a result', async () => {
    const real = await writeMds2(sampleDocument(), 'xlsx')
    if (!real.ok) throw new Error(real.error.message)
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const outcomes: string[] = []
    for (let i = 0; i < 20; i++) {
      const damaged = Uint8Array.from(real.value)
      for (let j = 0; j < 5; j++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256)
      const result = await readMds2File(damaged, 'damaged.xlsx')
      outcomes.push(result.ok ? 'ok' : result.error.code)
    }
    expect(outcomes).toHaveLength(20)
    expect(outcomes.every((o) => /^(ok|xlsx_[a-z0-9_]+|mds2_[a-z_]+)$/.test(o))).toBe(true)
  })

  it('rejects broken JSON, schema violations and unknown formats with their codes', async () => {
    expect(await codeOf(text.encode('{"header":'), 'doc.json')).toBe('mds2_json_invalid')
    expect(await codeOf(text.encode('{"header":{},"answers":{"ALOF-1":{"answer":"maybe"}}}'), 'doc.json')).toBe('mds2_json_schema')
    expect(await codeOf(text.encode('%PDF-1.7'), 'doc.pdf')).toBe('mds2_unsupported_format')
  })
})

describe('PDF and comparison exports', () => {
  it('renders the document and a procurement comparison as PDF, and the comparison as XLSX', async () => {
    const pdf = await writeMds2(fullDocument(), 'pdf')
    expect(pdf.ok && new TextDecoder().decode(pdf.value.subarray(0, 5))).toBe('%PDF-')
    const comparison = compareVendors(defaultProfile, [{ label: 'ACME', document: fullDocument() }, { label: 'Example', document: sampleDocument() }])
    const comparisonPdf = await writeComparison(comparison, 'pdf')
    expect(comparisonPdf.ok && new TextDecoder().decode(comparisonPdf.value.subarray(0, 5))).toBe('%PDF-')
    const xlsx = await writeComparison(comparison, 'xlsx')
    if (!xlsx.ok) throw new Error(xlsx.error.message)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(xlsx.value) as unknown as ArrayBuffer)
    expect(workbook.getWorksheet('Requirements')?.rowCount).toBe(defaultProfile.requirements.length + 1)
    expect(workbook.getWorksheet('Requirements')?.getRow(1).values).toEqual([undefined, 'Requirement', 'Question', 'Mandatory', 'Weight', 'ACME', 'Example'])
  })
})
