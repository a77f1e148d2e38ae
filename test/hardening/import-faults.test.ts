/**
 * Imports survive faults: a SIGKILL in the middle of a 300k-row import (as DuckDB starts writing it into the file,
 * and half-way through) leaves the whole import or none of it, and the file takes the next import;
 * reads during an import (same process or another) see the state before or after, never between; a read-only
 * database file, folder or file system and a full disk give a named error and leave the data as it was.
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runChokepoint } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { syntheticExportsCsv, writeSyntheticExports } from './support/bigExports'
import { dbState, mountTmpfs, remountReadOnly, unmount } from './support/faults'
import { TOKEN, initialisedDb, isErrorShape, testApp } from './support/server'

const tmp = tempDir('chokepoint-faults-')
afterAll(() => tmp.remove())
const bin = join(import.meta.dirname, '../../bin/chokepoint.mjs')
const BIG_ROWS = 300_000

interface Killed {
  signal: NodeJS.Signals | null
  code: number | null
  stdout: string
  afterMs: number
}

/** Runs `chokepoint import exports FILE` and SIGKILLs it when `when()` first says so (checked every 20 ms). */
function importAndKill(
  dbPath: string,
  file: string,
  when: (ms: number) => boolean
): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, [bin, 'import', 'exports', file, '--db', dbPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let killedAt = -1
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const timer = setInterval(() => {
      const ms = performance.now() - started
      if (killedAt < 0 && when(ms)) {
        killedAt = ms
        child.kill('SIGKILL')
      }
    }, 20)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearInterval(timer)
      resolve({ signal, code, stdout, afterMs: Math.round(killedAt) })
    })
  })
}

describe('SIGKILL in the middle of a large import', () => {
  const big = tmp.file('big.csv')
  beforeAll(() => {
    writeSyntheticExports(big, BIG_ROWS, 'sigkill')
  })

  /** The file opens, and holds either no trace of big.csv or all of its rows under one vintage. */
  async function expectAllOrNothing(
    dbPath: string,
    before: { vintages: number; tradeRows: number }
  ) {
    const after = await dbState(dbPath, 'big.csv')
    expect(after.orphanRows).toBe(0)
    if (after.imports.length === 0) {
      expect(after).toMatchObject({ vintages: before.vintages, tradeRows: before.tradeRows })
      return 'none'
    }
    expect(after.imports).toEqual([
      { id: expect.any(Number), rows_read: BIG_ROWS, stored: BIG_ROWS },
    ])
    expect(after).toMatchObject({
      vintages: before.vintages + 1,
      tradeRows: before.tradeRows + BIG_ROWS,
    })
    return 'whole'
  }

  // DuckDB writes a large append's blocks into the database file before COMMIT makes them reachable; kill it
  // as that starts, and again once the file has grown by 16 MB (the import's data is about half written).
  for (const grownMb of [0, 16]) {
    it(`killed once the database file has grown by more than ${grownMb} MB: all of it or none of it`, async () => {
      const dbPath = await initialisedDb(tmp.file(`kill-grown-${grownMb}.duckdb`))
      const before = await dbState(dbPath, 'big.csv')
      const initial = statSync(dbPath).size
      const grown = () => {
        try {
          return statSync(dbPath).size - initial > grownMb * 1024 * 1024
        } catch {
          return false
        }
      }
      const killed = await importAndKill(dbPath, big, grown)
      expect(killed.signal).toBe('SIGKILL')
      expect(statSync(dbPath).size).toBeGreaterThan(initial)
      expect(['none', 'whole']).toContain(await expectAllOrNothing(dbPath, before))
      // The file takes the next import.
      const small = tmp.file(`small-${grownMb}.csv`)
      writeFileSync(small, syntheticExportsCsv(10, `after-kill-${grownMb}`))
      const r = await runChokepoint([
        'import',
        'exports',
        small,
        '--db',
        dbPath,
        '--format',
        'json',
      ])
      expect(r.code).toBe(0)
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'imported', rows_inserted: 10 })
    }, 90_000)
  }
})

describe('reads during an import', () => {
  const rowsIn = 30_000

  it('a CLI import in another process: every server read shows the data before or after it', async () => {
    const dbPath = await initialisedDb(tmp.file('cross.duckdb'))
    const file = writeSyntheticExports(tmp.file('cross.csv'), rowsIn, 'cross')
    const { app } = await testApp({ dbPath })
    await app.listen({ host: '127.0.0.1', port: 0 })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    type Info = { datasets: { kind: string; rows: number; last_vintage: { file_name: string } }[] }
    const exportsOf = (info: Info) => info.datasets.find((d) => d.kind === 'exports')!
    const first = exportsOf((await (await fetch(`${base}/api/datasets`)).json()) as Info)
    const seen: { rows: number; file: string; status: number }[] = []
    let stop = false
    const reads = (async () => {
      while (!stop) {
        const r = await fetch(`${base}/api/datasets`)
        const e = exportsOf((await r.json()) as Info)
        seen.push({ rows: e.rows, file: e.last_vintage.file_name, status: r.status })
      }
    })()
    const imported = await runChokepoint(['import', 'exports', file, '--db', dbPath])
    await new Promise((r) => setTimeout(r, 300))
    stop = true
    await reads
    await app.close()
    expect(imported.code).toBe(0)
    expect(seen.every((s) => s.status === 200)).toBe(true)
    for (const s of seen) {
      if (s.file === 'cross.csv') expect(s.rows).toBe(first.rows + rowsIn)
      else expect(s).toMatchObject({ rows: first.rows, file: first.last_vintage.file_name })
    }
    expect(seen.at(-1)?.rows).toBe(first.rows + rowsIn)
  }, 60_000)

  it('an API import: concurrent API reads show the data before or after it', async () => {
    const dbPath = await initialisedDb(tmp.file('same.duckdb'))
    const { app } = await testApp({ dbPath, token: TOKEN })
    const rowsOf = async () =>
      (await app.inject({ url: '/api/datasets' }))
        .json()
        .datasets.find((d: { kind: string }) => d.kind === 'exports').rows as number
    const start = await rowsOf()
    const post = app.inject({
      method: 'POST',
      url: '/api/imports/exports?file_name=same.csv',
      payload: syntheticExportsCsv(rowsIn, 'same'),
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
    })
    const during = await Promise.all(Array.from({ length: 20 }, () => rowsOf()))
    expect((await post).statusCode).toBe(200)
    for (const rows of during) expect([start, start + rowsIn]).toContain(rows)
    expect(await rowsOf()).toBe(start + rowsIn)
    await app.close()
  })
})

describe('storage that cannot be written', () => {
  const runAs = { uid: 65534, gid: 65534 } // nobody: root ignores file permissions
  beforeAll(() => chmodSync(tmp.path, 0o755))

  function cli(args: string[], asNobody = false) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(asNobody ? runAs : {}),
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.on('exit', (code) => resolve({ code, stdout, stderr }))
    })
  }

  it('a read-only database file (permissions): the CLI names the cause and exits 3, no crash', async () => {
    const dir = tmp.file('ro-file')
    mkdirSync(dir)
    chmodSync(dir, 0o755)
    const dbPath = await initialisedDb(join(dir, 'ro.duckdb'))
    chmodSync(dbPath, 0o444)
    const csv = writeSyntheticExports(tmp.file('ro-in.csv'), 100, 'ro')
    chmodSync(csv, 0o644)
    const r = await cli(['import', 'exports', csv, '--db', dbPath], true)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/Permission denied/)
    expect(r.stderr.split('\n').filter((l) => /^\s+at /.test(l))).toEqual([])
    expect((await dbState(dbPath, 'ro-in.csv')).imports).toEqual([])
  })

  it('a read-only folder: reads work, an import fails at commit with the cause named, nothing stored', async () => {
    const dir = tmp.file('ro-folder')
    mkdirSync(dir)
    const dbPath = await initialisedDb(join(dir, 'rof.duckdb'))
    chmodSync(dbPath, 0o666)
    chmodSync(dir, 0o555)
    const csv = writeSyntheticExports(tmp.file('rof-in.csv'), 100, 'rof')
    chmodSync(csv, 0o644)
    const read = await cli(['db', 'info', '--db', dbPath, '--format', 'json'], true)
    expect(read.code).toBe(0)
    const r = await cli(['import', 'exports', csv, '--db', dbPath], true)
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/Failed to commit: .*Permission denied/)
    chmodSync(dir, 0o755)
    expect((await dbState(dbPath, 'rof-in.csv')).imports).toEqual([])
  })

  it('a read-only file system: the server answers 503 storage_read_only and keeps serving', async (t) => {
    const mnt = tmp.file('ro-mount')
    const refused = mountTmpfs(mnt, 16)
    if (refused) return t.skip(refused)
    try {
      const dbPath = await initialisedDb(join(mnt, 'rofs.duckdb'))
      remountReadOnly(mnt)
      const { app } = await testApp({ dbPath, token: TOKEN })
      const post = await app.inject({
        method: 'POST',
        url: '/api/imports/exports?file_name=rofs.csv',
        payload: syntheticExportsCsv(100, 'rofs'),
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
      })
      expect(post.statusCode).toBe(503)
      expect(post.json().error.code).toBe('storage_read_only')
      expect(isErrorShape(post.json())).toBe(true)
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(503)
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200)
      // The CLI still answers questions (it opens the file read-only) and refuses changes with a named error.
      const cliRead = await cli(['db', 'info', '--db', dbPath, '--format', 'json'])
      expect(cliRead.code).toBe(0)
      expect(JSON.parse(cliRead.stdout).schema_version).toBeGreaterThan(0)
      const cliWrite = await cli([
        'alerts',
        'add',
        '--name',
        'x',
        '--kind',
        'release_overdue',
        '--product',
        'magnets',
        '--db',
        dbPath,
      ])
      expect(cliWrite.code).toBe(3)
      expect(cliWrite.stderr).toContain('error: the database file or its folder cannot be written')
      expect(cliWrite.stderr).not.toContain('internal error')
      await app.close()
    } finally {
      unmount(mnt)
    }
  })

  it('a full disk: the import fails with 507 storage_full / CLI exit 3, and the data is as it was', async (t) => {
    const mnt = tmp.file('full-mount')
    const refused = mountTmpfs(mnt, 6)
    if (refused) return t.skip(refused)
    try {
      const dbPath = await initialisedDb(join(mnt, 'full.duckdb'))
      const before = await dbState(dbPath, 'full.csv')
      const file = writeSyntheticExports(tmp.file('full.csv'), 60_000, 'full')
      const r = await cli(['import', 'exports', file, '--db', dbPath])
      expect(r.code).toBe(3)
      expect(r.stderr).toMatch(/No space left on device/)
      expect(await dbState(dbPath, 'full.csv')).toEqual(before)

      const { app } = await testApp({ dbPath, token: TOKEN })
      const post = await app.inject({
        method: 'POST',
        url: '/api/imports/exports?file_name=full.csv',
        payload: syntheticExportsCsv(60_000, 'full-api'),
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` },
      })
      expect(post.statusCode).toBe(507)
      expect(post.json().error.code).toBe('storage_full')
      const info = await app.inject({ url: '/api/datasets' })
      expect(info.statusCode).toBe(200)
      await app.close()
      expect(await dbState(dbPath, 'full.csv')).toEqual(before)
    } finally {
      unmount(mnt)
    }
  })
})
