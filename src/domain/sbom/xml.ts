import { fail, ok, problem, type Result } from '../result.js'

/** An XML element as read by the safe tokenizer: names, resolved namespace, attributes, child elements and text. */
export interface XmlElement {
  /** The name as written, prefix included. */
  readonly name: string
  /** The name without its prefix. */
  readonly local: string
  /** The namespace URI the element is in ('' when none). */
  readonly namespace: string
  /** Attribute values keyed by the attribute name as written (xmlns declarations included). */
  readonly attributes: Readonly<Record<string, string>>
  readonly children: readonly XmlElement[]
  /** The character data directly inside the element, entities decoded, concatenated. */
  readonly text: string
}

/** Bounds that keep a hostile document from using unbounded memory or stack. */
export interface XmlLimits {
  readonly maxDepth: number
  readonly maxElements: number
}

/** Limits that every real SBOM in the public suites stays far below. */
export const defaultXmlLimits: XmlLimits = { maxDepth: 128, maxElements: 5_000_000 }

interface OpenElement {
  name: string
  local: string
  namespace: string
  attributes: Record<string, string>
  children: XmlElement[]
  text: string
  namespaces: ReadonlyMap<string, string>
}

const predefinedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
const nameEnd = /[\s/>]/

/**
 * Parses an XML document into a tree without ever expanding a DTD: any DOCTYPE is refused (`xml_doctype_forbidden`),
 * only the five predefined entities and character references are decoded, and depth and element count are bounded.
 */
export function parseXml(text: string, limits: XmlLimits = defaultXmlLimits): Result<XmlElement> {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const stack: OpenElement[] = []
  let root: XmlElement | undefined
  let elementCount = 0
  let i = 0
  const at = (code: string, message: string, offset: number) => fail(problem(code, `${message} (line ${lineOf(source, offset)})`, { line: lineOf(source, offset) }))

  while (i < source.length) {
    const lt = source.indexOf('<', i)
    const textEnd = lt === -1 ? source.length : lt
    if (textEnd > i) {
      const raw = source.slice(i, textEnd)
      const top = stack[stack.length - 1]
      if (top === undefined) {
        if (raw.trim() !== '') return at('xml_malformed', 'text outside the root element', i)
      } else {
        const decoded = decodeEntities(raw)
        if (decoded === undefined) return at('xml_entity_forbidden', 'undefined or malformed entity reference', i)
        top.text += decoded
      }
    }
    if (lt === -1) break
    i = lt
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i + 2)
      if (end === -1) return at('xml_malformed', 'unterminated processing instruction', i)
      i = end + 2
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4)
      if (end === -1) return at('xml_malformed', 'unterminated comment', i)
      i = end + 3
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9)
      const top = stack[stack.length - 1]
      if (end === -1 || top === undefined) return at('xml_malformed', 'misplaced or unterminated CDATA section', i)
      top.text += source.slice(i + 9, end)
      i = end + 3
    } else if (source.startsWith('<!', i)) {
      // A DTD can declare entities that expand exponentially (billion laughs) or read external files: never accepted.
      if (/^<!DOCTYPE/i.test(source.slice(i, i + 9))) return at('xml_doctype_forbidden', 'a DOCTYPE declaration is not allowed', i)
      return at('xml_malformed', 'unexpected markup declaration', i)
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i + 2)
      if (end === -1) return at('xml_malformed', 'unterminated end tag', i)
      const name = source.slice(i + 2, end).trim()
      const top = stack.pop()
      if (top === undefined || top.name !== name) return at('xml_malformed', `end tag </${name}> does not match the open element`, i)
      const closed = freeze(top)
      const parent = stack[stack.length - 1]
      if (parent === undefined) root = closed
      else parent.children.push(closed)
      i = end + 1
    } else {
      if (root !== undefined) return at('xml_malformed', 'content after the root element', i)
      const tag = readStartTag(source, i + 1)
      if (tag.kind === 'error') return at(tag.code, tag.message, i)
      elementCount++
      if (elementCount > limits.maxElements) return at('xml_too_many_elements', `more than ${limits.maxElements} elements`, i)
      if (stack.length + 1 > limits.maxDepth) return at('xml_too_deep', `elements nested deeper than ${limits.maxDepth}`, i)
      const parentNamespaces = stack[stack.length - 1]?.namespaces ?? new Map<string, string>()
      const namespaces = declaredNamespaces(tag.attributes, parentNamespaces)
      const colon = tag.name.indexOf(':')
      const prefix = colon === -1 ? '' : tag.name.slice(0, colon)
      const open: OpenElement = {
        name: tag.name,
        local: colon === -1 ? tag.name : tag.name.slice(colon + 1),
        namespace: namespaces.get(prefix) ?? '',
        attributes: tag.attributes,
        children: [],
        text: '',
        namespaces,
      }
      if (tag.selfClosing) {
        const closed = freeze(open)
        const parent = stack[stack.length - 1]
        if (parent === undefined) root = closed
        else parent.children.push(closed)
      } else stack.push(open)
      i = tag.end
    }
  }
  if (stack.length > 0) return fail(problem('xml_truncated', `the document ends inside <${stack[stack.length - 1]?.name}>`))
  if (root === undefined) return fail(problem('xml_no_root', 'the document has no root element'))
  return ok(root)
}

type StartTag =
  | { kind: 'tag'; name: string; attributes: Record<string, string>; selfClosing: boolean; end: number }
  | { kind: 'error'; code: string; message: string }

function readStartTag(source: string, from: number): StartTag {
  let i = from
  while (i < source.length && !nameEnd.test(source[i] ?? '')) i++
  const name = source.slice(from, i)
  if (name === '') return { kind: 'error', code: 'xml_malformed', message: 'an element without a name' }
  const attributes: Record<string, string> = {}
  for (;;) {
    while (i < source.length && /\s/.test(source[i] ?? '')) i++
    const c = source[i]
    if (c === undefined) return { kind: 'error', code: 'xml_truncated', message: `the document ends inside the tag <${name}>` }
    if (c === '>') return { kind: 'tag', name, attributes, selfClosing: false, end: i + 1 }
    if (c === '/') {
      if (source[i + 1] !== '>') return { kind: 'error', code: 'xml_malformed', message: `malformed tag <${name}>` }
      return { kind: 'tag', name, attributes, selfClosing: true, end: i + 2 }
    }
    const eq = source.indexOf('=', i)
    if (eq === -1) return { kind: 'error', code: 'xml_truncated', message: `the document ends inside the tag <${name}>` }
    const attributeName = source.slice(i, eq).trim()
    if (attributeName === '' || /[\s<>"']/.test(attributeName)) return { kind: 'error', code: 'xml_malformed', message: `malformed attribute in <${name}>` }
    let q = eq + 1
    while (q < source.length && /\s/.test(source[q] ?? '')) q++
    const quote = source[q]
    if (quote !== '"' && quote !== "'") return { kind: 'error', code: 'xml_malformed', message: `unquoted attribute ${attributeName} in <${name}>` }
    const close = source.indexOf(quote, q + 1)
    if (close === -1) return { kind: 'error', code: 'xml_truncated', message: `the document ends inside an attribute of <${name}>` }
    const raw = source.slice(q + 1, close)
    if (raw.includes('<')) return { kind: 'error', code: 'xml_malformed', message: `'<' inside attribute ${attributeName}` }
    const value = decodeEntities(raw)
    if (value === undefined) return { kind: 'error', code: 'xml_entity_forbidden', message: `undefined or malformed entity reference in attribute ${attributeName}` }
    if (Object.hasOwn(attributes, attributeName)) return { kind: 'error', code: 'xml_malformed', message: `duplicate attribute ${attributeName} in <${name}>` }
    attributes[attributeName] = value
    i = close + 1
  }
}

function declaredNamespaces(attributes: Record<string, string>, inherited: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  let namespaces: Map<string, string> | undefined
  for (const [name, value] of Object.entries(attributes)) {
    if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
    namespaces ??= new Map(inherited)
    namespaces.set(name === 'xmlns' ? '' : name.slice(6), value)
  }
  return namespaces ?? inherited
}

/** Decodes the predefined entities and character references; undefined when any other entity is used. */
function decodeEntities(raw: string): string | undefined {
  if (!raw.includes('&')) return raw
  let out = ''
  let i = 0
  for (;;) {
    const amp = raw.indexOf('&', i)
    if (amp === -1) return out + raw.slice(i)
    out += raw.slice(i, amp)
    const semi = raw.indexOf(';', amp)
    if (semi === -1 || semi - amp > 12) return undefined
    const entity = raw.slice(amp + 1, semi)
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10)
      if (!Number.isFinite(code) || code < 1 || code > 0x10ffff) return undefined
      out += String.fromCodePoint(code)
    } else {
      const value = predefinedEntities[entity]
      if (value === undefined) return undefined
      out += value
    }
    i = semi + 1
  }
}

function freeze(open: OpenElement): XmlElement {
  return { name: open.name, local: open.local, namespace: open.namespace, attributes: open.attributes, children: open.children, text: open.text }
}

function lineOf(source: string, offset: number): number {
  let line = 1
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++
  return line
}

/** The first child element with the given local name. */
export function child(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local)
}

/** Every child element with the given local name. */
export function childrenNamed(element: XmlElement, local: string): readonly XmlElement[] {
  return element.children.filter((c) => c.local === local)
}

/** The trimmed text of the first child with the given local name. */
export function childText(element: XmlElement, local: string): string | undefined {
  const found = child(element, local)
  return found === undefined ? undefined : found.text.trim()
}
