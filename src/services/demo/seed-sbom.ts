import type { Kysely } from 'kysely'
import { endOfSupportProperty, parseSbom, supportLevelProperty, type SupportLevel } from '../../domain/sbom/index.js'
import type { Database } from '../../store/schema.js'
import { productRepository } from '../../store/repositories/products.js'
import { sbomRepository } from '../../store/repositories/sboms.js'
import { storeSbom } from '../sbom/upload-sbom.js'
import { systemContext } from '../system-admin.js'

/** One third-party or first-party component of a demo SBOM. */
interface DemoComponent {
  readonly ref: string
  readonly type: 'application' | 'library' | 'framework' | 'operating-system' | 'firmware'
  readonly name: string
  readonly group?: string
  readonly version: string
  readonly supplier: string
  readonly purl?: string
  readonly cpe?: string
  readonly license?: string
  readonly support?: SupportLevel
  readonly endOfSupport?: string
}

/** A demo SBOM: the product it describes and its components; the first-party application depends on the rest. */
export interface DemoSbom {
  readonly product: string
  readonly version: string
  readonly serialNumber: string
  readonly timestamp: string
  readonly components: readonly DemoComponent[]
  /** Extra edges beyond "the application uses every component" (e.g. log4j-core needs log4j-api). */
  readonly edges: readonly (readonly [string, string])[]
}

const generic = (name: string, version: string) => `pkg:generic/${name}@${version}`

// The Acme CT 5000 3.1 workstation: Windows 10 IoT, a Java service with a vulnerable log4j, OpenSSL 1.1.1k...
const ct31: readonly DemoComponent[] = [
  { ref: 'acme-ct-console', type: 'application', name: 'Acme CT Console', version: '3.1.0', supplier: 'Acme Imaging', purl: 'pkg:generic/acme-imaging/acme-ct-console@3.1.0', license: 'LicenseRef-Acme-Proprietary', support: 'actively_maintained', endOfSupport: '2029-06-30' },
  { ref: 'acme-recon-engine', type: 'application', name: 'Acme Reconstruction Engine', version: '3.1.4', supplier: 'Acme Imaging', purl: 'pkg:generic/acme-imaging/acme-recon-engine@3.1.4', license: 'LicenseRef-Acme-Proprietary', support: 'actively_maintained', endOfSupport: '2029-06-30' },
  { ref: 'windows', type: 'operating-system', name: 'Windows 10 IoT Enterprise LTSC 2019', version: '10.0.17763', supplier: 'Microsoft Corporation', cpe: 'cpe:2.3:o:microsoft:windows_10_1809:-:*:*:*:*:*:x64:*', support: 'actively_maintained', endOfSupport: '2029-01-09' },
  { ref: 'dotnet', type: 'framework', name: '.NET Framework', version: '4.8', supplier: 'Microsoft Corporation', cpe: 'cpe:2.3:a:microsoft:.net_framework:4.8:*:*:*:*:*:*:*', support: 'actively_maintained' },
  { ref: 'openjdk', type: 'framework', name: 'Eclipse Temurin OpenJDK', version: '11.0.11', supplier: 'Eclipse Foundation', purl: generic('temurin', '11.0.11'), cpe: 'cpe:2.3:a:oracle:openjdk:11.0.11:*:*:*:*:*:*:*', license: 'GPL-2.0-only WITH Classpath-exception-2.0', support: 'actively_maintained', endOfSupport: '2027-10-31' },
  { ref: 'log4j-core', type: 'library', group: 'org.apache.logging.log4j', name: 'log4j-core', version: '2.14.1', supplier: 'The Apache Software Foundation', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1', cpe: 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*', license: 'Apache-2.0', support: 'no_longer_maintained', endOfSupport: '2021-12-28' },
  { ref: 'log4j-api', type: 'library', group: 'org.apache.logging.log4j', name: 'log4j-api', version: '2.14.1', supplier: 'The Apache Software Foundation', purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1', license: 'Apache-2.0', support: 'no_longer_maintained', endOfSupport: '2021-12-28' },
  { ref: 'openssl', type: 'library', name: 'OpenSSL', version: '1.1.1k', supplier: 'OpenSSL Software Foundation', purl: generic('openssl', '1.1.1k'), cpe: 'cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*', license: 'OpenSSL', support: 'no_longer_maintained', endOfSupport: '2023-09-11' },
  { ref: 'dcmtk', type: 'library', name: 'DCMTK', version: '3.6.6', supplier: 'OFFIS e.V.', purl: generic('dcmtk', '3.6.6'), cpe: 'cpe:2.3:a:offis:dcmtk:3.6.6:*:*:*:*:*:*:*', license: 'BSD-3-Clause', support: 'actively_maintained' },
  { ref: 'zlib', type: 'library', name: 'zlib', version: '1.2.11', supplier: 'Jean-loup Gailly and Mark Adler', purl: generic('zlib', '1.2.11'), cpe: 'cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*', license: 'Zlib', support: 'actively_maintained' },
  { ref: 'libpng', type: 'library', name: 'libpng', version: '1.6.37', supplier: 'libpng contributors', purl: generic('libpng', '1.6.37'), cpe: 'cpe:2.3:a:libpng:libpng:1.6.37:*:*:*:*:*:*:*', license: 'Libpng', support: 'actively_maintained' },
  { ref: 'libjpeg-turbo', type: 'library', name: 'libjpeg-turbo', version: '2.0.6', supplier: 'libjpeg-turbo project', purl: generic('libjpeg-turbo', '2.0.6'), cpe: 'cpe:2.3:a:libjpeg-turbo:libjpeg-turbo:2.0.6:*:*:*:*:*:*:*', license: 'BSD-3-Clause', support: 'actively_maintained' },
  { ref: 'qt', type: 'framework', name: 'Qt', version: '5.15.2', supplier: 'The Qt Company', purl: generic('qt', '5.15.2'), cpe: 'cpe:2.3:a:qt:qt:5.15.2:*:*:*:*:*:*:*', license: 'LGPL-3.0-only', support: 'no_longer_maintained', endOfSupport: '2023-05-26' },
  { ref: 'sqlite', type: 'library', name: 'SQLite', version: '3.31.1', supplier: 'SQLite Consortium', purl: generic('sqlite', '3.31.1'), cpe: 'cpe:2.3:a:sqlite:sqlite:3.31.1:*:*:*:*:*:*:*', license: 'blessing', support: 'actively_maintained' },
  { ref: 'libxml2', type: 'library', name: 'libxml2', version: '2.9.10', supplier: 'The GNOME Project', purl: generic('libxml2', '2.9.10'), cpe: 'cpe:2.3:a:xmlsoft:libxml2:2.9.10:*:*:*:*:*:*:*', license: 'MIT', support: 'actively_maintained' },
  { ref: 'curl', type: 'library', name: 'curl', version: '7.76.1', supplier: 'Daniel Stenberg', purl: generic('curl', '7.76.1'), cpe: 'cpe:2.3:a:haxx:curl:7.76.1:*:*:*:*:*:*:*', license: 'curl', support: 'actively_maintained' },
  { ref: 'boost', type: 'library', name: 'Boost', version: '1.75.0', supplier: 'Boost.org', purl: generic('boost', '1.75.0'), license: 'BSL-1.0', support: 'actively_maintained' },
  { ref: 'itk', type: 'library', name: 'Insight Toolkit (ITK)', version: '5.1.2', supplier: 'NumFOCUS', purl: generic('itk', '5.1.2'), license: 'Apache-2.0' },
  { ref: 'vtk', type: 'library', name: 'Visualization Toolkit (VTK)', version: '9.0.1', supplier: 'Kitware, Inc.', purl: generic('vtk', '9.0.1'), license: 'BSD-3-Clause' },
  { ref: 'protobuf', type: 'library', name: 'Protocol Buffers', version: '3.15.8', supplier: 'Google LLC', purl: generic('protobuf', '3.15.8'), cpe: 'cpe:2.3:a:google:protobuf:3.15.8:*:*:*:*:*:*:*', license: 'BSD-3-Clause', support: 'no_longer_maintained' },
  { ref: 'gantry-fw', type: 'firmware', name: 'Acme Gantry Controller Firmware', version: '7.2.1', supplier: 'Acme Imaging', purl: 'pkg:generic/acme-imaging/gantry-firmware@7.2.1', support: 'actively_maintained', endOfSupport: '2030-12-31' },
]

// 3.2 fixes log4j (2.17.1), moves to OpenSSL 3.0, updates the usual suspects, drops protobuf and adds libtiff.
const ct32Updates: Readonly<Record<string, Partial<DemoComponent>>> = {
  'acme-ct-console': { version: '3.2.0', purl: 'pkg:generic/acme-imaging/acme-ct-console@3.2.0', endOfSupport: '2031-03-31' },
  'acme-recon-engine': { version: '3.2.1', purl: 'pkg:generic/acme-imaging/acme-recon-engine@3.2.1', endOfSupport: '2031-03-31' },
  openjdk: { version: '11.0.18', purl: generic('temurin', '11.0.18'), cpe: 'cpe:2.3:a:oracle:openjdk:11.0.18:*:*:*:*:*:*:*' },
  'log4j-core': { version: '2.17.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1', cpe: 'cpe:2.3:a:apache:log4j:2.17.1:*:*:*:*:*:*:*', support: 'actively_maintained', endOfSupport: '2026-12-31' },
  'log4j-api': { version: '2.17.1', purl: 'pkg:maven/org.apache.logging.log4j/log4j-api@2.17.1', support: 'actively_maintained', endOfSupport: '2026-12-31' },
  openssl: { version: '3.0.8', purl: generic('openssl', '3.0.8'), cpe: 'cpe:2.3:a:openssl:openssl:3.0.8:*:*:*:*:*:*:*', license: 'Apache-2.0', support: 'actively_maintained', endOfSupport: '2026-09-07' },
  dcmtk: { version: '3.6.7', purl: generic('dcmtk', '3.6.7'), cpe: 'cpe:2.3:a:offis:dcmtk:3.6.7:*:*:*:*:*:*:*' },
  zlib: { version: '1.2.13', purl: generic('zlib', '1.2.13'), cpe: 'cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*' },
  libpng: { version: '1.6.39', purl: generic('libpng', '1.6.39'), cpe: 'cpe:2.3:a:libpng:libpng:1.6.39:*:*:*:*:*:*:*' },
  qt: { version: '5.15.10', purl: generic('qt', '5.15.10'), cpe: 'cpe:2.3:a:qt:qt:5.15.10:*:*:*:*:*:*:*', support: 'actively_maintained', endOfSupport: '2025-05-26' },
  sqlite: { version: '3.40.1', purl: generic('sqlite', '3.40.1'), cpe: 'cpe:2.3:a:sqlite:sqlite:3.40.1:*:*:*:*:*:*:*' },
  libxml2: { version: '2.10.3', purl: generic('libxml2', '2.10.3'), cpe: 'cpe:2.3:a:xmlsoft:libxml2:2.10.3:*:*:*:*:*:*:*' },
  curl: { version: '7.88.1', purl: generic('curl', '7.88.1'), cpe: 'cpe:2.3:a:haxx:curl:7.88.1:*:*:*:*:*:*:*' },
  'gantry-fw': { version: '7.3.0', purl: 'pkg:generic/acme-imaging/gantry-firmware@7.3.0' },
}

const ct32: readonly DemoComponent[] = [
  ...ct31.filter((c) => c.ref !== 'protobuf').map((c) => ({ ...c, ...ct32Updates[c.ref] })),
  { ref: 'libtiff', type: 'library', name: 'LibTIFF', version: '4.5.0', supplier: 'LibTIFF contributors', purl: generic('libtiff', '4.5.0'), cpe: 'cpe:2.3:a:libtiff:libtiff:4.5.0:*:*:*:*:*:*:*', license: 'libtiff', support: 'actively_maintained' },
]

// The Acme PACS Viewer 7.4: a Debian 11 appliance with a web front end.
const pacs74: readonly DemoComponent[] = [
  { ref: 'acme-pacs-viewer', type: 'application', name: 'Acme PACS Viewer', version: '7.4.0', supplier: 'Acme Imaging', purl: 'pkg:generic/acme-imaging/acme-pacs-viewer@7.4.0', license: 'LicenseRef-Acme-Proprietary', support: 'actively_maintained', endOfSupport: '2028-12-31' },
  { ref: 'linux', type: 'operating-system', name: 'Linux kernel', version: '5.10.0', supplier: 'Debian', purl: 'pkg:deb/debian/linux@5.10.0-21?distro=debian-11', cpe: 'cpe:2.3:o:linux:linux_kernel:5.10.0:*:*:*:*:*:*:*', license: 'GPL-2.0-only', support: 'actively_maintained', endOfSupport: '2026-06-30' },
  { ref: 'openssl', type: 'library', name: 'openssl', version: '1.1.1n', supplier: 'Debian', purl: 'pkg:deb/debian/openssl@1.1.1n-0%2Bdeb11u3?distro=debian-11', cpe: 'cpe:2.3:a:openssl:openssl:1.1.1n:*:*:*:*:*:*:*', license: 'OpenSSL', support: 'no_longer_maintained', endOfSupport: '2023-09-11' },
  { ref: 'dcmtk', type: 'library', name: 'DCMTK', version: '3.6.5', supplier: 'OFFIS e.V.', purl: generic('dcmtk', '3.6.5'), cpe: 'cpe:2.3:a:offis:dcmtk:3.6.5:*:*:*:*:*:*:*', license: 'BSD-3-Clause', support: 'actively_maintained' },
  { ref: 'qt', type: 'framework', name: 'Qt', version: '5.15.2', supplier: 'The Qt Company', purl: generic('qt', '5.15.2'), cpe: 'cpe:2.3:a:qt:qt:5.15.2:*:*:*:*:*:*:*', license: 'LGPL-3.0-only', support: 'no_longer_maintained', endOfSupport: '2023-05-26' },
  { ref: 'zlib', type: 'library', name: 'zlib1g', version: '1.2.11', supplier: 'Debian', purl: 'pkg:deb/debian/zlib@1.2.11.dfsg-2%2Bdeb11u2?distro=debian-11', cpe: 'cpe:2.3:a:zlib:zlib:1.2.11:*:*:*:*:*:*:*', license: 'Zlib', support: 'actively_maintained' },
  { ref: 'libpng', type: 'library', name: 'libpng16-16', version: '1.6.37', supplier: 'Debian', purl: 'pkg:deb/debian/libpng1.6@1.6.37-3?distro=debian-11', cpe: 'cpe:2.3:a:libpng:libpng:1.6.37:*:*:*:*:*:*:*', license: 'Libpng', support: 'actively_maintained' },
  { ref: 'openjpeg', type: 'library', name: 'OpenJPEG', version: '2.4.0', supplier: 'Debian', purl: 'pkg:deb/debian/openjpeg2@2.4.0-3?distro=debian-11', cpe: 'cpe:2.3:a:uclouvain:openjpeg:2.4.0:*:*:*:*:*:*:*', license: 'BSD-2-Clause', support: 'actively_maintained' },
  { ref: 'nginx', type: 'application', name: 'nginx', version: '1.18.0', supplier: 'Debian', purl: 'pkg:deb/debian/nginx@1.18.0-6.1%2Bdeb11u3?distro=debian-11', cpe: 'cpe:2.3:a:f5:nginx:1.18.0:*:*:*:*:*:*:*', license: 'BSD-2-Clause', support: 'actively_maintained', endOfSupport: '2026-06-30' },
  { ref: 'postgresql', type: 'application', name: 'PostgreSQL', version: '13.11', supplier: 'PostgreSQL Global Development Group', purl: 'pkg:deb/debian/postgresql-13@13.11-0%2Bdeb11u1?distro=debian-11', cpe: 'cpe:2.3:a:postgresql:postgresql:13.11:*:*:*:*:*:*:*', license: 'PostgreSQL', support: 'no_longer_maintained', endOfSupport: '2025-11-13' },
  { ref: 'nodejs', type: 'framework', name: 'Node.js', version: '16.20.0', supplier: 'OpenJS Foundation', purl: generic('node', '16.20.0'), cpe: 'cpe:2.3:a:nodejs:node.js:16.20.0:*:*:*:*:*:*:*', license: 'MIT', support: 'abandoned', endOfSupport: '2023-09-11' },
  { ref: 'express', type: 'library', name: 'express', version: '4.17.1', supplier: 'OpenJS Foundation', purl: 'pkg:npm/express@4.17.1', cpe: 'cpe:2.3:a:expressjs:express:4.17.1:*:*:*:*:node.js:*:*', license: 'MIT', support: 'actively_maintained' },
  { ref: 'lodash', type: 'library', name: 'lodash', version: '4.17.20', supplier: 'OpenJS Foundation', purl: 'pkg:npm/lodash@4.17.20', cpe: 'cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:*:*:*', license: 'MIT' },
  { ref: 'jquery', type: 'library', name: 'jquery', version: '3.4.1', supplier: 'OpenJS Foundation', purl: 'pkg:npm/jquery@3.4.1', cpe: 'cpe:2.3:a:jquery:jquery:3.4.1:*:*:*:*:*:*:*', license: 'MIT' },
  { ref: 'cornerstone', type: 'library', name: 'cornerstone-core', version: '2.6.1', supplier: 'Cornerstone.js contributors', purl: 'pkg:npm/cornerstone-core@2.6.1', license: 'MIT' },
  { ref: 'dicom-parser', type: 'library', name: 'dicom-parser', version: '1.8.13', supplier: 'Cornerstone.js contributors', purl: 'pkg:npm/dicom-parser@1.8.13', license: 'MIT' },
]

/** The three demo SBOMs: Acme CT 5000 3.1 and 3.2, Acme PACS Viewer 7.4. */
export const demoSboms: readonly DemoSbom[] = [
  { product: 'Acme CT 5000', version: '3.1', serialNumber: 'urn:uuid:7d1c0b6e-3a51-4b8e-9f3c-0a31c5000031', timestamp: '2024-05-20T09:00:00Z', components: ct31, edges: [['log4j-core', 'log4j-api'], ['openjdk', 'zlib'], ['curl', 'openssl'], ['curl', 'zlib'], ['libpng', 'zlib'], ['qt', 'libpng'], ['qt', 'libjpeg-turbo']] },
  { product: 'Acme CT 5000', version: '3.2', serialNumber: 'urn:uuid:7d1c0b6e-3a51-4b8e-9f3c-0a31c5000032', timestamp: '2025-02-24T09:00:00Z', components: ct32, edges: [['log4j-core', 'log4j-api'], ['openjdk', 'zlib'], ['curl', 'openssl'], ['curl', 'zlib'], ['libpng', 'zlib'], ['libtiff', 'zlib'], ['qt', 'libpng'], ['qt', 'libjpeg-turbo']] },
  { product: 'Acme PACS Viewer', version: '7.4', serialNumber: 'urn:uuid:2f4a9e10-7b7c-4d55-8a0e-0a9c50000074', timestamp: '2024-11-04T09:00:00Z', components: pacs74, edges: [['nginx', 'openssl'], ['nginx', 'zlib'], ['postgresql', 'openssl'], ['nodejs', 'openssl'], ['nodejs', 'zlib'], ['express', 'nodejs'], ['cornerstone', 'dicom-parser'], ['libpng', 'zlib']] },
]

/** Writes a demo SBOM as a CycloneDX 1.6 JSON document, with the FDA fields as properties. */
export function demoCycloneDx(sbom: DemoSbom): string {
  const [application, ...rest] = sbom.components
  const dependsOn = new Map<string, string[]>()
  for (const [from, to] of sbom.edges) dependsOn.set(from, [...(dependsOn.get(from) ?? []), to])
  const document = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: sbom.serialNumber,
    version: 1,
    metadata: {
      timestamp: sbom.timestamp,
      authors: [{ name: 'Acme Imaging Product Security', email: 'psirt@acme-imaging.example' }],
      supplier: { name: 'Acme Imaging' },
      component: { type: 'device', 'bom-ref': 'device', name: sbom.product, version: sbom.version, supplier: { name: 'Acme Imaging' } },
    },
    components: sbom.components.map((c) => ({
      type: c.type,
      'bom-ref': c.ref,
      supplier: { name: c.supplier },
      ...(c.group === undefined ? {} : { group: c.group }),
      name: c.name,
      version: c.version,
      ...(c.license === undefined ? {} : { licenses: [c.license.includes(' ') || c.license.startsWith('LicenseRef-') || !/^[A-Za-z0-9.-]+$/.test(c.license) ? { expression: c.license } : { license: { id: c.license } }] }),
      ...(c.cpe === undefined ? {} : { cpe: c.cpe }),
      ...(c.purl === undefined ? {} : { purl: c.purl }),
      ...(c.support === undefined && c.endOfSupport === undefined
        ? {}
        : {
            properties: [
              ...(c.support === undefined ? [] : [{ name: supportLevelProperty, value: c.support.replaceAll('_', ' ') }]),
              ...(c.endOfSupport === undefined ? [] : [{ name: endOfSupportProperty, value: c.endOfSupport }]),
            ],
          }),
    })),
    dependencies: [
      { ref: 'device', dependsOn: application === undefined ? [] : [application.ref] },
      ...(application === undefined ? [] : [{ ref: application.ref, dependsOn: rest.filter((c) => !sbom.edges.some(([, to]) => to === c.ref)).map((c) => c.ref) }]),
      ...[...dependsOn].map(([ref, targets]) => ({ ref, dependsOn: targets })),
    ],
  }
  return JSON.stringify(document, null, 2) + '\n'
}

/** Gives each demo product version its SBOM, once (a version that already has an SBOM is left alone). */
export async function seedSbomDemo(db: Kysely<Database>): Promise<void> {
  const acme = await systemContext(db, 'acme-imaging')
  if (!acme.ok) return
  const ctx = acme.value
  for (const demo of demoSboms) {
    const product = await productRepository.findByName(db, ctx.scope, demo.product)
    const version = product && (await productRepository.findVersion(db, ctx.scope, product.id, demo.version))
    if (!version || (await sbomRepository.lastRevisionNumber(db, ctx.scope, version.id)) > 0) continue
    const text = demoCycloneDx(demo)
    // Generated here, so the (slow to compile) schema check is skipped; seed-sbom.test.ts checks the documents against it.
    const parsed = parseSbom(text)
    if (!parsed.ok) throw new Error(`demo SBOM of ${demo.product} ${demo.version}: ${parsed.error.message}`)
    const bytes = new TextEncoder().encode(text)
    const filename = `${demo.product.toLowerCase().replaceAll(' ', '-')}-${demo.version}.cdx.json`
    const stored = await storeSbom(ctx, { versionId: version.id, bytes, filename, mediaType: 'application/vnd.cyclonedx+json', sbom: parsed.value })
    if (!stored.ok) throw new Error(stored.error.message)
  }
}
