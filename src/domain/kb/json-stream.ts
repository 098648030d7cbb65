// A JSON feed file can be hundreds of megabytes (NVD 1.1 yearly feeds, NVD API 2.0 pages saved together, OSV
// ecosystem exports as one array). Parsing it whole holds the text and every object at once. The splitter below
// reads the text in pieces and cuts out each element of the record array; each element is then parsed on its own
// with JSON.parse, so memory stays at one piece plus one record. It does not validate JSON: the elements are
// validated by JSON.parse, and the rest (the document's skeleton) by JSON.parse of the skeleton.

/** The keys whose array holds the records of a feed document (NVD 2.0 and KEV, NVD 1.1, an OSV API answer). */
export const recordArrayKeys: readonly string[] = ['vulnerabilities', 'CVE_Items', 'vulns']

const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a

/** What the splitter has found so far. */
export type SplitterState = 'before_records' | 'in_records' | 'after_records' | 'not_splittable'

/**
 * Cuts the elements of the record array out of a JSON text fed in pieces: the top-level array itself, or the array
 * under one of {@link recordArrayKeys} in the top-level object. Everything outside that array is kept as the
 * skeleton (with the array left empty), up to a size limit; a document of another shape is 'not_splittable'.
 */
export class JsonRecordSplitter {
  #state: SplitterState = 'before_records'
  // Containers opened and not yet closed: true for an object, false for an array.
  readonly #stack: boolean[] = []
  #inString = false
  #escaped = false
  // At depth 1 of the top-level object: whether the next string is a key, the key being read, and the last key.
  #expectKey = false
  #keyStart = -1
  #keyCarry = ''
  #lastKey: string | null = null
  // The record array's depth (the stack length inside it) and the element being cut out.
  #recordsDepth = -1
  #elementStart = -1
  #elementCarry = ''
  #skeleton = ''
  #skeletonStart = 0
  readonly #maxSkeleton: number

  constructor(options: { readonly maxSkeleton?: number } = {}) {
    this.#maxSkeleton = options.maxSkeleton ?? 1 << 20
  }

  /** Where the splitter is in the document. */
  get state(): SplitterState {
    return this.#state
  }

  /** The key of the record array, or null when the document is a top-level array (known once records start). */
  get recordsKey(): string | null {
    return this.#recordsDepth === 1 ? null : this.#lastKey
  }

  /** The document without its records: the record array is left empty (valid JSON once the text has ended). */
  get skeleton(): string {
    return this.#skeleton
  }

  /** Reads the next piece of text and returns the complete elements found in it, in order. */
  push(text: string): string[] {
    const out: string[] = []
    if (this.#state === 'not_splittable') return out
    this.#skeletonStart = 0
    const length = text.length
    const stack = this.#stack
    for (let i = 0; i < length; i++) {
      const c = text.charCodeAt(i)
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false
        else if (c === BACKSLASH) this.#escaped = true
        else if (c === QUOTE) {
          this.#inString = false
          if (this.#keyStart >= 0) {
            this.#lastKey = this.#keyCarry + text.slice(this.#keyStart, i)
            this.#keyCarry = ''
            this.#keyStart = -1
          }
        }
        continue
      }
      if (c === QUOTE) {
        // A string record: not a feed this splitter knows.
        if (this.#state === 'in_records' && stack.length === this.#recordsDepth && this.#elementStart < 0) return this.#giveUp(out)
        this.#inString = true
        if (stack.length === 1 && stack[0] === true && this.#expectKey && this.#state === 'before_records') {
          this.#keyStart = i + 1
          this.#expectKey = false
        }
        continue
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        const depth = stack.length
        if (this.#state === 'in_records' && depth === this.#recordsDepth && this.#elementStart < 0) {
          if (c !== OPEN_OBJECT) return this.#giveUp(out)
          this.#elementStart = i
        }
        stack.push(c === OPEN_OBJECT)
        if (depth === 0) {
          if (c === OPEN_ARRAY) this.#enterRecords(text, i)
          else this.#expectKey = true
        } else if (depth === 1 && c === OPEN_ARRAY && stack[0] === true && this.#state === 'before_records' && this.#lastKey !== null && recordArrayKeys.includes(this.#lastKey)) {
          this.#enterRecords(text, i)
        }
        continue
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        stack.pop()
        const depth = stack.length
        if (this.#state === 'in_records') {
          if (depth === this.#recordsDepth && this.#elementStart >= 0) {
            out.push(this.#elementCarry + text.slice(this.#elementStart, i + 1))
            this.#elementCarry = ''
            this.#elementStart = -1
          } else if (depth === this.#recordsDepth - 1) {
            // The record array ends: the skeleton continues from its closing bracket.
            this.#state = 'after_records'
            this.#skeletonStart = i
          }
        }
        continue
      }
      if (c === COMMA && stack.length === 1 && stack[0] === true) this.#expectKey = true
      else if (c === COLON && stack.length === 1) this.#expectKey = false
      else if (this.#state === 'in_records' && stack.length === this.#recordsDepth && this.#elementStart < 0 && c !== COMMA && c > 0x20) {
        // A scalar record: not a feed this splitter knows.
        return this.#giveUp(out)
      }
    }
    if (this.#keyStart >= 0) {
      this.#keyCarry += text.slice(this.#keyStart)
      this.#keyStart = 0
    }
    if (this.#state === 'in_records') {
      if (this.#elementStart >= 0) {
        this.#elementCarry += text.slice(this.#elementStart)
        this.#elementStart = 0
      }
    } else this.#appendSkeleton(text.slice(this.#skeletonStart))
    return out
  }

  #enterRecords(text: string, at: number): void {
    this.#state = 'in_records'
    this.#recordsDepth = this.#stack.length
    this.#appendSkeleton(text.slice(this.#skeletonStart, at + 1))
  }

  #appendSkeleton(text: string): void {
    this.#skeleton += text
    if (this.#skeleton.length > this.#maxSkeleton) this.#state = 'not_splittable'
  }

  #giveUp(out: string[]): string[] {
    this.#state = 'not_splittable'
    return out
  }
}
