import type { FastifyInstance } from 'fastify'

/**
 * Every route of the server under /api, read from fastify's own route tree (HEAD twins and the docs UI left out),
 * with logging out last: it ends the session a test uses to call all the others.
 */
export function routeTable(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!match) continue
    stack.length = match[1]!.length / 4
    stack.push(match[2]!)
    for (const method of match[3]?.split(', ') ?? []) routes.push({ method, url: stack.join('') })
  }
  return routes
    .filter((r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
    .sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'))
}
