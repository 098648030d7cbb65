// Foundation figures: cold start to the first 200 on /api/health, and p50/p99 latency of an authenticated GET under
// 50 concurrent connections, on embedded PGlite and (with MEDSEC_BENCH_DATABASE_URL) on PostgreSQL.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'

const root = new URL('..', import.meta.url).pathname
const pgUrl = process.env.MEDSEC_BENCH_DATABASE_URL
const seconds = Number(process.env.MEDSEC_BENCH_SECONDS ?? 10)

interface Server {
  readonly child: ChildProcess
  readonly msToFirst200: number
  readonly port: number
}

async function startServer(env: NodeJS.ProcessEnv, args: string[], port: number): Promise<Server> {
  const started = performance.now()
  const child = spawn(process.execPath, [join(root, 'bin/medsec.js'), 'serve', '--port', String(port), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (res.status === 200) return { child, msToFirst200: performance.now() - started, port }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function stop(server: Server): Promise<void> {
  const exited = new Promise((r) => server.child.once('exit', r))
  server.child.kill('SIGTERM')
  await exited
}

async function bearerFor(port: number): Promise<{ token: string; orgId: string }> {
  const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@acme-imaging.example', password: 'medsec-demo-2026' }),
  })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
  const session = (await login.json()) as { csrfToken: string; organizations: { id: string }[] }
  const orgId = session.organizations[0]!.id
  const created = await fetch(`http://127.0.0.1:${port}/api/orgs/${orgId}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ name: `bench ${Date.now()}`, role: 'viewer' }),
  })
  return { token: ((await created.json()) as { secret: string }).secret, orgId }
}

async function load(port: number, path: string, token: string): Promise<autocannon.Result> {
  return autocannon({ url: `http://127.0.0.1:${port}${path}`, connections: 50, duration: seconds, headers: { authorization: `Bearer ${token}` } })
}

interface Row {
  engine: string
  coldFresh: string
  coldReopen: string
  p50: string
  p99: string
  rps: string
  non2xx: number
}

async function measure(engine: string, env: NodeJS.ProcessEnv, args: string[], reset: () => Promise<void>, port: number): Promise<Row> {
  await reset()
  const first = await startServer(env, args, port) // fresh: creates and migrates the database, seeds the demo
  await stop(first)
  const second = await startServer(env, args, port) // reopen: an existing, migrated database
  try {
    const { token, orgId } = await bearerFor(port)
    await load(port, `/api/orgs/${orgId}/products`, token) // warm-up run, discarded
    const r = await load(port, `/api/orgs/${orgId}/products`, token)
    return {
      engine,
      coldFresh: `${first.msToFirst200.toFixed(0)} ms`,
      coldReopen: `${second.msToFirst200.toFixed(0)} ms`,
      p50: `${r.latency.p50} ms`,
      p99: `${r.latency.p99} ms`,
      rps: r.requests.average.toFixed(0),
      non2xx: r.non2xx,
    }
  } finally {
    await stop(second)
  }
}

const rows: Row[] = []
const dataDir = mkdtempSync(join(tmpdir(), 'medsec-bench-'))
rows.push(
  await measure('embedded PGlite', { DATABASE_URL: '' }, ['--data', dataDir], async () => rmSync(dataDir, { recursive: true, force: true }), 18181),
)
rmSync(dataDir, { recursive: true, force: true })
if (pgUrl) {
  const name = 'medsec_bench'
  const url = new URL(pgUrl)
  url.pathname = `/${name}`
  const reset = async () => {
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.query(`create database ${name}`)
    await admin.end()
  }
  rows.push(await measure('PostgreSQL 15', { DATABASE_URL: url.toString() }, [], reset, 18182))
} else {
  console.log('(PostgreSQL skipped: set MEDSEC_BENCH_DATABASE_URL to include it)')
}
console.log(`\nGET /api/orgs/:id/products with a bearer token, 50 connections, ${seconds} s after a ${seconds} s warm-up`)
console.table(rows)
