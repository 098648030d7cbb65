import { cmp, compareDigits } from './scheme.js'
import type { VersionScheme } from './scheme.js'

/** One item of a Maven ComparableVersion: a number, a qualifier, or a nested list (after '-' or a digit/letter change). */
export type MavenItem =
  | { readonly kind: 'int'; readonly digits: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: MavenItem[] }

const qualifierOrder = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp']
const aliases: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' }
const releaseIndex = String(qualifierOrder.indexOf(''))

function stringItem(value: string, followedByDigit: boolean): MavenItem {
  if (followedByDigit && value.length === 1) {
    if (value === 'a') value = 'alpha'
    else if (value === 'b') value = 'beta'
    else if (value === 'm') value = 'milestone'
  }
  return { kind: 'string', value: aliases[value] ?? value }
}

function comparableQualifier(value: string): string {
  const i = qualifierOrder.indexOf(value)
  return i === -1 ? `${qualifierOrder.length}-${value}` : String(i)
}

function parseItem(isDigit: boolean, text: string): MavenItem {
  return isDigit ? { kind: 'int', digits: text.replace(/^0+/, '') } : stringItem(text, false)
}

function isNullItem(item: MavenItem): boolean {
  if (item.kind === 'int') return item.digits === ''
  if (item.kind === 'string') return comparableQualifier(item.value) === releaseIndex
  return item.items.length === 0
}

function normalize(list: MavenItem[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i] as MavenItem
    if (isNullItem(last)) list.splice(i, 1)
    else if (last.kind !== 'list') break
  }
}

/** Parses a Maven version the way Maven's ComparableVersion does (never fails: every string is a version). */
export function parseMaven(version: string): MavenItem {
  const text = version.toLowerCase()
  const root: MavenItem[] = []
  let list = root
  const stack: MavenItem[][] = [root]
  let isDigit = false
  let start = 0
  const pushList = () => {
    const next: MavenItem[] = []
    list.push({ kind: 'list', items: next })
    list = next
    stack.push(next)
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string
    if (c === '.') {
      list.push(i === start ? { kind: 'int', digits: '' } : parseItem(isDigit, text.slice(start, i)))
      start = i + 1
    } else if (c === '-') {
      list.push(i === start ? { kind: 'int', digits: '' } : parseItem(isDigit, text.slice(start, i)))
      start = i + 1
      pushList()
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        list.push(stringItem(text.slice(start, i), true))
        start = i
        pushList()
      }
      isDigit = true
    } else {
      if (isDigit && i > start) {
        list.push(parseItem(true, text.slice(start, i)))
        start = i
        pushList()
      }
      isDigit = false
    }
  }
  if (text.length > start) list.push(parseItem(isDigit, text.slice(start)))
  while (stack.length > 0) normalize(stack.pop() as MavenItem[])
  return { kind: 'list', items: root }
}

/** Orders two Maven items; `null` stands for a missing item (the shorter side). */
export function compareMavenItems(a: MavenItem | null, b: MavenItem | null): number {
  if (a === null) return b === null ? 0 : -compareMavenItems(b, null)
  if (a.kind === 'int') {
    if (b === null) return a.digits === '' ? 0 : 1
    return b.kind === 'int' ? compareDigits(a.digits, b.digits) : 1
  }
  if (a.kind === 'string') {
    if (b === null) return cmp(comparableQualifier(a.value), releaseIndex)
    if (b.kind === 'int' || b.kind === 'list') return -1
    return cmp(comparableQualifier(a.value), comparableQualifier(b.value))
  }
  if (b === null) {
    for (const item of a.items) {
      const c = compareMavenItems(item, null)
      if (c !== 0) return c
    }
    return 0
  }
  if (b.kind === 'int') return -1
  if (b.kind === 'string') return 1
  const n = Math.max(a.items.length, b.items.length)
  for (let i = 0; i < n; i++) {
    const l = a.items[i] ?? null
    const r = b.items[i] ?? null
    const c = l === null ? (r === null ? 0 : -compareMavenItems(r, l)) : compareMavenItems(l, r)
    if (c !== 0) return c
  }
  return 0
}

/** Maven ComparableVersion ordering. */
export const mavenScheme: VersionScheme<MavenItem> = {
  id: 'maven',
  parse: (v) => (v.trim() === '' ? null : parseMaven(v.trim())),
  compareParsed: compareMavenItems,
}
