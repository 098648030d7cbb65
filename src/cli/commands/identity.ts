import type { Command } from 'commander'
import { compareCpeStrings } from '../../domain/cpe/index.js'
import { formatPurl, parsePurl } from '../../domain/purl/index.js'
import { fail, ok, problem } from '../../domain/result.js'
import type { Result } from '../../domain/result.js'
import { versContains } from '../../domain/vers/index.js'
import { compareVersions, isKnownScheme } from '../../domain/versions/index.js'
import { jsonCommand } from '../json-command.js'

function purlParse([text]: readonly string[]): Result<unknown> {
  const parsed = parsePurl(text ?? '')
  return parsed.ok ? ok({ ...parsed.value, canonical: formatPurl(parsed.value) }) : parsed
}

function versionCompare([ecosystem = '', a = '', b = '']: readonly string[]): Result<unknown> {
  if (!isKnownScheme(ecosystem)) return fail(problem('version_unknown_ecosystem', `unknown ecosystem or version scheme '${ecosystem}'`))
  return compareVersions(ecosystem, a, b)
}

function cpeCompare([a = '', b = '']: readonly string[]): Result<unknown> {
  const r = compareCpeStrings(a, b)
  return r.ok ? ok(r.value.result) : r
}

/** Registers the package identity commands: `purl parse`, `version compare`, `vers contains` and `cpe compare`. */
export function registerIdentityCommands(program: Command): void {
  const purl = program.command('purl').description('package URLs (ECMA-427)')
  jsonCommand(purl.command('parse [purl]').description('parse a purl into its canonical components'), 1, purlParse, { bareSingleResult: true })
  const version = program.command('version').description('version ordering per ecosystem')
  jsonCommand(
    version.command('compare [ecosystem] [a] [b]').description('compare two versions (OSV ecosystem or vers scheme name): -1, 0 or 1'),
    3,
    versionCompare,
  )
  const vers = program.command('vers').description('vers version ranges')
  jsonCommand(vers.command('contains [vers] [version]').description('whether a version lies in a vers range'), 2, ([range = '', v = '']) => versContains(range, v))
  const cpe = program.command('cpe').description('CPE 2.3 names')
  jsonCommand(cpe.command('compare [cpeA] [cpeB]').description('NISTIR 7696 name comparison of A (source) with B (target)'), 2, cpeCompare)
}
