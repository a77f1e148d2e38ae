/**
 * `npm start`: creates and fills the database on first start, then serves the dashboard and API
 * (HOST, PORT, CHOKEPOINT_DB, CHOKEPOINT_TOKEN).
 */
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { withDatabase } from '../db/Database'
import { initDatabase } from '../services/database'
import { buildApp } from './app'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const dbPath = process.env['CHOKEPOINT_DB'] ?? './chokepoint.duckdb'
const host = process.env['HOST'] ?? '127.0.0.1'
const port = Number(process.env['PORT'] ?? 4173)

const summaries = await withDatabase(dbPath, {}, (db) => initDatabase(db, new Date().toISOString()))
const imported = summaries.filter((s) => s.status === 'imported')
const { app } = await buildApp({
  dbPath,
  token: process.env['CHOKEPOINT_TOKEN'],
  webDir: resolve(root, 'dist/web'),
  logger: { level: process.env['LOG_LEVEL'] ?? 'info' },
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

let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    app.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  })
}

await app.listen({ host, port })
process.stdout.write(
  `Chokepoint: dashboard and API on http://${host}:${port} (API docs: /api/docs; database ${dbPath})\n`
)
