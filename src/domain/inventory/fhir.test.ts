import { describe, expect, it } from 'vitest'
import { devicesFromFhir, devicesToFhirBundle, DICOM_CODE_SYSTEM } from './fhir.js'

// A Bundle as a hospital's EHR or CMMS exports it: Devices with identifiers of several kinds, a UDI carrier given
// only as human-readable form, deviceName variants, typed versions, references with display text, and entries
// of other resource types that are not devices.
const HOSPITAL_BUNDLE = {
  resourceType: 'Bundle',
  id: 'cmms-export-2026-03',
  type: 'searchset',
  total: 5,
  entry: [
    {
      fullUrl: 'https://ehr.st-example.example/fhir/Device/ct-1',
      resource: {
        resourceType: 'Device',
        id: 'ct-1',
        identifier: [
          { system: 'https://st-example.example/cmms/asset', type: { text: 'Asset Tag' }, value: 'RAD-001' },
          { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'SNO' }] }, value: 'GE-CT-7731' },
        ],
        udiCarrier: [{ deviceIdentifier: '00812345000016', issuer: 'http://hl7.org/fhir/NamingSystem/gs1-di', carrierHRF: '(01)00812345000016(21)GE-CT-7731' }],
        status: 'active',
        manufacturer: 'GE Healthcare',
        deviceName: [
          { name: 'Revolution CT', type: 'manufacturer-name' },
          { name: 'CT Room 1 scanner', type: 'user-friendly-name' },
        ],
        modelNumber: 'REV-CT-256',
        type: { coding: [{ system: DICOM_CODE_SYSTEM, code: 'CT', display: 'Computed Tomography' }] },
        version: [
          { type: { text: 'hardware' }, value: 'B2' },
          { type: { coding: [{ code: 'software', display: 'Software version' }] }, value: '19.1' },
        ],
        owner: { reference: 'Organization/radiology', display: 'Radiology Department' },
        location: { reference: 'Location/ct-room-1', display: 'CT Room 1' },
        property: [{ type: { text: 'IP address' }, valueCode: [{ text: '10.20.40.10' }] }, { type: { text: 'AE title' }, valueCode: [{ text: 'CT_RAD1' }] }],
      },
    },
    { fullUrl: 'https://ehr.st-example.example/fhir/Location/ct-room-1', resource: { resourceType: 'Location', id: 'ct-room-1', name: 'CT Room 1' } },
    {
      resource: {
        resourceType: 'Device',
        id: 'us-7',
        identifier: [{ system: 'https://st-example.example/cmms/asset', value: 'OB-017' }],
        udiCarrier: [{ carrierHRF: '(01)00812345000023(11)210301' }],
        status: 'inactive',
        manufacturer: 'Philips Medical Systems',
        deviceName: [{ name: 'EPIQ 7', type: 'model-name' }],
        version: [{ value: '9.0.3' }],
        type: { coding: [{ system: 'http://snomed.info/sct', code: '706024003', display: 'Ultrasound imaging system' }] },
      },
    },
    { resource: { resourceType: 'Device', id: 'bad-1', identifier: [{ type: { text: 'Asset Tag' }, value: 'BAD-1' }], property: [{ type: { text: 'IP address' }, valueCode: [{ text: '999.1.1.1' }] }] } },
    { resource: { resourceType: 'Device', id: 'err-1', status: 'entered-in-error', identifier: [{ type: { text: 'Asset Tag' }, value: 'ERR-1' }] } },
  ],
}

describe('FHIR R4 Device import', () => {
  const read = devicesFromFhir(JSON.stringify(HOSPITAL_BUNDLE))

  it('reads each Device entry as a row numbered by its entry and skips other resources', () => {
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect(read.value.skippedEntries).toBe(1)
    expect(read.value.rows.map((r) => [r.row, r.kind])).toEqual([
      [1, 'valid'],
      [3, 'valid'],
      [4, 'invalid'],
      [5, 'invalid'],
    ])
  })

  it('maps identifiers, UDI carrier, manufacturer, names, software version, DICOM type, owner, location and properties', () => {
    if (!read.ok) throw new Error(read.error.message)
    expect(read.value.rows[0]).toEqual({
      kind: 'valid',
      row: 1,
      record: {
        assetTag: 'RAD-001',
        serialNumber: 'GE-CT-7731',
        manufacturer: 'GE Healthcare',
        model: 'Revolution CT',
        udiDi: '00812345000016',
        softwareVersion: '19.1',
        modality: 'CT',
        location: 'CT Room 1',
        owner: 'Radiology Department',
        status: 'in_service',
        ipAddress: '10.20.40.10',
        aeTitle: 'CT_RAD1',
      },
    })
    expect(read.value.rows[1]).toMatchObject({ record: { assetTag: 'OB-017', udiDi: '00812345000023', model: 'EPIQ 7', softwareVersion: '9.0.3', status: 'in_storage' } })
    expect(read.value.rows[1]!.kind === 'valid' && read.value.rows[1]!.record.modality).toBeUndefined()
  })

  it('reports bad entries with the FHIR path and code', () => {
    if (!read.ok) throw new Error(read.error.message)
    const bad = read.value.rows[2]!
    expect(bad.kind === 'invalid' && bad.problems.map((p) => [p.row, p.column, p.code])).toEqual([[4, 'Device.property (IP address)', 'device_ip_invalid']])
    const error = read.value.rows[3]!
    expect(error.kind === 'invalid' && error.problems[0]!.code).toBe('fhir_device_entered_in_error')
  })

  it('refuses what is not a Bundle or Device', () => {
    expect(devicesFromFhir('not json')).toMatchObject({ ok: false, error: { code: 'fhir_not_json' } })
    expect(devicesFromFhir('[1]')).toMatchObject({ ok: false, error: { code: 'fhir_not_a_resource' } })
    expect(devicesFromFhir('{"resourceType":"Patient"}')).toMatchObject({ ok: false, error: { code: 'fhir_unsupported_resource' } })
  })

  it('reads back what it exports, every field included', () => {
    const device = {
      id: '7b0c1f9e-4a4e-4c1a-9a55-4d6f4a0b1c2d',
      assetTag: 'RAD-009', serialNumber: 'S9', manufacturer: 'Acme Imaging', model: 'Acme CT 5000', udiDi: '00812345000016', softwareVersion: '3.2',
      modality: 'CT' as const, location: 'CT 2', department: 'Radiology', ipAddress: '10.0.0.9', macAddress: '00:1a:2b:3c:4d:5e', hostname: 'ct9.example',
      vlan: 120, aeTitle: 'CT9', dicomPort: 104, criticality: 'high' as const, storesPhi: true, internetExposed: false, installDate: '2020-01-01',
      clinicalEndOfLife: '2032-12-31', owner: 'Radiology', status: 'in_repair' as const,
    }
    const back = devicesFromFhir(JSON.stringify(devicesToFhirBundle([device], '2026-01-01T00:00:00Z')))
    const { id: _id, ...record } = device
    expect(back.ok && back.value.rows).toEqual([{ kind: 'valid', row: 1, record }])
  })
})
