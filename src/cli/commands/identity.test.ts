import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { projectRoot, testdataPath } from '../../../test/support/testdata.js'

function medsec(args: readonly string[], input?: string): { stdout: string; stderr: string; status: number | null } {
  const run = spawnSync(process.execPath, ['bin/medsec.js', ...args], { cwd: projectRoot, input, encoding: 'utf8' })
  return { stdout: run.stdout, stderr: run.stderr, status: run.status }
}

describe('identity CLI', () => {
  it('parses a purl into the bare object, and wraps it per line with --stdin', () => {
    const single = medsec(['purl', 'parse', 'pkg:Maven/org.apache/Commons@1.0?Type=jar'])
    expect(single.status).toBe(0)
    expect(JSON.parse(single.stdout)).toEqual({
      type: 'maven', namespace: 'org.apache', name: 'Commons', version: '1.0', qualifiers: { type: 'jar' }, subpath: null,
      canonical: 'pkg:maven/org.apache/Commons@1.0?type=jar',
    })
    const lines = medsec(['purl', 'parse', '--stdin'], '["pkg:npm/left-pad@1.0.0"]\n["nope"]\n').stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(lines[0].result.canonical).toBe('pkg:npm/left-pad@1.0.0')
    expect(lines[1].error.code).toBe('purl_invalid_scheme')
  }, 120_000)

  it('compares versions, checks vers containment and compares CPEs', () => {
    const input = ['["vers:pypi/>=1.0|<2.0","2.0rc1"]', '["vers:npm/<1.0.0","1.0.0"]'].join('\n') + '\n'
    const contains = medsec(['vers', 'contains', '--stdin'], input).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(contains).toEqual([{ result: true }, { result: false }])
    expect(JSON.parse(medsec(['cpe', 'compare', 'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*', 'cpe:/a:x:y:1.0']).stdout)).toEqual({ result: 'SUPERSET' })
  }, 120_000)

  it('reports a bad argument on stderr with exit 2, and answers every stdin line in order with exit 0', () => {
    const bad = medsec(['version', 'compare', 'npm', 'not-a-version', '1.0.0'])
    expect(bad.status).toBe(2)
    expect(JSON.parse(bad.stderr).error.code).toBe('version_invalid')
    const stream = medsec(['version', 'compare', '--stdin'], '["Go","v1.2.3","v1.2.3+incompatible"]\nnot json\n["Alpine","1.2_rc1","1.2"]\n["Red Hat","1.0-1.el8","1.0-1.el8~rc1"]\n')
    expect(stream.status).toBe(0)
    expect(stream.stdout.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { result: 0 },
      { error: { code: 'invalid_json_line', message: 'the line is not valid JSON' } },
      { result: -1 },
      { result: 1 },
    ])
  }, 120_000)

  it('knows every ecosystem name of the OSV schema', () => {
    const ecosystems = Object.keys(JSON.parse(readFileSync(testdataPath('osv-schema/ecosystems.json'), 'utf8')) as Record<string, unknown>)
    expect(ecosystems.length).toBeGreaterThan(40)
    const input = ecosystems.map((ecosystem) => JSON.stringify([ecosystem, '1.2.3', '1.10.0'])).join('\n') + '\n'
    const answers = medsec(['version', 'compare', '--stdin'], input).stdout.trim().split('\n').map((l) => JSON.parse(l) as { result?: number })
    expect(ecosystems.filter((_, i) => answers[i]?.result !== -1)).toEqual([])
    // Alpaquita and BellSoft's containers use apk: a pre-release suffix sorts before the release.
    expect(JSON.parse(medsec(['version', 'compare', 'Alpaquita:stream', '1.2_rc1', '1.2']).stdout)).toEqual({ result: -1 })
  }, 120_000)
})
