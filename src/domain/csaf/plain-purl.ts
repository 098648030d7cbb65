// A fast, exact pre-check for CSAF test 6.1.13: purls of the plain form `pkg:type/namespace/name@version` that
// packageurl-js 2.0.1 certainly accepts. Anything else is left to packageurl-js, whose error texts are the report's.
//
// Why the plain form cannot throw there: after `pkg:` comes a type letter, so no slash is trimmed and WHATWG URL parses
// the rest as an opaque path that keeps these characters as they are (no `%`, `?`, `#`, space or control character,
// so nothing is encoded, decoded, stripped or split off); the type is lower-case, starts with a letter and uses only
// letters, digits, `.`, `+` and `-` (validateType); the name after the last slash is not empty (validateName); one `@`
// at most, after the name, starts a non-empty version; no qualifiers or subpath; and the type is none of those whose
// own validator can throw (maven only needs a namespace, which a slash before the name gives).
const typesThatMayThrow: ReadonlySet<string> = new Set(['conan', 'cran', 'golang', 'mlflow', 'oci', 'pub', 'swift'])

// Letters, digits, '.', '-', '_', '~' and '+': characters WHATWG URL keeps as they are in an opaque path.
function isPlainCharacter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === 46 || code === 45 || code === 95 || code === 126 || code === 43
}

/** Whether packageurl-js 2.0.1 certainly parses `value` without an error (false: it may or may not; ask it). */
export function isPlainPurl(value: string): boolean {
  if (!value.startsWith('pkg:')) return false
  const length = value.length
  let at = 4
  // The type: a lower-case letter, then lower-case letters, digits, '.', '+' or '-', up to the first slash.
  let code = value.charCodeAt(at)
  if (!(code >= 97 && code <= 122)) return false
  for (at++; at < length; at++) {
    code = value.charCodeAt(at)
    if (code === 47 /* / */) break
    if (!((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 46 || code === 43 || code === 45)) return false
  }
  if (at >= length) return false
  const type = value.slice(4, at)
  if (typesThatMayThrow.has(type)) return false
  // Namespace segments and the name: non-empty runs of plain characters between single slashes, then '@version'.
  let slashes = 0
  let segmentLength = 0
  for (at++; at < length; at++) {
    code = value.charCodeAt(at)
    if (code === 47) {
      if (segmentLength === 0) return false
      slashes++
      segmentLength = 0
    } else if (code === 64 /* @ */) break
    else if (isPlainCharacter(code)) segmentLength++
    else return false
  }
  if (segmentLength === 0) return false
  if (type === 'maven' && slashes === 0) return false
  if (at === length) return true
  // The version: at least one plain character, no further '@' or slash.
  if (at + 1 === length) return false
  for (at++; at < length; at++) if (!isPlainCharacter(value.charCodeAt(at))) return false
  return true
}
