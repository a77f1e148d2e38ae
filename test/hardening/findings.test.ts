/**
 * Defects the fuzzers found in code owned elsewhere, kept as minimal reproducers. Each test states the behaviour
 * we want and is marked `it.fails` while the defect stands: when the owner fixes it, the test starts failing
 * with "expected to fail", which is the signal to turn `it.fails` into `it` (as done for the fixed ones below).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { InputError } from '../../src/contracts/errors'
import { Database } from '../../src/db/Database'
import { readOptimizeInput } from '../../src/ingest/optimizeInput'
import { readScenarioText } from '../../src/ingest/scenario'
import { importerFor } from '../../src/services/imports'
import { readAssumptionsFile } from '../../src/services/respond'
import { tempDir } from '../helpers/tmp'
import { TOKEN, initialisedDb, testApp } from './support/server'

const tmp = tempDir('chokepoint-findings-')
afterAll(() => tmp.remove())

/** Nine-fold nested aliases: a small text that expands to thousands of nodes (a "billion laughs" file). */
const ALIAS_BOMB = [
  'a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
].join('\n')

describe('fixed: YAML aliases in optimiser input (src/ingest/optimizeInput.ts via src/ingest/yamlValue.ts)', () => {
  // Found by fuzz-readers (optimiser input, FUZZ_RUNS=3000, seed 821324509): yaml's doc.toJS() throws
  // ReferenceError for an alias with no anchor and for too many aliases; the reader lets it escape, so the CLI
  // exited 3 ("internal error" with a stack) and POST /api/optimize answered 500. Fixed: the reader turns them
  // into a located issue, and the optimiser target in fuzz-readers.test.ts no longer skips aliases.
  it('an alias with no anchor is reported as an issue, not thrown', () => {
    const r = readOptimizeInput('*a\n', 'bad.yaml')
    expect(r.ok).toBe(false)
  })

  it('an alias bomb is reported as an issue, not thrown', () => {
    const r = readOptimizeInput(ALIAS_BOMB, 'bomb.yaml')
    expect(r.ok).toBe(false)
  })

  it('POST /api/optimize with such YAML answers 400, not 500', async () => {
    const { app } = await testApp({ dbPath: await initialisedDb(tmp.file('f.duckdb')) })
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/api/optimize',
        payload: '*a\n',
        headers: { 'content-type': 'application/x-yaml' },
      })
      expect(r.statusCode).toBe(400)
    } finally {
      await app.close()
    }
  })
})

describe('fixed: YAML aliases in scenario files (src/ingest/scenario.ts, commit d4b1ca4)', () => {
  // Found by fuzz-readers (scenario files, seed 2100177730): the same yaml doc.toJS() throw as the optimiser input,
  // so `chokepoint simulate bad.yaml` exits 3 and POST /api/simulations with such scenario text answers 500.
  // When fixed, also drop `knownDefect: yamlAlias` from the targets in fuzz-readers.test.ts.
  it('an alias with no anchor is reported as an issue, not thrown', () => {
    expect(readScenarioText('*a\n', 'bad.yaml').ok).toBe(false)
  })

  it('an alias bomb is reported as an issue, not thrown', () => {
    expect(readScenarioText(ALIAS_BOMB, 'bomb.yaml').ok).toBe(false)
  })

  it('POST /api/simulations with such scenario text answers 400, not 500', async () => {
    const { app } = await testApp({ dbPath: await initialisedDb(tmp.file('sim.duckdb')) })
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/api/simulations',
        payload: { scenario: '*a\n' },
      })
      expect(r.statusCode).toBe(400)
    } finally {
      await app.close()
    }
  })
})

describe('fixed: a blank Comtrade file (src/services/comtradeImport.ts, commit 79bcf62)', () => {
  // Found by fuzz-importers (comtrade, FUZZ_SEED=random, seed 373270633): a file holding only blanks is refused
  // with an InputError that has no issue and an empty message, so the CLI prints "invalid input (0 problems)"
  // and the API answers 400 with an empty message. Fixed: a blank first line is now a located missing_header.
  it('a blank Comtrade file is refused with a message saying so', async () => {
    const db = await Database.open(':memory:')
    try {
      const importing = async () =>
        importerFor('exports').importText(
          db,
          ' \n',
          'blank.csv',
          { format: 'comtrade' },
          '2026-11-28T00:00:00Z'
        )
      const error = await importing().then(
        () => undefined,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).issues.length).toBeGreaterThan(0)
      expect((error as InputError).message).not.toBe('')
    } finally {
      db.close()
    }
  })
})

describe('fixed: malformed assumptions file (src/services/respond.ts)', () => {
  // Found while fuzzing the readers: readAssumptionsFile passes the text to yaml's parse(), which throws
  // YAMLParseError on malformed YAML, so `chokepoint projects viability --assumptions bad.yaml` exits 3.
  it('a malformed assumptions file is an InputError naming the file', async () => {
    const file = tmp.file('bad-assumptions.yaml')
    writeFileSync(file, 'discount_rate: [1, 2\n')
    await expect(readAssumptionsFile(file)).rejects.toBeInstanceOf(InputError)
  })
})

describe('fixed: a lone surrogate in a rulebook (src/ingest/rulebookJson.ts, commit 863dec2)', () => {
  // Found by fuzz-importers (controls_operative, FUZZ_SEED=random, seed 350847368): a JSON string escape of half a
  // surrogate pair ("\ud800") parsed into a lone surrogate that DuckDB then refused ("Conversion Error: Malformed
  // JSON ... no low surrogate"): `chokepoint import controls` exited 3 and POST /api/imports/controls with a
  // text/plain body answered 500. The reader now refuses it; these tests keep it that way.
  const rulebook = () => {
    const measures = JSON.parse(readFileSync('data/controls_measures.json', 'utf8')) as Record<
      string,
      unknown
    >[]
    const first = measures[0]!
    first['jurisdiction'] = `${String(first['jurisdiction'])}\ud800`
    return JSON.stringify(measures)
  }

  it('a rulebook with a lone surrogate escape is refused as invalid input', async () => {
    const db = await Database.open(':memory:')
    try {
      const importing = async () =>
        importerFor('controls').importText(db, rulebook(), 'lone.json', {}, '2026-11-28T00:00:00Z')
      await expect(importing()).rejects.toBeInstanceOf(InputError)
    } finally {
      db.close()
    }
  })

  it('POST /api/imports/controls with that text answers 400, not 500', async () => {
    const { app } = await testApp({
      dbPath: await initialisedDb(tmp.file('s.duckdb')),
      token: TOKEN,
    })
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/api/imports/controls',
        payload: rulebook(),
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
      })
      expect(r.statusCode).toBe(400)
    } finally {
      await app.close()
    }
  })
})
