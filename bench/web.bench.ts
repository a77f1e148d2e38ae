/**
 * `npm run bench -- web`: the dashboard's weight and speed.
 * - Initial JavaScript: the entry script and the modules index.html preloads, gzipped (zlib level 9, as a server
 *   would send them), against the 500 KB budget. Lazily loaded page chunks are listed but not counted.
 * - Time to a rendered Overview chart: headless Chromium (a fresh profile each time, so nothing is cached) opens
 *   the Overview from a server on a fresh database; the time from navigation start to the first chart's
 *   `finished` event (the `chokepoint:first-chart` performance mark). Median of 5 against the 2 s target.
 * Writes bench/results/web.json. Options: `--runs=N` (default 5), `--no-build` (measure dist/web as it is).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { withDatabase } from '../src/db/Database'
import { buildApp } from '../src/server/app'
import { initDatabase } from '../src/services/database'
import { buildWeb } from '../scripts/webBuild'
import { writeResults, type BenchRow } from './results'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const WEB = join(ROOT, 'dist/web')
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'
const BUDGET_KB = 500
const TARGET_MS = 2000
const MARK = 'chokepoint:first-chart'

function gzKb(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length / 1024
}

/** Scripts index.html loads up front: the module entry and every modulepreload. */
export function initialScripts(html: string): string[] {
  const out = new Set<string>()
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g))
    if (m[1]) out.add(m[1])
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g))
    if (m[1]) out.add(m[1])
  return [...out]
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export async function main(args: string[]): Promise<void> {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5)
  let buildMs: number | null = null
  if (!args.includes('--no-build')) {
    const t0 = performance.now()
    buildWeb()
    buildMs = performance.now() - t0
  }

  const html = readFileSync(join(WEB, 'index.html'), 'utf8')
  const initial = initialScripts(html)
  const initialKb = initial.reduce((s, src) => s + gzKb(join(WEB, src)), 0)
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!)
  const cssKb = css.reduce((s, href) => s + gzKb(join(WEB, href)), 0)
  const assets = readdirSync(join(WEB, 'assets')).filter((f) => f.endsWith('.js'))
  const lazy = assets.filter((f) => !initial.includes(`/assets/${f}`))
  const lazyKb = lazy.reduce((s, f) => s + gzKb(join(WEB, 'assets', f)), 0)
  const largestLazy = lazy
    .map((f) => ({ f, kb: gzKb(join(WEB, 'assets', f)) }))
    .sort((a, b) => b.kb - a.kb)[0]
  process.stdout.write(
    `initial JS: ${initial.join(', ')} = ${initialKb.toFixed(1)} KB gzipped; CSS ${cssKb.toFixed(1)} KB; ` +
      `${lazy.length} lazy chunks ${lazyKb.toFixed(1)} KB (largest ${largestLazy?.f} ${largestLazy?.kb.toFixed(1)} KB); ` +
      `dist/web index ${statSync(join(WEB, 'index.html')).size} B\n`
  )

  // A server like `npm start`'s, on a fresh database with the shipped data.
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-web-bench-'))
  const dbPath = join(dir, 'bench.duckdb')
  await withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-07-01T00:00:00.000Z'))
  const { app } = await buildApp({ dbPath, webDir: WEB, logger: false })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address')
  const url = `http://127.0.0.1:${address.port}/`

  const times: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'chokepoint-web-bench-profile-'))
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--disable-sync',
        ],
        viewport: { width: 1280, height: 900 },
      })
      try {
        const page = context.pages()[0] ?? (await context.newPage())
        await page.goto(url)
        await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MARK, {
          timeout: 30_000,
        })
        const ms = await page.evaluate(
          (mark) => performance.getEntriesByName(mark)[0]!.startTime,
          MARK
        )
        times.push(ms)
        process.stdout.write(`run ${i + 1}: first chart at ${ms.toFixed(0)} ms\n`)
      } finally {
        await context.close()
        rmSync(profile, { recursive: true, force: true })
      }
    }
  } finally {
    await app.close()
    rmSync(dir, { recursive: true, force: true })
  }

  const med = median(times)
  const rows: BenchRow[] = [
    {
      name: 'initial JS (entry + modulepreloads), gzip -9',
      metric: 'KB (ratio = budget / value, > 1 is within budget)',
      value: Math.round(initialKb * 10) / 10,
      peer: `budget ${BUDGET_KB} KB`,
      peer_value: BUDGET_KB,
      ratio: Math.round((BUDGET_KB / initialKb) * 100) / 100,
    },
    {
      name: `time to a rendered Overview chart, median of ${runs}, cold browser profile`,
      metric: 'ms (ratio = target / value, > 1 beats the target)',
      value: Math.round(med),
      peer: `target ${TARGET_MS} ms`,
      peer_value: TARGET_MS,
      ratio: Math.round((TARGET_MS / med) * 100) / 100,
    },
    {
      name: 'CSS, gzip -9',
      metric: 'KB',
      value: Math.round(cssKb * 10) / 10,
      peer: null,
      peer_value: null,
      ratio: null,
    },
    {
      name: `lazily loaded page chunks (${lazy.length}), gzip -9, not in the initial load`,
      metric: 'KB',
      value: Math.round(lazyKb * 10) / 10,
      peer: null,
      peer_value: null,
      ratio: null,
    },
  ]
  if (buildMs !== null)
    rows.push({
      name: 'vite build',
      metric: 'ms',
      value: Math.round(buildMs),
      peer: null,
      peer_value: null,
      ratio: null,
    })
  writeResults('web', rows)
}
