import type { Finding, MatchReport } from '../../domain/matching/index.js'
import type { Component, Sbom } from '../../domain/sbom/index.js'

/** The output formats of `medsec scan`. */
export const scanFormats = ['table', 'json', 'sarif', 'cyclonedx-vdr'] as const
/** One output format of `medsec scan`. */
export type ScanFormat = (typeof scanFormats)[number]

/** The thresholds of `--fail-on`. */
export const failOnLevels = ['critical', 'high', 'medium', 'low', 'kev'] as const
/** One `--fail-on` threshold. */
export type FailOn = (typeof failOnLevels)[number]

/** A finding's severity: from its highest recomputed CVSS score, 'unknown' when no source scores it. */
export type ScanSeverity = 'critical' | 'high' | 'medium' | 'low' | 'none' | 'unknown'

const severityRank: Readonly<Record<ScanSeverity, number>> = { critical: 4, high: 3, medium: 2, low: 1, none: 0, unknown: 0 }

/** The severity of a finding, lower-case. */
export function severityOf(finding: Finding): ScanSeverity {
  const text = finding.cvss?.severity.toLowerCase()
  return text === 'critical' || text === 'high' || text === 'medium' || text === 'low' || text === 'none' ? text : 'unknown'
}

/**
 * Whether the report trips the threshold: an affected finding at or above the severity, or (kev) one that CISA lists
 * as known exploited. Findings a source states as not affected or fixed never trip it; unscored ones only trip kev.
 */
export function failsThreshold(findings: readonly Finding[], threshold: FailOn): boolean {
  return findings.some((f) => f.status === 'affected' && (threshold === 'kev' ? f.kev !== null : severityRank[severityOf(f)] >= severityRank[threshold]))
}

/** The JSON form of a scan (the CLI contract of issue 6). */
export function scanJson(report: MatchReport, sbom: Sbom): unknown {
  const byRef = new Map(sbom.components.map((c) => [c.ref, c]))
  return {
    findings: report.findings.map((f) => ({
      component: { bomRef: f.component.ref, name: f.component.name, version: f.component.version, purl: f.component.purl, cpe: f.component.cpe ?? byRef.get(f.component.ref)?.cpe ?? null },
      vulnerability: { id: f.vulnerabilityId, aliases: f.aliases },
      source: f.source,
      sourceId: f.sourceId,
      matchedBy: f.kind,
      range: f.range,
      status: f.status,
      confidence: f.confidence,
      severity: severityOf(f),
      cvss: f.cvss,
      kev: f.kev,
      epss: f.epss,
      reason: f.reason,
    })),
    unmatchedComponents: report.unmatchedComponents.length,
    stats: report.stats,
  }
}

/** A plain-text table of the findings, most severe first, with a summary line. */
export function scanTable(report: MatchReport): string {
  const rows = [...report.findings]
    .sort((a, b) => severityRank[severityOf(b)] - severityRank[severityOf(a)] || (b.cvss?.score ?? 0) - (a.cvss?.score ?? 0) || a.component.name.localeCompare(b.component.name))
    .map((f) => [severityOf(f).toUpperCase(), f.vulnerabilityId, f.component.name, f.component.version ?? '', f.kind, f.confidence, f.status === 'affected' ? '' : f.status, f.kev ? 'KEV' : '', f.epss ? f.epss.score.toFixed(3) : ''])
  const header = ['SEVERITY', 'VULNERABILITY', 'COMPONENT', 'VERSION', 'MATCHED BY', 'CONFIDENCE', 'STATUS', 'KEV', 'EPSS']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  const components = new Set(report.findings.map((f) => f.component.ref)).size
  const summary = `${report.findings.length} findings in ${components} components; ${report.unmatchedComponents.length} of ${report.stats.components} components have neither purl nor CPE`
  return [line(header), ...rows.map(line), '', summary].join('\n') + '\n'
}

function sourceLink(id: string): string | undefined {
  if (/^CVE-\d{4}-\d+$/i.test(id)) return `https://nvd.nist.gov/vuln/detail/${id.toUpperCase()}`
  if (/^(GHSA|PYSEC|GO|RUSTSEC|OSV|GSD)-/i.test(id)) return `https://osv.dev/vulnerability/${id}`
  return undefined
}

const SARIF_LEVEL: Readonly<Record<ScanSeverity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', none: 'note', unknown: 'warning' }
const SARIF_KIND: Readonly<Record<Finding['status'], 'fail' | 'pass' | 'review'>> = { affected: 'fail', not_affected: 'pass', fixed: 'pass', under_investigation: 'review' }

/**
 * SARIF 2.1.0: one rule per vulnerability (with the GitHub `security-severity` score), one result per finding,
 * located in the SBOM file and at the component (a logical location named by purl, CPE or name@version); severity
 * maps to the level (critical/high: error, medium and unscored: warning, low: note); KEV, EPSS, confidence and the
 * match in the result's properties.
 */
export function scanSarif(report: MatchReport, input: { sbomUri: string; toolVersion: string }): unknown {
  const rules: Record<string, unknown>[] = []
  const ruleIndex = new Map<string, number>()
  for (const f of report.findings) {
    if (ruleIndex.has(f.vulnerabilityId)) continue
    ruleIndex.set(f.vulnerabilityId, rules.length)
    const link = sourceLink(f.vulnerabilityId)
    rules.push({
      id: f.vulnerabilityId,
      shortDescription: { text: f.aliases.length > 0 ? `${f.vulnerabilityId} (${f.aliases.join(', ')})` : f.vulnerabilityId },
      ...(link ? { helpUri: link } : {}),
      properties: {
        tags: ['security', 'vulnerability'],
        aliases: f.aliases,
        ...(f.cvss ? { 'security-severity': f.cvss.score.toFixed(1), cvssVector: f.cvss.vector } : {}),
      },
    })
  }
  const results = report.findings.map((f) => {
    const severity = severityOf(f)
    const identity = f.component.purl ?? f.component.cpe ?? `${f.component.name}@${f.component.version ?? ''}`
    return {
      ruleId: f.vulnerabilityId,
      ruleIndex: ruleIndex.get(f.vulnerabilityId) ?? 0,
      kind: SARIF_KIND[f.status],
      level: f.status === 'affected' ? SARIF_LEVEL[severity] : 'none',
      message: { text: f.reason },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: input.sbomUri } },
          logicalLocations: [{ name: f.component.name, fullyQualifiedName: identity, kind: 'module' }],
        },
      ],
      partialFingerprints: { 'medsecFinding/v1': `${identity}|${f.vulnerabilityId}|${f.sourceId}` },
      properties: {
        severity,
        confidence: f.confidence,
        kev: f.kev !== null,
        ...(f.kev ? { kevDateAdded: f.kev.dateAdded } : {}),
        epss: f.epss?.score ?? null,
        epssPercentile: f.epss?.percentile ?? null,
        matchedBy: f.kind,
        range: f.range,
        source: f.source,
        sourceId: f.sourceId,
        status: f.status,
        bomRef: f.component.ref,
        guards: f.guards,
      },
    }
  })
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'medsec', version: input.toolVersion, rules } },
        artifacts: [{ location: { uri: input.sbomUri }, roles: ['analysisTarget'] }],
        results,
      },
    ],
  }
}

function cvssMethod(vector: string): string {
  if (vector.startsWith('CVSS:4.0/')) return 'CVSSv4'
  if (vector.startsWith('CVSS:3.1/')) return 'CVSSv31'
  if (vector.startsWith('CVSS:3.0/')) return 'CVSSv3'
  return 'CVSSv2'
}

/** Where the lead statement can be read: the OSV record, the NVD or CVE page; a vendor CSAF has no fixed place. */
function sourceUrl(f: Finding): string | undefined {
  if (f.source === 'osv') return `https://osv.dev/vulnerability/${f.sourceId}`
  if (f.source === 'nvd') return `https://nvd.nist.gov/vuln/detail/${f.sourceId}`
  if (f.source === 'cve5') return `https://www.cve.org/CVERecord?id=${f.sourceId}`
  return undefined
}

const SOURCE_NAMES: Readonly<Record<string, string>> = { nvd: 'NVD', osv: 'OSV', cve5: 'CVE', csaf: 'CSAF' }
const VDR_STATUS: Readonly<Record<Finding['status'], 'affected' | 'unaffected' | 'unknown'>> = { affected: 'affected', not_affected: 'unaffected', fixed: 'unaffected', under_investigation: 'unknown' }

function vdrComponent(c: Component): Record<string, unknown> {
  return {
    type: c.type,
    'bom-ref': c.ref,
    ...(c.group ? { group: c.group } : {}),
    name: c.name,
    ...(c.version ? { version: c.version } : {}),
    ...(c.purl ? { purl: c.purl } : {}),
    ...(c.cpe ? { cpe: c.cpe } : {}),
  }
}

const CYCLONEDX_TYPES = new Set(['application', 'framework', 'library', 'container', 'platform', 'operating-system', 'device', 'device-driver', 'firmware', 'file', 'machine-learning-model', 'data', 'cryptographic-asset'])

/**
 * A CycloneDX 1.6 vulnerability disclosure report: the SBOM's components (bom-refs kept) and one vulnerability per
 * alias group with its source, aliases as references, CVSS rating, the affected components (version and status) and
 * KEV/EPSS as properties.
 */
export function scanVdr(report: MatchReport, sbom: Sbom, input: { toolVersion: string; serialNumber: string; timestamp: string }): unknown {
  const components = sbom.components.map((c) => vdrComponent(CYCLONEDX_TYPES.has(c.type) ? c : { ...c, type: 'library' }))
  const byVulnerability = new Map<string, Finding[]>()
  for (const f of report.findings) byVulnerability.set(f.vulnerabilityId, [...(byVulnerability.get(f.vulnerabilityId) ?? []), f])
  const vulnerabilities = [...byVulnerability].map(([id, findings]) => {
    const lead = findings[0] as Finding
    const link = sourceUrl(lead)
    const affects = new Map<string, { version: string; status: string }[]>()
    for (const f of findings) {
      const versions = affects.get(f.component.ref) ?? []
      const version = f.versionCompared ?? f.component.version ?? '*'
      if (!versions.some((v) => v.version === version && v.status === VDR_STATUS[f.status])) versions.push({ version, status: VDR_STATUS[f.status] })
      affects.set(f.component.ref, versions)
    }
    const properties = [
      { name: 'medsec:kev', value: String(lead.kev !== null) },
      ...(lead.kev ? [{ name: 'medsec:kev:dateAdded', value: lead.kev.dateAdded }] : []),
      ...(lead.epss ? [{ name: 'medsec:epss', value: String(lead.epss.score) }, { name: 'medsec:epss:percentile', value: String(lead.epss.percentile) }] : []),
      { name: 'medsec:confidence', value: findings.map((f) => f.confidence).sort()[0] ?? lead.confidence },
    ]
    return {
      'bom-ref': `vulnerability-${id}`,
      id,
      source: { name: SOURCE_NAMES[lead.source] ?? lead.source, ...(link ? { url: link } : {}) },
      ...(lead.aliases.length > 0 ? { references: lead.aliases.map((alias) => ({ id: alias, source: { name: /^CVE-/i.test(alias) ? 'NVD' : 'OSV', ...(sourceLink(alias) ? { url: sourceLink(alias) } : {}) } })) } : {}),
      ...(lead.cvss ? { ratings: [{ source: { name: lead.cvss.author ?? SOURCE_NAMES[lead.cvss.source] ?? lead.cvss.source }, score: lead.cvss.score, severity: lead.cvss.severity.toLowerCase(), method: cvssMethod(lead.cvss.vector), vector: lead.cvss.vector }] } : {}),
      detail: findings.map((f) => f.reason).join('\n'),
      affects: [...affects].map(([ref, versions]) => ({ ref, versions })),
      properties,
    }
  })
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: input.serialNumber,
    version: 1,
    metadata: {
      timestamp: input.timestamp,
      tools: { components: [{ type: 'application', name: 'medsec', version: input.toolVersion }] },
      ...(sbom.subject ? { component: vdrComponent(CYCLONEDX_TYPES.has(sbom.subject.type) ? sbom.subject : { ...sbom.subject, type: 'device' }) } : {}),
    },
    components,
    vulnerabilities,
  }
}
