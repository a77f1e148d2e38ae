/** Runs one hand-made bad file through the reader or importer its EXPECTED.json entry names. */
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { InputError } from '../../../src/contracts/errors'
import { formatIssue, type DomainIssue, type Result } from '../../../src/core/shared/result'
import type { Database } from '../../../src/db/Database'
import { readBom } from '../../../src/ingest/bom'
import { readMagnetCompositions } from '../../../src/ingest/magnetCompositions'
import { readOptimizeInput } from '../../../src/ingest/optimizeInput'
import { readShipmentsText } from '../../../src/ingest/shipments'
import '../../../src/services/controls'
import { compositionLibrary } from '../../../src/services/exposure'
import { importFile, type ImportOptions } from '../../../src/services/imports'
import { prepareRun, scenarioFromText } from '../../../src/services/simulate'

export interface BadFixture {
  /** `import:<kind>` (through importFile, as `chokepoint import` does) or `reader:<name>`. */
  target: string
  options?: ImportOptions
  /** Exactly the lines formatIssue gives, in order. */
  messages: string[]
}

const issuesOf = (r: Result<unknown>): DomainIssue[] => (r.ok ? [] : r.error)

const READERS: Record<string, (text: string, file: string) => DomainIssue[]> = {
  bom: (t, f) => issuesOf(readBom(t, f, compositionLibrary())),
  shipments: (t, f) => {
    const r = readShipmentsText(t, f)
    return r.ok ? r.value.issues : r.error
  },
  compositions: (t, f) => issuesOf(readMagnetCompositions(t, f)),
  optimize: (t, f) => issuesOf(readOptimizeInput(t, f)),
}

/** Readers that need the database (scenario links to measures and projects), as the CLI runs them. */
const DB_READERS: Record<
  string,
  (db: Database, text: string, file: string) => Promise<DomainIssue[]>
> = {
  scenario: async (db, t, f) => {
    try {
      await prepareRun(scenarioFromText(t, f), (fn) => fn(db))
      return []
    } catch (e) {
      if (e instanceof InputError) return e.issues
      throw e
    }
  },
}

export const READER_NAMES = [...Object.keys(READERS), ...Object.keys(DB_READERS)]

/** The messages a fixture produces; [] when it was accepted. */
export async function messagesFor(db: Database, dir: string, name: string, fixture: BadFixture) {
  const path = join(dir, name)
  const [kind, what = ''] = fixture.target.split(':')
  if (kind === 'import') {
    try {
      await importFile(db, what, path, fixture.options ?? {}, '2026-11-28T12:00:00.000Z')
      return []
    } catch (e) {
      if (e instanceof InputError) return e.issues.map(formatIssue)
      throw e
    }
  }
  const text = readFileSync(path, 'utf8')
  const dbReader = DB_READERS[what]
  if (kind === 'reader' && dbReader)
    return (await dbReader(db, text, basename(path))).map(formatIssue)
  const reader = READERS[what]
  if (kind !== 'reader' || !reader) throw new Error(`${name}: unknown target ${fixture.target}`)
  return reader(text, basename(path)).map(formatIssue)
}
