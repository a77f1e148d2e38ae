/**
 * Imports a file of a given kind through its reader and store. The same path serves `chokepoint import`,
 * `chokepoint db init` (the shipped datasets) and `POST /api/imports/:kind`.
 */
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { InputError } from '../contracts/errors'
import type { Result } from '../core/shared/result'
import type { Database } from '../db/Database'
import { importDatasetRows } from '../db/datasets'
import type { ImportSummary } from '../db/importBatch'
import { importTradeObservations } from '../db/trade'
import { DATASETS, readDatasetCsv, type DatasetRow } from '../ingest/datasets'
import { sha256 } from '../ingest/hash'
import { readRulebookJson } from '../ingest/rulebookJson'
import { readTradeCsv, type TradeReadOptions } from '../ingest/tradeCsv'
import type { TradeObservation } from '../contracts/trade'
import { importComtradeFile, importComtradeText } from './comtradeImport'

export interface ImportOptions extends TradeReadOptions {
  /** Input format; `csv` by default (`comtrade` for UN Comtrade records, `json` for the rulebook). */
  format?: string
}

export interface Importer {
  kind: string
  title: string
  /** The shipped file in data/ imported by `db init`. */
  shippedFile: string
  formats: string[]
  importText(
    db: Database,
    text: string,
    fileName: string,
    options: ImportOptions,
    importedAt: string
  ): Promise<ImportSummary>
}

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new InputError(r.error)
  return r.value
}

const fileInfo = (
  kind: string,
  format: string,
  fileName: string,
  text: string,
  importedAt: string
) => ({
  kind,
  format,
  fileName,
  sha256: sha256(text),
  importedAt,
})

/** Extra trade formats (e.g. UN Comtrade) register here: format name → reader. */
export const TRADE_FORMATS: Record<
  string,
  (text: string, file: string, options: ImportOptions) => Result<TradeObservation[]>
> = {
  csv: readTradeCsv,
}

const tradeImporter: Importer = {
  kind: 'exports',
  title: 'China customs exports and imports (GACC), monthly, YTD and annual',
  shippedFile: 'china_re_exports_monthly.csv',
  get formats() {
    return [...Object.keys(TRADE_FORMATS), 'comtrade']
  },
  importText(db, text, fileName, options, importedAt) {
    const format = options.format ?? 'csv'
    // UN Comtrade goes through the bulk path (DuckDB stages and checks the records): src/services/comtradeImport.ts
    if (format === 'comtrade') return importComtradeText(db, text, fileName, options, importedAt)
    const reader = TRADE_FORMATS[format]
    if (!reader) {
      throw new InputError([
        {
          code: 'unknown_format',
          message: `unknown format "${format}" for exports (expected one of ${tradeImporter.formats.join(', ')})`,
          path: ['format'],
        },
      ])
    }
    const observations = unwrap(reader(text, fileName, options))
    return importTradeObservations(
      db,
      observations,
      fileInfo('exports', format, fileName, text, importedAt)
    )
  },
}

/** Rulebook reader: replaceable by a stricter one (src/contracts/rulebook.ts) through `setRulebookReader`. */
let rulebookReader: (text: string, file: string) => Result<DatasetRow[]> = readRulebookJson

export function setRulebookReader(
  reader: (text: string, file: string) => Result<DatasetRow[]>
): void {
  rulebookReader = reader
}

const controlsImporter: Importer = {
  kind: 'controls',
  title: 'Export-control rulebook (measures)',
  shippedFile: 'controls_measures.json',
  formats: ['json'],
  importText(db, text, fileName, _options, importedAt) {
    const rows = unwrap(rulebookReader(text, fileName))
    return importDatasetRows(
      db,
      'controls',
      rows,
      fileInfo('controls', 'json', fileName, text, importedAt)
    )
  },
}

const datasetImporters: Importer[] = DATASETS.map((spec) => ({
  kind: spec.kind,
  title: spec.title,
  shippedFile: spec.file,
  formats: ['csv'],
  importText(db, text, fileName, _options, importedAt) {
    const rows = unwrap(readDatasetCsv(text, fileName, spec))
    return importDatasetRows(
      db,
      spec.kind,
      rows,
      fileInfo(spec.kind, 'csv', fileName, text, importedAt)
    )
  },
}))

export const IMPORTERS: Importer[] = [tradeImporter, controlsImporter, ...datasetImporters]

export function importerFor(kind: string): Importer {
  const importer = IMPORTERS.find((i) => i.kind === kind)
  if (!importer) {
    throw new InputError([
      {
        code: 'unknown_kind',
        message: `unknown import kind "${kind}" (expected one of ${IMPORTERS.map((i) => i.kind).join(', ')})`,
        path: ['kind'],
        expected: IMPORTERS.map((i) => i.kind).join(', '),
        found: kind,
      },
    ])
  }
  return importer
}

export async function importFile(
  db: Database,
  kind: string,
  path: string,
  options: ImportOptions,
  importedAt: string
): Promise<ImportSummary> {
  const importer = importerFor(kind)
  if (importer === tradeImporter && options.format === 'comtrade') {
    // Streamed from disk: bulk Comtrade files are larger than a string can hold.
    return importComtradeFile(db, path, basename(path), options, importedAt)
  }
  const text = await readFile(path, 'utf8')
  return importer.importText(db, text, basename(path), options, importedAt)
}

/** Imports every shipped dataset from `dataDir`; re-running changes nothing (same file hashes). */
export async function importShipped(
  db: Database,
  dataDir: string,
  importedAt: string
): Promise<ImportSummary[]> {
  const out: ImportSummary[] = []
  for (const importer of IMPORTERS) {
    const path = join(dataDir, importer.shippedFile)
    const text = await readFile(path, 'utf8')
    out.push(await importer.importText(db, text, importer.shippedFile, {}, importedAt))
  }
  return out
}
