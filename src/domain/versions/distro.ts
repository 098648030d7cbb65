import { cmp, compareDigits } from './scheme.js'
import type { VersionScheme } from './scheme.js'

/** An epoch:version-release triple as Debian, RPM and Arch write them. */
export interface EvrKey {
  readonly epoch: string
  readonly version: string
  readonly release: string | null
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
const isAlnum = (c: string | undefined): boolean => isDigit(c) || isAlpha(c)

function splitEvr(text: string): EvrKey | null {
  const v = text.trim()
  if (v === '') return null
  const colon = v.indexOf(':')
  let epoch = '0'
  let rest = v
  if (colon >= 0) {
    epoch = v.slice(0, colon)
    if (!/^\d+$/.test(epoch)) return null
    rest = v.slice(colon + 1)
  }
  const dash = rest.lastIndexOf('-')
  const version = dash >= 0 ? rest.slice(0, dash) : rest
  const release = dash >= 0 ? rest.slice(dash + 1) : null
  if (version === '') return null
  return { epoch, version, release }
}

// dpkg's ordering of a character in a non-digit run: '~' before everything (even the end), letters before others.
function dpkgOrder(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0
  if (c === '~') return -1
  if (isAlpha(c)) return c.charCodeAt(0)
  return c.charCodeAt(0) + 256
}

/** dpkg's verrevcmp: alternating non-digit and digit runs. */
export function dpkgCompareFragment(a: string, b: string): number {
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    let firstDiff = 0
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = dpkgOrder(i < a.length ? a[i] : undefined)
      const bc = dpkgOrder(j < b.length ? b[j] : undefined)
      if (ac !== bc) return ac - bc
      i++
      j++
    }
    while (a[i] === '0') i++
    while (b[j] === '0') j++
    while (isDigit(a[i]) && isDigit(b[j])) {
      if (firstDiff === 0) firstDiff = (a.charCodeAt(i) as number) - (b.charCodeAt(j) as number)
      i++
      j++
    }
    if (isDigit(a[i])) return 1
    if (isDigit(b[j])) return -1
    if (firstDiff !== 0) return firstDiff
  }
  return 0
}

function compareDebian(a: EvrKey, b: EvrKey): number {
  const e = compareDigits(a.epoch, b.epoch)
  if (e !== 0) return e
  const v = dpkgCompareFragment(a.version, b.version)
  if (v !== 0) return Math.sign(v)
  return Math.sign(dpkgCompareFragment(a.release ?? '', b.release ?? ''))
}

/** Debian dpkg ordering (epochs, '~' before anything, revisions). */
export const debianScheme: VersionScheme<EvrKey> = {
  id: 'deb',
  parse: (v) => splitEvr(v),
  compareParsed: compareDebian,
}

/** rpmvercmp from RPM (with '~' sorting before and '^' after the end of a version). */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1
      if (b[j] !== '~') return -1
      i++
      j++
      continue
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1
      if (j >= b.length) return 1
      if (a[i] !== '^') return 1
      if (b[j] !== '^') return -1
      i++
      j++
      continue
    }
    if (!(i < a.length && j < b.length)) break
    const si = i
    const sj = j
    const numeric = isDigit(a[i])
    if (numeric) {
      while (isDigit(a[i])) i++
      while (isDigit(b[j])) j++
    } else {
      while (isAlpha(a[i])) i++
      while (isAlpha(b[j])) j++
    }
    const x = a.slice(si, i)
    const y = b.slice(sj, j)
    if (x === '') return -1
    if (y === '') return numeric ? 1 : -1
    const c = numeric ? compareDigits(x, y) : cmp(x, y)
    if (c !== 0) return c
  }
  if (i >= a.length && j >= b.length) return 0
  return i >= a.length ? -1 : 1
}

function compareRpm(a: EvrKey, b: EvrKey): number {
  const e = compareDigits(a.epoch, b.epoch)
  if (e !== 0) return e
  const v = rpmvercmp(a.version, b.version)
  if (v !== 0) return v
  if (a.release === null || b.release === null) return 0
  return rpmvercmp(a.release, b.release)
}

/** RPM ordering (epoch:version-release; a missing release matches any release). */
export const rpmScheme: VersionScheme<EvrKey> = {
  id: 'rpm',
  parse: (v) => splitEvr(v),
  compareParsed: compareRpm,
}

/** pacman's rpmvercmp variant: separator run lengths count, and an alpha tail is older than the end. */
function alpmFragment(a: string, b: string): number {
  if (a === b) return 0
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const si = i
    const sj = j
    while (i < a.length && !isAlnum(a[i])) i++
    while (j < b.length && !isAlnum(b[j])) j++
    if (i >= a.length || j >= b.length) break
    if (i - si !== j - sj) return i - si < j - sj ? -1 : 1
    const ti = i
    const tj = j
    const numeric = isDigit(a[i])
    if (numeric) {
      while (isDigit(a[i])) i++
      while (isDigit(b[j])) j++
    } else {
      while (isAlpha(a[i])) i++
      while (isAlpha(b[j])) j++
    }
    const x = a.slice(ti, i)
    const y = b.slice(tj, j)
    if (y === '') return numeric ? 1 : -1
    const c = numeric ? compareDigits(x, y) : cmp(x, y)
    if (c !== 0) return c
  }
  if (i >= a.length && j >= b.length) return 0
  if ((i >= a.length && !isAlpha(b[j])) || isAlpha(a[i])) return -1
  return 1
}

function compareAlpm(a: EvrKey, b: EvrKey): number {
  const e = compareDigits(a.epoch, b.epoch)
  if (e !== 0) return e
  const v = alpmFragment(a.version, b.version)
  if (v !== 0) return v
  if (a.release === null || b.release === null) return 0
  return alpmFragment(a.release, b.release)
}

/** Arch Linux (alpm) vercmp ordering. */
export const alpmScheme: VersionScheme<EvrKey> = {
  id: 'alpm',
  parse: (v) => splitEvr(v),
  compareParsed: compareAlpm,
}

// apk-tools token kinds, in the order the algorithm relies on.
const enum Token {
  Invalid = -1,
  DigitOrZero = 0,
  Digit = 1,
  Letter = 2,
  Suffix = 3,
  SuffixNo = 4,
  RevisionNo = 5,
  End = 6,
}
const preSuffixes = ['alpha', 'beta', 'pre', 'rc']
const postSuffixes = ['cvs', 'svn', 'git', 'hg', 'p']

interface ApkCursor {
  text: string
  pos: number
  type: Token
}

function nextToken(c: ApkCursor): void {
  let n = Token.Invalid
  const ch = c.text[c.pos]
  if (c.pos >= c.text.length) n = Token.End
  else if ((c.type === Token.Digit || c.type === Token.DigitOrZero) && ch !== undefined && ch >= 'a' && ch <= 'z') n = Token.Letter
  else if (c.type === Token.Letter && isDigit(ch)) n = Token.Digit
  else if (c.type === Token.Suffix && isDigit(ch)) n = Token.SuffixNo
  else {
    if (ch === '.') n = Token.DigitOrZero
    else if (ch === '_') n = Token.Suffix
    else if (ch === '-' && c.text[c.pos + 1] === 'r') {
      n = Token.RevisionNo
      c.pos++
    }
    c.pos++
  }
  if (n < c.type) {
    const allowed =
      (n === Token.DigitOrZero && c.type === Token.Digit) ||
      (n === Token.Suffix && c.type === Token.SuffixNo) ||
      (n === Token.Digit && c.type === Token.Letter)
    if (!allowed) n = Token.Invalid
  }
  c.type = n
}

function getToken(c: ApkCursor): number {
  if (c.pos >= c.text.length) {
    c.type = Token.End
    return 0
  }
  let v = 0
  let i = c.pos
  let forced: Token | null = null
  const type = c.type === Token.DigitOrZero && c.text[i] !== '0' ? Token.Digit : c.type
  switch (type) {
    case Token.DigitOrZero:
      // Leading zeros make a fraction-like component: more zeros sort lower.
      while (c.text[i] === '0') i++
      forced = Token.Digit
      v = -(i - c.pos)
      break
    case Token.Digit:
    case Token.SuffixNo:
    case Token.RevisionNo:
      while (isDigit(c.text[i])) {
        v = v * 10 + ((c.text.charCodeAt(i) as number) - 48)
        i++
      }
      break
    case Token.Letter:
      v = c.text.charCodeAt(i) as number
      i++
      break
    case Token.Suffix: {
      const rest = c.text.slice(i)
      const pre = preSuffixes.findIndex((s) => rest.startsWith(s))
      if (pre >= 0) {
        v = pre - preSuffixes.length
        i += (preSuffixes[pre] as string).length
        break
      }
      const post = postSuffixes.findIndex((s) => rest.startsWith(s))
      if (post >= 0) {
        v = post
        i += (postSuffixes[post] as string).length
        break
      }
      c.type = Token.Invalid
      return -1
    }
    default:
      c.type = Token.Invalid
      return -1
  }
  c.pos = i
  if (c.pos >= c.text.length) c.type = Token.End
  else if (forced !== null) c.type = forced
  else nextToken(c)
  return v
}

/** apk-tools version comparison (Alpine, Wolfi, Chainguard). */
export function apkCompare(a: string, b: string): number {
  const ca: ApkCursor = { text: a, pos: 0, type: Token.Digit }
  const cb: ApkCursor = { text: b, pos: 0, type: Token.Digit }
  let av = 0
  let bv = 0
  while (ca.type === cb.type && ca.type !== Token.End && ca.type !== Token.Invalid && av === bv) {
    av = getToken(ca)
    bv = getToken(cb)
  }
  if (av < bv) return -1
  if (av > bv) return 1
  if (ca.type === cb.type) return 0
  if (ca.type === Token.Suffix && getToken({ ...ca }) < 0) return -1
  if (cb.type === Token.Suffix && getToken({ ...cb }) < 0) return 1
  if (ca.type > cb.type) return -1
  if (cb.type > ca.type) return 1
  return 0
}

/** Alpine apk ordering. */
export const apkScheme: VersionScheme<string> = {
  id: 'apk',
  parse: (v) => (v.trim() === '' ? null : v.trim()),
  compareParsed: apkCompare,
}
