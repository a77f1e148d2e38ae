/**
 * Imports a file of a given kind through its reader and store. The same path serves `chokepoint import`,
 * `chokepoint db init` (the shipped datasets) and `POST /api/imports/:kind`.
 */
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { InputError } from '../contracts/errors'
import type { TradeObservation } from '../contracts/trade'
import type { Result } from '../core/shared/result'
import type { Database } from '../db/Database'
import { importDatasetRows } from '../db/datasets'
import type { ImportSummary } from '../db/importBatch'
import { importTradeObservations } from '../db/trade'
import { DATASETS, readDatasetCsv } from '../ingest/datasets'
import { readTradeCsv } from '../ingest/tradeCsv'
import { importComtradeFile, importComtradeText } from './comtradeImport'
import { controlsImporter, operativeImporter } from './controlsImporters'
import { fileInfo, unwrap, type ImportOptions, type Importer } from './importer'

export type { ImportOptions, Importer } from './importer'

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

/** Every kind, in the order `db init` imports them (the overlay after the rulebook it refers to). */
export const IMPORTERS: Importer[] = [
  tradeImporter,
  controlsImporter,
  operativeImporter,
  ...datasetImporters,
]

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
