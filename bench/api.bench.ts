/**
 * `npm run bench -- api [--duration 30] [--connections 50]`: load on the real server (`src/server/main.ts` in a
 * child process, loopback only, a temporary database filled with the shipped data). A mix of read routes and
 * licence determinations runs for `duration` seconds; the peer, measured in the same run with the same
 * connections, is `/healthz`, the framework's ceiling on this machine. Reports throughput, p50/p99 latency,
 * errors (must be 0) and the server's resident memory before and after (growth must stay under 10%).
 * Each read route is then timed alone for 3 s, to show where the time goes. Results: bench/results/api.json.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { parseCsv } from '../src/ingest/csv'
import { writeResults, type BenchRow } from './results'

type Request = autocannon.Request
type Result = autocannon.Result

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`)
  const v = i >= 0 ? Number(args[i + 1]) : fallback
  return Number.isFinite(v) && v > 0 ? v : fallback
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024
}

/** The licence batch the load sends: the rows of examples/shipments.csv as JSON. */
function shipmentsBody(): string {
  const t = parseCsv(readFileSync(join(root, 'examples/shipments.csv'), 'utf8'), 'shipments.csv')
  if (!t.ok) throw new Error('examples/shipments.csv does not parse')
  const shipments = t.value.records.map((r) =>
    Object.fromEntries(t.value.header.flatMap((h, k) => (r.fields[k] ? [[h, r.fields[k]]] : [])))
  )
  return JSON.stringify({ shipments, as_of: '2026-03-02' })
}

const READS: Request[] = [
  { method: 'GET', path: '/api/trade/series?product=magnets&partner=WLD&from=2024-01&to=2025-12' },
  { method: 'GET', path: '/api/trade/breakdown?product=magnets&month=2025-05' },
  { method: 'GET', path: '/api/trade/throttling?product=magnets' },
  { method: 'GET', path: '/api/trade/latest' },
  { method: 'GET', path: '/api/datasets' },
  { method: 'GET', path: '/api/rules?as_of=2026-03-02' },
]

async function run(url: string, connections: number, duration: number, requests: Request[]) {
  return autocannon({ url, connections, duration, requests, timeout: 30 })
}

function errorsOf(r: Result): number {
  return r.errors + r.timeouts + r.non2xx
}

export async function main(args: string[]): Promise<void> {
  const duration = flag(args, 'duration', 30)
  const connections = flag(args, 'connections', 50)
  const peerDuration = flag(args, 'peer-duration', 10)
  const dir = mkdtempSync(join(tmpdir(), 'chokepoint-bench-api-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const licence: Request = {
    method: 'POST',
    path: '/api/licence/determinations',
    headers: { 'content-type': 'application/json' },
    body: shipmentsBody(),
  }
  const mix = [...READS, licence]

  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      CHOKEPOINT_DB: join(dir, 'bench.duckdb'),
      LOG_LEVEL: 'info',
      // One client at 50 connections would exceed the per-client defaults by design; lift them for the load.
      CHOKEPOINT_RATE_DETERMINATIONS: 'off',
    },
    // Structured request logs stay on (their cost is part of the measurement) and go to /dev/null.
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
  try {
    const started = performance.now()
    for (;;) {
      const ok = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false
      )
      if (ok) break
      if (performance.now() - started > 120_000 || server.exitCode !== null)
        throw new Error('the server did not become ready')
      await new Promise((r) => setTimeout(r, 200))
    }
    process.stdout.write(`server on ${base} (pid ${server.pid}); checking every route of the mix\n`)
    for (const r of mix) {
      const res = await fetch(`${base}${r.path}`, {
        method: r.method ?? 'GET',
        ...(r.headers ? { headers: r.headers } : {}),
        ...(r.body ? { body: r.body } : {}),
      })
      if (res.status !== 200)
        throw new Error(`${r.method} ${r.path} answered ${res.status}: ${await res.text()}`)
    }
    process.stdout.write('warm-up 5 s\n')
    await run(base, connections, 5, mix)
    const pid = server.pid ?? 0
    const rssBefore = rssMb(pid)
    process.stdout.write(`peer: GET /healthz, ${peerDuration} s, ${connections} connections\n`)
    const peer = await run(base, connections, peerDuration, [{ method: 'GET', path: '/healthz' }])
    process.stdout.write(
      `load: mix of ${mix.length} routes, ${duration} s, ${connections} connections\n`
    )
    const load = await run(base, connections, duration, mix)
    const rssAfter = rssMb(pid)
    process.stdout.write(`licence determinations alone, ${peerDuration} s\n`)
    const lic = await run(base, connections, peerDuration, [licence])
    const rssEnd = rssMb(pid)
    process.stdout.write('each read route alone, 3 s, 10 connections\n')
    const perRoute: BenchRow[] = []
    for (const r of READS) {
      const alone = await run(base, 10, 3, [r])
      perRoute.push({
        name: `${r.method} ${r.path.split('?')[0]} alone`,
        metric: 'requests/s at 10 connections',
        value: alone.requests.average,
        peer: 'GET /healthz (50 connections)',
        peer_value: peer.requests.average,
        ratio: alone.requests.average / peer.requests.average,
      })
      if (errorsOf(alone) > 0) process.exitCode = 1
    }

    server.kill('SIGTERM')
    const exitCode = await exited
    const rows: BenchRow[] = [
      {
        name: 'api mix (6 reads + licence batch)',
        metric: 'requests/s (higher is better)',
        value: load.requests.average,
        peer: 'GET /healthz',
        peer_value: peer.requests.average,
        ratio: load.requests.average / peer.requests.average,
      },
      {
        name: 'api mix',
        metric: 'latency p50 ms (ratio = peer/ours)',
        value: load.latency.p50,
        peer: 'GET /healthz',
        peer_value: peer.latency.p50,
        ratio: load.latency.p50 > 0 ? peer.latency.p50 / load.latency.p50 : null,
      },
      {
        name: 'api mix',
        metric: 'latency p99 ms (ratio = peer/ours)',
        value: load.latency.p99,
        peer: 'GET /healthz',
        peer_value: peer.latency.p99,
        ratio: load.latency.p99 > 0 ? peer.latency.p99 / load.latency.p99 : null,
      },
      {
        name: 'api mix',
        metric: 'errors (socket errors + timeouts + non-2xx; must be 0)',
        value: errorsOf(load),
        peer: 'GET /healthz',
        peer_value: errorsOf(peer),
        ratio: null,
      },
      {
        name: 'api mix',
        metric: 'requests completed',
        value: load.requests.total,
        peer: 'GET /healthz',
        peer_value: peer.requests.total,
        ratio: null,
      },
      {
        name: 'POST /api/licence/determinations alone',
        metric: `requests/s (batch of ${JSON.parse(licence.body ?? '{}').shipments.length} shipments)`,
        value: lic.requests.average,
        peer: 'GET /healthz',
        peer_value: peer.requests.average,
        ratio: lic.requests.average / peer.requests.average,
      },
      {
        name: 'POST /api/licence/determinations alone',
        metric: 'latency p99 ms; errors',
        value: lic.latency.p99,
        peer: 'errors',
        peer_value: errorsOf(lic),
        ratio: null,
      },
      ...perRoute,
      {
        name: 'server resident memory',
        metric: 'MB after the load (peer: after warm-up)',
        value: rssAfter,
        peer: 'before the load',
        peer_value: rssBefore,
        ratio: rssAfter / rssBefore,
      },
      {
        name: 'server resident memory',
        metric: 'MB after the licence run (peer: after warm-up)',
        value: rssEnd,
        peer: 'before the load',
        peer_value: rssBefore,
        ratio: rssEnd / rssBefore,
      },
      {
        name: 'graceful shutdown',
        metric: 'exit code after SIGTERM (0 = clean)',
        value: exitCode ?? -1,
        peer: null,
        peer_value: null,
        ratio: null,
      },
    ]
    writeResults('api', rows)
    const growth = (rssAfter / rssBefore - 1) * 100
    process.stdout.write(
      `\nmix: ${load.requests.average.toFixed(0)} req/s, p50 ${load.latency.p50} ms, p99 ${load.latency.p99} ms, ` +
        `errors ${errorsOf(load)}; RSS ${rssBefore.toFixed(0)} -> ${rssAfter.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%)\n`
    )
    if (errorsOf(load) + errorsOf(lic) > 0) process.exitCode = 1
    if (growth >= 10) process.exitCode = 1
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  }
}
