/**
 * Graceful shutdown: a request already running finishes and is answered; requests that arrive after shutdown began
 * are refused with 503 in the error shape (or find the port closed); the database ends up holding the import.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { connect, createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../../src/db/Database'
import { tempDir } from '../helpers/tmp'
import { syntheticExportsCsv } from './support/bigExports'
import { TOKEN, initialisedDb, testApp } from './support/server'

const tmp = tempDir('chokepoint-shutdown-')
afterAll(() => tmp.remove())
const root = join(import.meta.dirname, '../..')

async function vintageCount(dbPath: string): Promise<number> {
  return withDatabase(dbPath, {}, async (db) => {
    const r = await db.one<{ n: number }>('SELECT count(*) AS n FROM vintages')
    return r?.n ?? -1
  })
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

/** Splits raw HTTP/1.1 responses read from one socket (Content-Length bodies only). */
function responses(raw: string): { status: number; body: string; headers: string }[] {
  const out: { status: number; body: string; headers: string }[] = []
  let rest = raw
  while (rest.startsWith('HTTP/1.1')) {
    const end = rest.indexOf('\r\n\r\n')
    const headers = rest.slice(0, end)
    const length = Number(/content-length: (\d+)/i.exec(headers)?.[1] ?? 0)
    const body = Buffer.from(rest.slice(end + 4))
      .subarray(0, length)
      .toString()
    out.push({ status: Number(headers.slice(9, 12)), body, headers })
    rest = rest.slice(end + 4 + body.length)
  }
  return out
}

describe('graceful shutdown', () => {
  it('finishes the running import and refuses a request sent after shutdown began (in process)', async () => {
    const dbPath = await initialisedDb(tmp.file('inproc.duckdb'))
    const before = await vintageCount(dbPath)
    const { app } = await testApp({ dbPath, token: TOKEN })
    let closing: Promise<void> | undefined
    let importRunning: () => void = () => undefined
    const running = new Promise<void>((resolve) => (importRunning = resolve))
    app.addHook('preHandler', async (request) => {
      // The import has its body and is about to run: start shutting down now.
      if (request.url.startsWith('/api/imports/')) {
        closing = app.close()
        importRunning()
      }
    })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = (app.server.address() as AddressInfo).port
    const csv = syntheticExportsCsv(20_000, 'shutdown-inproc')
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/imports/exports?file_name=big.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            `Authorization: Bearer ${TOKEN}\r\nContent-Type: text/csv\r\n` +
            `Content-Length: ${Buffer.byteLength(csv)}\r\n\r\n${csv}`
        )
        // A second request on the same connection, sent once shutdown has begun.
        void running.then(() =>
          socket.write(`GET /api/datasets HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)
        )
      })
      let data = ''
      socket.on('data', (d) => (data += d.toString()))
      socket.on('close', () => resolve(data))
      socket.on('error', reject)
    })
    await closing
    const [first, second] = responses(raw)
    expect(first?.status).toBe(200)
    expect(JSON.parse(first?.body ?? '{}')).toMatchObject({
      status: 'imported',
      rows_inserted: 20_000,
    })
    expect(second?.status).toBe(503)
    expect(second?.headers).toMatch(/connection: close/i)
    expect(JSON.parse(second?.body ?? '{}')).toEqual({
      error: { code: 'shutting_down', message: 'the server is shutting down; retry shortly' },
    })
    expect(await vintageCount(dbPath)).toBe(before + 1)
  })

  it('on SIGTERM the real server answers the import in flight, closes the port and exits 0', async () => {
    const dbPath = await initialisedDb(tmp.file('sigterm.duckdb'))
    const before = await vintageCount(dbPath)
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        CHOKEPOINT_DB: dbPath,
        PORT: String(port),
        CHOKEPOINT_TOKEN: TOKEN,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code))
    )
    const waiting: (() => void)[] = []
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      for (const check of waiting) check()
    })
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) resolve()
        }
        waiting.push(check)
        check()
        void exited.then(() => reject(new Error(`server exited before ${pattern}: ${out}${err}`)))
      })
    const listening = seen(/Chokepoint: dashboard and API on/)
    const importArrived = seen(/"url":"\/api\/imports\/exports/)
    try {
      await listening
      const csv = syntheticExportsCsv(40_000, 'shutdown-sigterm')
      const inFlight = fetch(`http://127.0.0.1:${port}/api/imports/exports?file_name=sig.csv`, {
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
      })
      await importArrived
      await new Promise((r) => setTimeout(r, 300))
      child.kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 200))
      const late = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => `status ${r.status}`,
        (e: Error) => `refused: ${(e.cause as { code?: string } | undefined)?.code ?? e.message}`
      )
      const answer = await inFlight
      expect(answer.status).toBe(200)
      expect(await answer.json()).toMatchObject({ status: 'imported', rows_inserted: 40_000 })
      // A new connection is refused, reset as the server closes, or answered 503 if it slips in first.
      expect(late).toMatch(/^(refused: (ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET)|status 503)$/)
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
    const logs = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; reqId?: string; req?: { url: string } })
    // The import was still running when shutdown began: its completion is logged after the signal.
    const importId = logs.find((l) => l.req?.url.startsWith('/api/imports/'))?.reqId
    const completed = logs.findIndex((l) => l.reqId === importId && l.msg === 'request completed')
    const signalled = logs.findIndex((l) => l.msg.startsWith('shutting down'))
    expect(signalled).toBeGreaterThan(-1)
    expect(completed).toBeGreaterThan(signalled)
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'shutting down: finishing in-flight requests, refusing new ones',
        'shut down cleanly',
      ])
    )
    expect(err).toBe('')
    expect(await vintageCount(dbPath)).toBe(before + 1)
  })

  it('closing cancels a running simulation job instead of waiting for it (route onClose hook)', async () => {
    const dbPath = await initialisedDb(tmp.file('jobs.duckdb'))
    const { app } = await testApp({ dbPath })
    const scenario = readFileSync(
      join(root, 'examples/scenarios/eu-motor-2025-licensing.yaml'),
      'utf8'
    )
    // Far more runs than can finish during the test: the job must be running when the server closes.
    const started = await app.inject({
      method: 'POST',
      url: '/api/simulations',
      payload: { scenario, runs: 200_000, sensitivity_runs: 0 },
    })
    expect(started.statusCode, started.body).toBe(202)
    const id = started.json().id as string
    let status = ''
    for (let i = 0; i < 100 && status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50))
      status = (await app.inject({ url: `/api/simulations/${id}` })).json().status
    }
    expect(status).toBe('running')
    const t0 = performance.now()
    await app.close()
    expect(performance.now() - t0).toBeLessThan(15_000)
  })
})
