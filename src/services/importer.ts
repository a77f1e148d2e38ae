/** The shape of an importer (one per dataset kind) and helpers they share. */
import { InputError } from '../contracts/errors'
import type { Result } from '../core/shared/result'
import type { Database } from '../db/Database'
import type { ImportFileInfo, ImportSummary } from '../db/importBatch'
import { sha256 } from '../ingest/hash'
import type { TradeReadOptions } from '../ingest/tradeCsv'

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

/** The value of a reader's result, or an InputError carrying every issue. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new InputError(r.error)
  return r.value
}

export function fileInfo(
  kind: string,
  format: string,
  fileName: string,
  text: string,
  importedAt: string
): ImportFileInfo {
  return { kind, format, fileName, sha256: sha256(text), importedAt }
}
