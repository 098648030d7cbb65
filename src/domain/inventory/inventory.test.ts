import { describe, expect, it } from 'vitest'
import { parseDelimited, csvField } from './csv.js'
import { mapTable, mappingFromSuggestions, parseColumnMapping, suggestMapping } from './mapping.js'
import { hasValidGs1CheckDigit, normalizeDeviceValues, parseCalendarDate, parseIpAddress, parseMacAddress, parseModality } from './normalize.js'
import { planImport } from './import-plan.js'
import { expandHosts, parsePorts } from './discovery.js'

const HOSPITAL_CSV = [
  'Asset Tag;Serial No.;Vendor;Model Name;SW Version;Modality;IP Address;MAC;VLAN ID;AE Title;Port;Location;Dept;Install Date;Expected EOL;Stores PHI;Criticality;Notes',
  'RAD-001;CT734100;GE Healthcare;Revolution CT;19.1;CT;10.20.40.10;00:1A:2B:3C:4D:5E;120;CT_RAD1;104;CT Room 1;Radiology;2019-03-01;2031-12-31;yes;high;"main scanner; do not ""reboot"""',
  'RAD-002;MR22;Siemens Healthineers;MAGNETOM Vida;XA50;MRI;10.20.40.11;001a.2b3c.4d5f;120;MR_RAD1;11112;MRI Suite;Radiology;01.06.2020;2032-06-30;Y;critical;',
  'RAD-003;US9;Philips;EPIQ 7;9.0.3;Ultrasound;10.20.40.300;;;;;;Obstetrics;2021/13/01;;maybe;;',
  ';SN-ONLY-1;Contoso;RadiView DR;5.0.2;DX;;;;;;X-ray 1;;;;no;medium;',
  ';;Contoso;RadiView DR;5.0.2;DX;;;;;;;;;;;;',
].join('\r\n')

describe('CSV reading', () => {
  it('reads a semicolon file with quoted fields, doubled quotes and a BOM', () => {
    const table = parseDelimited('\uFEFF' + HOSPITAL_CSV)
    expect(table.ok).toBe(true)
    if (!table.ok) return
    expect(table.value.headers).toHaveLength(18)
    expect(table.value.rows).toHaveLength(5)
    expect(table.value.rows[0]![17]).toBe('main scanner; do not "reboot"')
    expect(table.value.rowNumbers).toEqual([2, 3, 4, 5, 6])
  })

  it('reports an unterminated quote and an empty file with codes', () => {
    expect(parseDelimited('a,b\n"x,y\n')).toMatchObject({ ok: false, error: { code: 'csv_unterminated_quote' } })
    expect(parseDelimited('')).toMatchObject({ ok: false, error: { code: 'csv_empty' } })
  })

  it('keeps line breaks inside quotes and numbers rows by the line they start on', () => {
    const table = parseDelimited('Asset Tag,Location\nA1,"Room\n2"\nA2,Room 3\n')
    expect(table.ok && table.value.rows).toEqual([['A1', 'Room\n2'], ['A2', 'Room 3']])
    expect(table.ok && table.value.rowNumbers).toEqual([2, 4])
  })

  it('guards cells a spreadsheet would run as formulas when writing', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
    expect(csvField('-12')).toBe('-12')
    expect(csvField('a;b')).toBe('"a;b"')
  })
})

describe('column mapping', () => {
  it('suggests every field of a typical hospital export from its header names', () => {
    const table = parseDelimited(HOSPITAL_CSV)
    if (!table.ok) throw new Error(table.error.message)
    const suggestions = suggestMapping(table.value.headers)
    expect(Object.fromEntries(suggestions.map((s) => [s.header, s.field]))).toEqual({
      'Asset Tag': 'assetTag',
      'Serial No.': 'serialNumber',
      Vendor: 'manufacturer',
      'Model Name': 'model',
      'SW Version': 'softwareVersion',
      Modality: 'modality',
      'IP Address': 'ipAddress',
      MAC: 'macAddress',
      'VLAN ID': 'vlan',
      'AE Title': 'aeTitle',
      Port: 'dicomPort',
      Location: 'location',
      Dept: 'department',
      'Install Date': 'installDate',
      'Expected EOL': 'clinicalEndOfLife',
      'Stores PHI': 'storesPhi',
      Criticality: 'criticality',
      Notes: null,
    })
  })

  it('gives a field to one column only: the better match wins', () => {
    const suggestions = suggestMapping(['Device IP Address', 'IP', 'Serial', 'Serial Number'])
    expect(suggestions.map((s) => s.field)).toEqual([null, 'ipAddress', null, 'serialNumber'])
    expect(suggestions[0]!.reason).toBe('taken_by_better_column')
  })

  it('refuses a mapping with an unknown field or a field twice', () => {
    expect(parseColumnMapping({ A: 'nope' })).toMatchObject({ ok: false, error: { code: 'mapping_field_unknown' } })
    expect(parseColumnMapping({ A: 'model', B: 'model' })).toMatchObject({ ok: false, error: { code: 'mapping_field_twice' } })
    expect(parseColumnMapping([])).toMatchObject({ ok: false, error: { code: 'mapping_invalid' } })
  })

  it('maps rows, normalises values and reports bad rows with row, column and code', () => {
    const table = parseDelimited(HOSPITAL_CSV)
    if (!table.ok) throw new Error(table.error.message)
    const rows = mapTable(table.value, mappingFromSuggestions(suggestMapping(table.value.headers)))
    expect(rows.map((r) => r.kind)).toEqual(['valid', 'valid', 'invalid', 'valid', 'invalid'])
    expect(rows[1]).toMatchObject({ kind: 'valid', record: { modality: 'MR', macAddress: '00:1a:2b:3c:4d:5f', installDate: '2020-06-01', storesPhi: true, criticality: 'critical', dicomPort: 11112 } })
    const bad = rows[2]!
    expect(bad.kind === 'invalid' && bad.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [4, 'IP Address', 'device_ip_invalid'],
      [4, 'Install Date', 'device_date_invalid'],
      [4, 'Stores PHI', 'device_boolean_invalid'],
    ])
    const keyless = rows[4]!
    expect(keyless.kind === 'invalid' && keyless.problems.map((p) => p.code)).toEqual(['device_key_missing'])
  })

  it('refuses a row whose cell holds a NUL character (no database stores it), keeping the rows around it', () => {
    const table = parseDelimited('Asset Tag,Serial Number,Manufacturer,Model\nA-1,S\u00001,Acme,CT\nA-2,S2,Acme,CT\n')
    if (!table.ok) throw new Error(table.error.message)
    const rows = mapTable(table.value, mappingFromSuggestions(suggestMapping(table.value.headers)))
    expect(rows.map((r) => r.kind)).toEqual(['invalid', 'valid'])
    const nul = rows[0]!
    expect(nul.kind === 'invalid' && nul.problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, 'Serial Number', 'device_field_nul']])
  })
})

describe('value normalisation', () => {
  it('reads modalities by code and common name, and refuses others', () => {
    expect(['ct', 'MRI', 'PET/CT', 'Ultrasound', 'XA', 'OT'].map(parseModality)).toEqual(['CT', 'MR', 'PT', 'US', 'XA', 'OT'])
    expect(parseModality('toaster')).toBeUndefined()
  })

  it('reads addresses and refuses malformed ones', () => {
    expect(parseIpAddress('10.0.0.1')).toBe('10.0.0.1')
    expect(parseIpAddress('fe80::1')).toBe('fe80::1')
    for (const bad of ['10.0.0.256', '10.0.0', '010.0.0.1', '1::2::3', '10.0.0.0/24']) expect(parseIpAddress(bad), bad).toBeUndefined()
    expect(parseMacAddress('00-1A-2B-3C-4D-5E')).toBe('00:1a:2b:3c:4d:5e')
    expect(parseMacAddress('00:1A:2B:3C:4D')).toBeUndefined()
  })

  it('reads unambiguous dates only', () => {
    expect(parseCalendarDate('2031-12-31')).toBe('2031-12-31')
    expect(parseCalendarDate('31.12.2031')).toBe('2031-12-31')
    expect(parseCalendarDate('2031-12-31T00:00:00.000Z')).toBe('2031-12-31')
    for (const bad of ['01/02/2030', '2030-02-30', 'soon', '2030']) expect(parseCalendarDate(bad), bad).toBeUndefined()
  })

  it('checks GS1 UDI-DIs by their check digit and strips the (01) application identifier', () => {
    expect(hasValidGs1CheckDigit('00812345000016')).toBe(true)
    expect(hasValidGs1CheckDigit('00812345000013')).toBe(false)
    expect(normalizeDeviceValues({ assetTag: 'A', udiDi: '(01)00812345000016' })).toMatchObject({ kind: 'valid', record: { udiDi: '00812345000016' } })
    expect(normalizeDeviceValues({ assetTag: 'A', udiDi: '00812345000013' })).toMatchObject({ kind: 'invalid', problems: [{ code: 'device_udi_di_invalid' }] })
    expect(normalizeDeviceValues({ assetTag: 'A', udiDi: '+H123ABC1' })).toMatchObject({ kind: 'valid', record: { udiDi: '+H123ABC1' } })
  })

  it('refuses AE titles longer than 16 characters or with a backslash, and an end of life before installation', () => {
    expect(normalizeDeviceValues({ assetTag: 'A', aeTitle: 'A_VERY_LONG_AE_TITLE' })).toMatchObject({ kind: 'invalid', problems: [{ code: 'device_ae_title_invalid' }] })
    expect(normalizeDeviceValues({ assetTag: 'A', aeTitle: 'CT\\1' })).toMatchObject({ kind: 'invalid' })
    expect(normalizeDeviceValues({ assetTag: 'A', installDate: '2020-01-01', clinicalEndOfLife: '2019-01-01' })).toMatchObject({ kind: 'invalid', problems: [{ code: 'device_end_of_life_before_install' }] })
  })
})

describe('import planning', () => {
  const existing = [
    { id: 'd1', record: { assetTag: 'RAD-001', serialNumber: 'CT734100', manufacturer: 'GE Healthcare', softwareVersion: '19.1' } },
    { id: 'd2', record: { assetTag: 'SN-SN-ONLY-1', serialNumber: 'SN-ONLY-1', manufacturer: 'Contoso' } },
  ]
  const valid = (row: number, record: Record<string, unknown>) => ({ kind: 'valid' as const, row, record })

  it('creates new devices, updates changed ones, and leaves equal ones alone', () => {
    const plan = planImport(
      [valid(2, { assetTag: 'RAD-001', softwareVersion: '19.1' }), valid(3, { assetTag: 'RAD-002', model: 'Vida' }), valid(4, { serialNumber: 'sn-only-1', softwareVersion: '5.1' }), valid(5, { serialNumber: 'NEW-9' })],
      existing,
    )
    expect(plan.unchanged).toEqual([{ row: 2, id: 'd1' }])
    expect(plan.creates.map((c) => c.record.assetTag)).toEqual(['RAD-002', 'SN-NEW-9'])
    expect(plan.updates).toEqual([{ row: 4, id: 'd2', assetTag: 'SN-SN-ONLY-1', changes: { serialNumber: 'sn-only-1', softwareVersion: '5.1' } }])
    expect(plan.rejected).toEqual([])
  })

  it('refuses a second row for the same device and a serial that belongs to another asset tag', () => {
    const plan = planImport([valid(2, { assetTag: 'X1' }), valid(3, { assetTag: 'X1' }), valid(4, { assetTag: 'X2', serialNumber: 'CT734100' })], existing)
    expect(plan.rejected.map((r) => [r.row, r.problems[0]!.code])).toEqual([
      [3, 'device_duplicate_in_file'],
      [4, 'device_serial_conflict'],
    ])
    expect(plan.rejected[0]!.reason).toContain('row 2')
  })
})

describe('discovery bounds', () => {
  it('expands a /24 to 254 hosts and refuses anything larger', () => {
    const hosts = expandHosts('192.168.10.0/24')
    expect(hosts.ok && hosts.value.length).toBe(254)
    expect(hosts.ok && [hosts.value[0], hosts.value.at(-1)]).toEqual(['192.168.10.1', '192.168.10.254'])
    expect(expandHosts('10.0.0.0/23')).toMatchObject({ ok: false, error: { code: 'discovery_too_many_hosts' } })
    expect(expandHosts('127.0.0.1,127.0.0.1')).toEqual({ ok: true, value: ['127.0.0.1'] })
    expect(expandHosts('example.org')).toMatchObject({ ok: false, error: { code: 'discovery_host_invalid' } })
  })

  it('reads port lists and refuses bad ports', () => {
    expect(parsePorts('104, 11112')).toEqual({ ok: true, value: [104, 11112] })
    expect(parsePorts('0')).toMatchObject({ ok: false, error: { code: 'discovery_port_invalid' } })
    expect(parsePorts('70000')).toMatchObject({ ok: false })
  })
})
