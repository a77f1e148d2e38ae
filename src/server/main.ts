/**
 * `npm start`: creates and fills the database on first start, then serves the dashboard and API.
 * Environment: HOST (default 127.0.0.1), PORT, CHOKEPOINT_DB, CHOKEPOINT_TOKEN, LOG_LEVEL, and the limits read by
 * `serverSettingsFromEnv` (docs/security.md lists them).
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withDatabase } from '../db/Database'
import { initDatabase } from '../services/database'
import { buildApp } from './app'
import { serverSettingsFromEnv } from './settings'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
let settings: ReturnType<typeof serverSettingsFromEnv>
try {
  settings = serverSettingsFromEnv(process.env)
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`)
  process.exit(2)
}
const { dbPath, host, port } = settings

const summaries = await withDatabase(dbPath, {}, (db) => initDatabase(db, new Date().toISOString()))
const imported = summaries.filter((s) => s.status === 'imported')
const { app } = await buildApp({
  dbPath,
  token: settings.token,
  webDir: resolve(root, 'dist/web'),
  logger: { level: settings.logLevel },
  bodyLimit: settings.bodyLimit,
  requestTimeoutMs: settings.requestTimeoutMs,
  rateLimits: settings.rateLimits,
  allowedHosts: settings.allowedHosts,
})
if (imported.length > 0) {
  app.log.info(
    { datasets: imported.map((s) => `${s.kind}:${s.rows_inserted}`) },
    'imported shipped datasets'
  )
}
if (!existsSync(resolve(root, 'dist/web/index.html'))) {
  app.log.warn('dashboard not built (run npm run build:web); serving the API only')
}
if (!settings.token) {
  app.log.info('CHOKEPOINT_TOKEN is not set: imports and alert settings are refused (403)')
}
for (const warning of settings.warnings) app.log.warn(warning)

// Graceful shutdown: stop accepting, let running requests (and the jobs route modules close in their onClose
// hooks) finish, refuse new requests with 503, close the database; give up after the deadline.
let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    app.log.info(
      { signal, deadline_ms: settings.shutdownTimeoutMs },
      'shutting down: finishing in-flight requests, refusing new ones'
    )
    const deadline = setTimeout(() => {
      app.log.error(
        { deadline_ms: settings.shutdownTimeoutMs },
        'shutdown deadline passed with work still running; exiting'
      )
      process.exit(1)
    }, settings.shutdownTimeoutMs)
    deadline.unref()
    app.close().then(
      () => {
        app.log.info('shut down cleanly')
        process.exit(0)
      },
      (e: unknown) => {
        app.log.error({ err: e }, 'error while shutting down')
        process.exit(1)
      }
    )
  })
}

await app.listen({ host, port })
process.stdout.write(
  `Chokepoint: dashboard and API on http://${host.includes(':') ? `[${host}]` : host}:${port} (API docs: /api/docs; database ${dbPath})\n`
)
