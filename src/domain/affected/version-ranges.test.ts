import { describe, expect, it } from 'vitest'
import { parseVersionText, versionVerdict } from './version-ranges.js'

describe('version-range texts', () => {
  const read: readonly [string, string | readonly string[]][] = [
    ['<=3.64', ['vers:generic/<=3.64']],
    ['< 5.1', ['vers:generic/<5.1']],
    ['vers:all/*', 'all'],
    ['vers:generic/>=4.4|<=4.12', ['vers:generic/>=4.4|<=4.12']],
    ['>= 4.4 | <= 4.12', ['vers:generic/>=4.4|<=4.12']],
    ['4.x', ['vers:generic/>=4|<5']],
    ['4.2.*', ['vers:generic/>=4.2|<4.3']],
    ['all versions', 'all'],
    ['All Versions', 'all'],
    ['prior to 2.3', ['vers:generic/<2.3']],
    ['versions prior to 2.3', ['vers:generic/<2.3']],
    ['before version 2.3', ['vers:generic/<2.3']],
    ['versions 1.0 through 1.9', ['vers:generic/>=1.0|<=1.9']],
    ['1.0 - 1.9', ['vers:generic/>=1.0|<=1.9']],
    ['VA20A and earlier', ['vers:generic/<=va20a']],
    ['3.2 and prior', ['vers:generic/<=3.2']],
    ['8.0 and later', ['vers:generic/>=8.0']],
    ['up to 3.64', ['vers:generic/<=3.64']],
    ['3.1', ['vers:generic/3.1']],
    ['Version 3.1', ['vers:generic/3.1']],
    ['3.1, 3.2 and 3.4', ['vers:generic/3.1|3.2|3.4']],
    ['4.x and 5.x', ['vers:generic/>=4|<5', 'vers:generic/>=5|<6']],
    ['> 2.0 and < 3.0', ['vers:generic/>2.0|<3.0']],
    ['≤ 7.2', ['vers:generic/<=7.2']],
  ]
  it.each(read)('reads %s', (text, expected) => {
    const s = parseVersionText(text)
    if (expected === 'all') expect(s.kind).toBe('all')
    else expect(s.kind === 'ranges' ? s.ranges : s).toEqual(expected)
  })

  const unread = ['see vendor notice', 'R4.2 SP3 with patch', 'vers:generic/', 'latest', '>= 4.4 | >= 4.6', 'version dated 2021', '']
  it.each(unread)('does not guess on %j', (text) => {
    expect(parseVersionText(text).kind).toBe('unparsed')
  })

  const verdicts: readonly [string | null, string, 'inside' | 'outside' | 'unknown'][] = [
    ['3.64', '<=3.64', 'inside'],
    ['3.65', '<=3.64', 'outside'],
    ['3.7', '<=3.64', 'inside'],
    ['4.0', '<=3.64', 'outside'],
    ['3.6', '<=3.64', 'inside'],
    ['5.1', '< 5.1', 'outside'],
    ['5.0.9', '< 5.1', 'inside'],
    ['4.4', '>= 4.4 | <= 4.12', 'inside'],
    ['4.12', '>= 4.4 | <= 4.12', 'inside'],
    ['4.13', '>= 4.4 | <= 4.12', 'outside'],
    ['4.3', '>= 4.4 | <= 4.12', 'outside'],
    ['4.9.1', '4.x', 'inside'],
    ['5.0', '4.x', 'outside'],
    ['VA10A', 'VA20A and earlier', 'inside'],
    ['VA30', 'VA20A and earlier', 'outside'],
    ['VE11', 'VA20A and earlier', 'outside'],
    ['3.1', 'VA20A and earlier', 'unknown'],
    ['2.2.9', 'prior to 2.3', 'inside'],
    ['2.3', 'prior to 2.3', 'outside'],
    ['1.9', 'versions 1.0 through 1.9', 'inside'],
    ['2.0', 'versions 1.0 through 1.9', 'outside'],
    ['0.9', 'versions 1.0 through 1.9', 'outside'],
    ['v3.1.0', '3.1', 'inside'],
    ['3.2', '3.1', 'outside'],
    [null, '<=3.64', 'unknown'],
    ['', '<=3.64', 'unknown'],
    ['9.9', 'see vendor notice', 'unknown'],
    ['anything', 'vers:all/*', 'inside'],
    [null, 'all versions', 'inside'],
  ]
  it.each(verdicts)('version %j against %s is %s', (version, text, kind) => {
    const verdict = versionVerdict(version, parseVersionText(text))
    expect(verdict.kind).toBe(kind)
    expect(verdict.explanation.length).toBeGreaterThan(0)
  })
})
