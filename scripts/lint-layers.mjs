// The layer rule, checked on every import: domain imports nothing outside domain (and no Node or DOM I/O);
// web never imports store, server, services or cli; store and services never import server, cli or web;
// server never imports cli or web. And the store is the only place with SQL: services, server and cli build no
// kysely queries (see sqlOutsideStore below).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src')

/** Layers each layer must not import. */
const forbidden = {
  domain: ['store', 'services', 'server', 'cli', 'web'],
  store: ['services', 'server', 'cli', 'web'],
  services: ['server', 'cli', 'web'],
  server: ['cli', 'web'],
  // The CLI is a composition root: `medsec serve` starts the HTTP server, so cli may import server (never web).
  cli: ['web'],
  web: ['store', 'services', 'server', 'cli'],
}
/** Packages allowed in pure domain code (no I/O). */
const domainPackages = new Set(['semver', 'packageurl-js', 'spdx-expression-parse', 'ajv', 'ajv-formats'])

/** Layers above the store, where a kysely query is a layer breach: the query belongs in a store repository. */
const sqlFreeLayers = new Set(['services', 'server', 'cli'])
// What builds or runs SQL through kysely: the query builders' entry points, raw SQL (the `sql` tag, a compiled raw
// query) and any value (not type-only) import of kysely, whose runtime exports are all query machinery.
// Allowed, and so not matched: `db.transaction().execute(...)`, because a use case decides what commits together
// (auditedWrite) while the repositories it calls inside the transaction hold the SQL.
const sqlPatterns = [
  [/\.(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|executeQuery)\s*\(/g, (m) => `calls kysely's ${m[1]}()`],
  [/\bsql\s*(?:<[^>]*>)?\s*`/g, () => 'writes raw SQL with the sql tag'],
  [/\bCompiledQuery\s*\./g, () => 'runs a raw CompiledQuery'],
  [/^\s*import\s+(?!type\s)([^'"]*?)\s*from\s+['"]kysely['"]/gm, (m) => (isTypeOnly(m[1]) ? undefined : 'imports values from kysely')],
]

// `import { type Kysely, type Selectable }` brings no query machinery; `import type {...}` is not matched at all.
function isTypeOnly(clause) {
  const named = clause.match(/^\{([^}]*)\}$/)
  return Boolean(named && named[1].split(',').every((name) => name.trim() === '' || /^type\s/.test(name.trim())))
}

/** The findings of the SQL rule in one file's text; comments are blanked first so that prose does not count. */
function sqlOutsideStore(text) {
  const blank = (c) => c.replace(/[^\n]/g, ' ')
  const code = text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/(^|[\s;{}(),])(\/\/.*)$/gm, (_, before, comment) => before + blank(comment))
  const found = []
  for (const [pattern, describe] of sqlPatterns) {
    for (const match of code.matchAll(pattern)) {
      const what = describe(match)
      if (what) found.push(`line ${code.slice(0, match.index).split('\n').length} ${what}`)
    }
  }
  return found
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* walk(path)
    else if (/\.(ts|tsx)$/.test(name)) yield path
  }
}

const importPattern = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm
const problems = []
let checked = 0
for (const file of walk(src)) {
  const rel = relative(src, file)
  const layer = rel.split(sep)[0]
  const isTest = /\.test\.tsx?$/.test(file) // tests may read fixtures from disk; they are not shipped domain code
  const text = readFileSync(file, 'utf8')
  if (sqlFreeLayers.has(layer) && !isTest) {
    for (const found of sqlOutsideStore(text)) problems.push(`${rel}: ${found}; SQL belongs in a store repository (src/store/repositories)`)
  }
  for (const match of text.matchAll(importPattern)) {
    const spec = match[1] ?? match[2] ?? match[3]
    checked++
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec)).split(sep)[0]
      if (target.startsWith('..')) {
        if (!isTest) problems.push(`${rel}: imports ${spec}, outside src/`)
      } else if ((forbidden[layer] ?? []).includes(target)) {
        problems.push(`${rel}: layer '${layer}' must not import '${target}' (${spec})`)
      }
    } else if (layer === 'domain' && !isTest) {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
      if (!domainPackages.has(pkg)) problems.push(`${rel}: domain must stay pure, but imports '${spec}'`)
    }
  }
}
if (problems.length > 0) {
  console.error(`layer lint: ${problems.length} problem(s)\n` + problems.map((p) => '  ' + p).join('\n'))
  process.exit(1)
}
console.log(`layer lint: ok (${checked} imports checked)`)
