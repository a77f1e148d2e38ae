/** The rulebook is a snapshot: a newer file that drops a measure removes it from the stored rulebook (kept as history). */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Database } from '../src/db/Database'
import { listVintages, loadDataset } from '../src/db/datasets'
import { initDatabase } from '../src/services/database'
import { importFile } from '../src/services/imports'
import { tempDir } from './helpers/tmp'

describe('rulebook snapshot imports', () => {
  const tmp = tempDir()
  let db: Database
  beforeAll(async () => {
    db = await Database.open(':memory:')
    await initDatabase(db, '2026-11-28T00:00:00Z')
  })
  afterAll(() => {
    db.close()
    tmp.remove()
  })

  it('db init loads the rulebook and its operative overlay', async () => {
    expect((await loadDataset(db, 'controls')).length).toBe(41)
    expect((await loadDataset(db, 'controls_operative')).length).toBe(28)
  })

  it('a measure missing from a newer rulebook file is marked removed; the old row stays as history', async () => {
    const measures = JSON.parse(readFileSync('data/controls_measures.json', 'utf8')) as {
      id: string
    }[]
    const dropped = measures.find((m) => m.id === 'cn-mofcom-gac-2023-23')
    expect(dropped).toBeDefined()
    const file = tmp.file('rulebook-next.json')
    writeFileSync(
      file,
      JSON.stringify(
        measures.filter((m) => m !== dropped),
        null,
        1
      )
    )
    const s = await importFile(db, 'controls', file, {}, '2026-11-29T00:00:00Z')
    expect(s).toMatchObject({
      status: 'imported',
      rows_inserted: 0,
      rows_removed: 1,
      rows_unchanged: 40,
    })
    const ids = (await loadDataset<{ id: string }>(db, 'controls')).map((r) => r.data.id)
    expect(ids).toHaveLength(40)
    expect(ids).not.toContain('cn-mofcom-gac-2023-23')
    const history = await db.one<{ n: number }>(
      "SELECT count(*) AS n FROM dataset_rows WHERE kind = 'controls' AND row_key = 'cn-mofcom-gac-2023-23' AND superseded_by = $1",
      [s.vintage_id]
    )
    expect(history?.n).toBe(1)
    const v = (await listVintages(db, 'controls')).at(-1)
    expect(v).toMatchObject({ file_name: 'rulebook-next.json', rows_removed: 1 })
  })
})
