/** GET answers are cached until the database file changes, including changes made by a CLI in another process. */
import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withDatabase } from '../src/db/Database'
import { buildApp } from '../src/server/app'
import { initDatabase } from '../src/services/database'
import { runChokepoint } from './helpers/cli'
import { tempDir } from './helpers/tmp'

describe('response cache', () => {
  const tmp = tempDir()
  const dbPath = tmp.file('cache.duckdb')
  beforeAll(() => withDatabase(dbPath, {}, (db) => initDatabase(db, '2026-11-28T00:00:00Z')))
  afterAll(() => tmp.remove())

  it('serves a repeated read from the cache and recomputes after another process writes', async () => {
    const { app } = await buildApp({ dbPath, dbIdleMs: 20 })
    try {
      const url = '/api/trade/series?product=magnets&partner=KOR&from=2025-08&to=2025-08'
      const first = await app.inject({ url })
      expect(first.headers['x-cache']).toBe('miss')
      expect(first.json()[0].quantity_t).toBeNull()
      const second = await app.inject({ url })
      expect(second.headers['x-cache']).toBe('hit')
      expect(second.body).toBe(first.body)
      const file = tmp.file('kor.csv')
      writeFileSync(
        file,
        'period,product,partner,quantity_t,value_usd,basis,source_url,source_date,note\n' +
          '2025-08,magnets,KOR,640,,stated,https://example.org/kor-aug,2025-09-20,\n'
      )
      const cli = await runChokepoint([
        'import',
        'exports',
        file,
        '--db',
        dbPath,
        '--format',
        'json',
      ])
      expect(cli.code).toBe(0)
      const third = await app.inject({ url })
      expect(third.headers['x-cache']).toBe('miss')
      expect(third.json()[0].quantity_t).toBe(640)
      const invalid = await app.inject({ url: '/api/trade/series?product=magnets&partner=ZZZ' })
      expect(invalid.statusCode).toBe(400)
      expect(invalid.headers['x-cache']).toBeUndefined()
    } finally {
      await app.close()
    }
  })
})
