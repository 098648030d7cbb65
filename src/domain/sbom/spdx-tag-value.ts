import { fail, ok, problem, type Result } from '../result.js'
import type { JsonObject } from './json-access.js'

type Mutable = Record<string, unknown>

/** Package tags and the SPDX 2 JSON field each fills. */
const packageFields: Readonly<Record<string, string>> = {
  SPDXID: 'SPDXID',
  PackageVersion: 'versionInfo',
  PackageFileName: 'packageFileName',
  PackageSupplier: 'supplier',
  PackageOriginator: 'originator',
  PackageDownloadLocation: 'downloadLocation',
  PackageHomePage: 'homepage',
  PackageLicenseConcluded: 'licenseConcluded',
  PackageLicenseDeclared: 'licenseDeclared',
  PackageCopyrightText: 'copyrightText',
  PackageSummary: 'summary',
  PackageDescription: 'description',
  PackageComment: 'comment',
  PrimaryPackagePurpose: 'primaryPackagePurpose',
  ReleaseDate: 'releaseDate',
  BuiltDate: 'builtDate',
  ValidUntilDate: 'validUntilDate',
}

const fileFields: Readonly<Record<string, string>> = {
  SPDXID: 'SPDXID',
  LicenseConcluded: 'licenseConcluded',
  FileCopyrightText: 'copyrightText',
  FileComment: 'comment',
}

/**
 * Reads an SPDX 2 tag-value document into the SPDX 2 JSON shape of the fields the model holds. Multi-line values
 * between <text> and </text> are supported; unknown tags are skipped (they carry nothing the model holds).
 */
export function readSpdxTagValue(text: string): Result<JsonObject> {
  const document: Mutable = { creationInfo: { creators: [] as string[] }, packages: [], files: [], relationships: [] }
  const creationInfo = document.creationInfo as { creators: string[]; created?: string }
  let section: 'document' | 'package' | 'file' | 'other' = 'document'
  let current: Mutable | undefined
  let pendingAnnotation: Mutable | undefined
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const colon = line.indexOf(':')
    if (colon <= 0) return fail(problem('spdx_tag_value_malformed', `line ${index + 1} is not "Tag: value"`, { line: index + 1 }))
    const tag = line.slice(0, colon).trim()
    let value = line.slice(colon + 1).trim()
    if (value.startsWith('<text>')) {
      let body = value.slice(6)
      while (!body.includes('</text>')) {
        index++
        if (index >= lines.length) return fail(problem('spdx_tag_value_malformed', `a <text> value for ${tag} is never closed`, { line: index }))
        body += '\n' + (lines[index] ?? '')
      }
      value = body.slice(0, body.indexOf('</text>'))
    }
    switch (tag) {
      case 'SPDXVersion':
        document.spdxVersion = value
        continue
      case 'DataLicense':
        document.dataLicense = value
        continue
      case 'DocumentName':
        document.name = value
        continue
      case 'DocumentNamespace':
        document.documentNamespace = value
        continue
      case 'Creator':
        creationInfo.creators.push(value)
        continue
      case 'Created':
        creationInfo.created = value
        continue
      case 'PackageName':
        section = 'package'
        current = { name: value, externalRefs: [], checksums: [], annotations: [] }
        ;(document.packages as Mutable[]).push(current)
        continue
      case 'FileName':
        section = 'file'
        current = { fileName: value, checksums: [] }
        ;(document.files as Mutable[]).push(current)
        continue
      case 'SnippetSPDXID':
      case 'LicenseID':
        section = 'other'
        current = undefined
        continue
      case 'Relationship': {
        const [from, type, to] = value.split(/\s+/)
        if (from === undefined || type === undefined || to === undefined) return fail(problem('spdx_tag_value_malformed', `line ${index + 1}: a Relationship needs three parts`, { line: index + 1 }))
        ;(document.relationships as Mutable[]).push({ spdxElementId: from, relationshipType: type, relatedSpdxElement: to })
        continue
      }
      case 'Annotator':
        pendingAnnotation = { annotator: value }
        continue
      case 'AnnotationComment':
        if (pendingAnnotation !== undefined) pendingAnnotation.comment = value
        continue
      case 'SPDXREF': {
        // An annotation names its target; attach it to that package so its support level is read.
        const target = (document.packages as Mutable[]).find((p) => p.SPDXID === value)
        if (pendingAnnotation !== undefined && target !== undefined) (target.annotations as Mutable[]).push(pendingAnnotation)
        continue
      }
    }
    if (section === 'document' && tag === 'SPDXID') document.SPDXID = value
    else if (section === 'package' && current !== undefined) readPackageTag(current, tag, value)
    else if (section === 'file' && current !== undefined) {
      const field = fileFields[tag]
      if (field !== undefined) current[field] = value
      else if (tag === 'FileChecksum') pushChecksum(current, value)
    }
  }
  return ok(document)
}

function readPackageTag(pkg: Mutable, tag: string, value: string): void {
  const field = packageFields[tag]
  if (field !== undefined) {
    pkg[field] = value
    return
  }
  if (tag === 'PackageChecksum') pushChecksum(pkg, value)
  else if (tag === 'ExternalRef') {
    const [referenceCategory, referenceType, ...rest] = value.split(/\s+/)
    ;(pkg.externalRefs as Mutable[]).push({ referenceCategory, referenceType, referenceLocator: rest.join(' ') })
  } else if (tag === 'FilesAnalyzed') pkg.filesAnalyzed = value === 'true'
}

function pushChecksum(target: Mutable, value: string): void {
  const colon = value.indexOf(':')
  if (colon <= 0) return
  ;(target.checksums as Mutable[]).push({ algorithm: value.slice(0, colon).trim(), checksumValue: value.slice(colon + 1).trim() })
}
