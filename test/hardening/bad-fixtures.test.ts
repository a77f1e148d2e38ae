/**
 * The corpus of hand-made malformed files (test/fixtures/bad/) and the exact messages each must produce, read from
 * test/fixtures/bad/EXPECTED.json: one table for every importer and reader. A rejected import leaves no trace.
 * Add a file and its entry together; the first test fails when one is missing.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Database } from '../../src/db/Database'
import { initDatabase } from '../../src/services/database'
import { IMPORTERS } from '../../src/services/imports'
import { runChokepoint } from '../helpers/cli'
import { tempDir } from '../helpers/tmp'
import { READER_NAMES, messagesFor, type BadFixture } from './support/badFixtures'
import { initialisedDb } from './support/server'

const dir = join(import.meta.dirname, '../fixtures/bad')
const expected = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8')) as Record<
  string,
  BadFixture
>
const names = Object.keys(expected).sort()

describe('malformed files: exact messages', () => {
  let db: Database
  beforeAll(async () => {
    db = await Database.open(':memory:')
    await initDatabase(db, '2026-11-28T00:00:00.000Z')
  })
  afterAll(() => db.close())

  it('every file in the corpus has an entry and every entry a file', () => {
    const files = readdirSync(dir)
      .filter((f) => f !== 'EXPECTED.json')
      .sort()
    expect(names).toEqual(files)
  })

  it('the corpus covers every import kind and every reader', () => {
    const targets = new Set(names.map((n) => expected[n]?.target))
    for (const imp of IMPORTERS) expect(targets, imp.kind).toContain(`import:${imp.kind}`)
    for (const reader of READER_NAMES) expect(targets, reader).toContain(`reader:${reader}`)
  })

  it.each(names)('%s', async (name) => {
    const fixture = expected[name]!
    const count = async () =>
      JSON.stringify(
        await db.all(
          `SELECT (SELECT count(*) FROM vintages) AS v, (SELECT count(*) FROM trade_observations) AS t,
                  (SELECT count(*) FROM dataset_rows) AS d`
        )
      )
    const before = await count()
    expect(fixture.messages.length, 'an entry lists at least one message').toBeGreaterThan(0)
    expect(await messagesFor(db, dir, name, fixture)).toEqual(fixture.messages)
    expect(await count()).toBe(before)
  })
})

describe('the same messages reach a person through the CLI', () => {
  const tmp = tempDir('chokepoint-bad-cli-')
  let dbPath = ''
  beforeAll(async () => {
    dbPath = await initialisedDb(tmp.file('cli.duckdb'))
  })
  afterAll(() => tmp.remove())

  const cases: [string, (file: string) => string[]][] = [
    ['exports-ragged.csv', (f) => ['import', 'exports', f]],
    ['controls-not-an-array.json', (f) => ['import', 'controls', f]],
    ['bom-unknown-form.csv', (f) => ['exposure', f]],
    ['optimize-unknown-material.yaml', (f) => ['optimize', f]],
    ['scenario-unknown-material.yaml', (f) => ['simulate', f]],
    ['comtrade-negative-weight.csv', (f) => ['import', 'exports', f, '--input-format', 'comtrade']],
  ]
  it.each(cases)('%s: exit 1, the messages on stderr, nothing on stdout', async (name, args) => {
    const r = await runChokepoint([...args(join(dir, name)), '--db', dbPath, '--format', 'json'])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines.slice(0, -1)).toEqual(expected[name]?.messages)
    expect(lines.at(-1)).toMatch(/^error: invalid input \(\d+ problems?\)/)
  })
})
