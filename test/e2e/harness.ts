/**
 * End-to-end harness: a fresh dashboard build when web/ changed, a real server (buildApp) on a temporary database
 * filled with the shipped data, and Debian's Chromium driven by playwright-core with a throw-away profile.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { withDatabase } from '../../src/db/Database'
import { buildApp } from '../../src/server/app'
import { initDatabase } from '../../src/services/database'
import { ROOT, WEB_DIR, buildWeb, webBuildStale } from '../../scripts/webBuild'

export { ROOT, WEB_DIR, webBuildStale }
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
export const RESULTS = join(ROOT, 'test-results')

/** Chromium is required in CI; elsewhere the browser tests are skipped (with this reason) when it is missing. */
export const browserMissing = !existsSync(CHROMIUM) && process.env['CI'] !== 'true'
export const SKIP_REASON = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`

/** Builds the dashboard when stale; a lock directory keeps parallel test files from building at once. */
export function ensureWebBuild(): void {
  const lock = join(ROOT, '.tmp', 'web-build.lock')
  mkdirSync(join(ROOT, '.tmp'), { recursive: true })
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      // Another test file is building; a lock older than two minutes is left over from a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`)
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500)
    }
  }
  try {
    if (webBuildStale()) buildWeb()
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

export interface TestServer {
  url: string
  dbPath: string
  close: () => Promise<void>
}

/** A server on 127.0.0.1 (free port) over a new database holding the shipped datasets. */
export async function startServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-e2e-'))
  const dbPath = join(dir, 'e2e.duckdb')
  await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-07-01T00:00:00.000Z'))
  const { app } = await buildApp({ dbPath, webDir: WEB_DIR, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address')
  return {
    url: `http://127.0.0.1:${address.port}`,
    dbPath,
    close: async () => {
      await app.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface TestBrowser {
  context: BrowserContext
  page: Page
  /** Console errors and uncaught page errors seen so far. */
  errors: string[]
  close: () => Promise<void>
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
]

export async function launchBrowser(viewport = { width: 1280, height: 900 }): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'chokepoint-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    acceptDownloads: true,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`page: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()} ${r.request().method()} ${r.url()}`)
  })
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

/** Saves a full-page screenshot to test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true })
  await page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true })
}
