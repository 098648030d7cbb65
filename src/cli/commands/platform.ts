import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, Option } from 'commander'
import { isRole } from '../../domain/tenancy/tenancy.js'
import { printError, printJson, withApp } from '../database-option.js'

// Heavy modules (database engine, HTTP server) are imported inside the actions that need them, so that every
// other command starts fast.
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

/** `serve`, `db migrate`, `user create`, `token create`, `audit verify`. */
export function registerPlatformCommands(program: Command): void {
  program
    .command('serve')
    .description('migrate, seed the demo once, and serve the API and web UI')
    .option('--port <port>', 'port to listen on (default: PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--data <dir>', 'embedded database folder (ignored when DATABASE_URL is set)')
    .option('--no-seed', 'do not seed the demo organizations')
    .action(async (options: { port?: string; host?: string; data?: string; seed: boolean }, command: Command) => {
      const data = options.data ?? command.optsWithGlobals<{ data?: string }>().data
      const [{ openApp }, { locationFrom }, { seedDemo, DEMO_LOGINS, DEMO_PASSWORD }, { buildServer }] = await Promise.all([
        import('../../services/app.js'),
        import('../../store/database.js'),
        import('../../services/demo/seed-demo.js'),
        import('../../server/app.js'),
      ])
      const app = await openApp(locationFrom(process.env, data))
      const seed = options.seed && process.env.MEDSEC_SEED_DEMO !== 'false' ? await seedDemo(app.db) : undefined
      const server = await buildServer({
        db: app.db,
        logger: { level: process.env.LOG_LEVEL ?? 'info' },
        webDir: join(projectRoot, 'dist', 'web'),
        secureCookies: process.env.MEDSEC_SECURE_COOKIES === 'true',
      })
      const port = Number(options.port ?? process.env.PORT ?? 8080)
      const host = options.host ?? process.env.HOST ?? '127.0.0.1'
      await server.listen({ port, host })
      const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host
      const lines = [`medsec is running at http://${shown}:${port}  (API docs: /api/docs; database: ${app.describe})`]
      if (seed) {
        lines.push(`Demo logins (password for all: ${DEMO_PASSWORD}):`)
        for (const login of DEMO_LOGINS) lines.push(`  ${login.email.padEnd(34)} ${login.role.padEnd(8)} ${login.organization}`)
      }
      process.stdout.write(lines.join('\n') + '\n')
      const stop = async () => {
        await server.close()
        await app.close()
        process.exit(0)
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })

  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply pending migrations')
    .action(async (_options: unknown, command: Command) => {
      await withApp(command, async (app) => printJson({ database: app.describe, applied: app.migrations.applied, alreadyApplied: app.migrations.alreadyApplied }))
    })

  program
    .command('seed')
    .description('seed the demo organizations, users, products and devices (once)')
    .action(async (_options: unknown, command: Command) => {
      const { seedDemo } = await import('../../services/demo/seed-demo.js')
      await withApp(command, async (app) => printJson(await seedDemo(app.db)))
    })

  program
    .command('user')
    .description('user accounts')
    .command('create')
    .description('create a user (or reset its password) and give it a role in an organization')
    .requiredOption('--email <email>')
    .requiredOption('--org <slug>', 'organization slug, e.g. acme-imaging')
    .addOption(new Option('--role <role>', 'role in the organization').choices(['admin', 'analyst', 'viewer']).default('viewer'))
    .option('--name <name>', 'display name (default: the e-mail)')
    .option('--password <password>', 'password (default: MEDSEC_PASSWORD from the environment)')
    .action(async (options: { email: string; org: string; role: string; name?: string; password?: string }, command: Command) => {
      const password = options.password ?? process.env.MEDSEC_PASSWORD
      if (!password) return printError('validation_failed', 'give --password or set MEDSEC_PASSWORD')
      const { createUserInOrganization } = await import('../../services/system-admin.js')
      await withApp(command, async (app) => {
        const result = await createUserInOrganization(app.db, { email: options.email, name: options.name ?? options.email, password, orgSlug: options.org, role: options.role })
        if (result.ok) printJson(result.value)
        else printError(result.error.code, result.error.message)
      })
    })

  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description('create an API token for an organization; the secret is printed once')
    .requiredOption('--org <slug>', 'organization slug')
    .requiredOption('--name <name>', 'what the token is for')
    .option('--role <role>', 'admin, analyst or viewer', 'viewer')
    .action(async (options: { org: string; name: string; role: string }, command: Command) => {
      if (!isRole(options.role)) return printError('validation_failed', `role must be admin, analyst or viewer, not ${options.role}`)
      const role = options.role
      const [{ systemContext }, { createToken }] = await Promise.all([import('../../services/system-admin.js'), import('../../services/tokens/create-token.js')])
      await withApp(command, async (app) => {
        const ctx = await systemContext(app.db, options.org)
        if (!ctx.ok) return printError(ctx.error.code, ctx.error.message)
        const result = await createToken(ctx.value, { name: options.name, role })
        if (result.ok) printJson({ id: result.value.token.id, name: result.value.token.name, role, token: result.value.secret })
        else printError(result.error.code, result.error.message)
      })
    })

  program
    .command('audit')
    .description('the audit trail')
    .command('verify')
    .description('walk the hash chain; exit 1 and name the first broken entry, or print ok')
    .action(async (_options: unknown, command: Command) => {
      const { verifyAudit } = await import('../../services/audit/verify-audit.js')
      await withApp(command, async (app) => {
        const result = await verifyAudit(app.db)
        if (result.ok) printJson({ status: 'ok', entries: result.entries })
        else {
          printJson({ status: 'broken', entriesVerified: result.entries, seq: result.broken.seq, reason: result.broken.reason, message: result.broken.message })
          process.exitCode = 1
        }
      })
    })
}
