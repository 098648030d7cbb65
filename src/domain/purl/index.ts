export { buildComponents, buildPurl, canonicalizePurl, formatPurl, parsePurl, percentDecode, percentEncode } from './purl.js'
export type { PackageUrl, PackageUrlInput } from './purl.js'
export type { PurlTypeDefinition } from './type-definition.js'
