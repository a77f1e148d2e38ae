/**
 * Every importer (every dataset kind and input format `chokepoint import` and `POST /api/imports/:kind` accept),
 * fuzzed end to end into a database holding the shipped data: each case either imports or is refused with an
 * InputError whose issues are located; a refused file leaves no trace (no vintage, no rows); nothing hangs.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InputError } from '../../src/contracts/errors'
import { Database } from '../../src/db/Database'
import '../../src/services/controls'
import { initDatabase } from '../../src/services/database'
import { IMPORTERS } from '../../src/services/imports'
import {
  anyInput,
  expectIssues,
  expectNoPrototypePollution,
  fuzzParams,
  fuzzRuns,
  fuzzSeed,
  within,
} from './support/fuzz'

const root = join(import.meta.dirname, '../..')
const CASE_MS = 10_000

/** Seeds per importer and format: the shipped file, plus extra samples where a format has its own. */
function seedsFor(format: string, shippedFile: string): string[] | undefined {
  if (format === 'csv' || format === 'json')
    return [readFileSync(join(root, 'data', shippedFile), 'utf8')]
  if (format === 'comtrade')
    return ['china-2025-05.api.json', 'china-2024-2025.bulk.csv'].map((f) =>
      readFileSync(join(root, 'test/fixtures/comtrade', f), 'utf8')
    )
  return undefined
}

function wellFormed(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

async function counts(db: Database): Promise<string> {
  const v = await db.one<{ n: number }>('SELECT count(*) AS n FROM vintages')
  const t = await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_observations')
  const d = await db.one<{ n: number }>('SELECT count(*) AS n FROM dataset_rows')
  return `${v?.n}/${t?.n}/${d?.n}`
}

describe('importers under fuzzed input', () => {
  let db: Database
  beforeAll(async () => {
    db = await Database.open(':memory:')
    await initDatabase(db, '2026-11-28T00:00:00.000Z')
  })
  afterAll(() => db.close())

  const targets = IMPORTERS.flatMap((imp) =>
    imp.formats.map((format) => ({
      imp,
      format,
      seeds: seedsFor(format, imp.shippedFile),
    }))
  )

  for (const { imp, format, seeds } of targets) {
    const name = `import ${imp.kind} --input-format ${format}`
    if (!seeds) {
      it.skip(`${name}: no seed sample for this format yet`)
      continue
    }
    const seed = fuzzSeed(`importer:${imp.kind}:${format}`)
    const runs = fuzzRuns(80)
    it(`${name}: imports or refuses with located issues, leaving no trace (seed ${seed}, ${runs} runs)`, async () => {
      await fc.assert(
        // Files and HTTP bodies arrive as decoded UTF-8, which cannot hold a lone surrogate (JSON bodies with
        // \ud800 escapes are refused by the server's parser), so the importers get well-formed text.
        fc.asyncProperty(anyInput(seeds).map(wellFormed), async (text) => {
          const before = await counts(db)
          try {
            const summary = await within(CASE_MS, name, () =>
              imp.importText(db, text, 'fuzz', { format }, '2026-11-28T12:00:00.000Z')
            )
            expect(['imported', 'unchanged']).toContain(summary.status)
          } catch (e) {
            if (!(e instanceof InputError)) throw e
            expectIssues(e.issues)
            expect(await counts(db)).toBe(before)
          }
          const orphans = await db.one<{ n: number }>(
            `SELECT (SELECT count(*) FROM trade_observations t WHERE NOT EXISTS (SELECT 1 FROM vintages v WHERE v.id = t.vintage_id))
                  + (SELECT count(*) FROM dataset_rows d WHERE NOT EXISTS (SELECT 1 FROM vintages v WHERE v.id = d.vintage_id)) AS n`
          )
          expect(orphans?.n).toBe(0)
          expectNoPrototypePollution()
        }),
        fuzzParams(seed, runs)
      )
    })
  }
})
