/**
 * Importers of the export-control rulebook (`controls`) and of its operative overlay (`controls_operative`).
 * Both files are complete snapshots: a measure missing from a newer file is marked removed (superseded) by it.
 */
import { InputError } from '../contracts/errors'
import { measureSchema, overlayEntrySchema } from '../contracts/rulebook'
import { overlayIssues } from '../core/controls'
import { importDatasetRows, loadDataset } from '../db/datasets'
import { readOverlayJson, readRulebookJson } from '../ingest/rulebookJson'
import { fileInfo, unwrap, type Importer } from './importer'

export const OPERATIVE_KIND = 'controls_operative'

export const controlsImporter: Importer = {
  kind: 'controls',
  title: 'Export-control rulebook (measures)',
  shippedFile: 'controls_measures.json',
  formats: ['json'],
  importText(db, text, fileName, _options, importedAt) {
    const rows = unwrap(readRulebookJson(text, fileName))
    return importDatasetRows(
      db,
      'controls',
      rows,
      fileInfo('controls', 'json', fileName, text, importedAt),
      {
        snapshot: true,
      }
    )
  },
}

export const operativeImporter: Importer = {
  kind: OPERATIVE_KIND,
  title: 'Operative conditions of the export-control rulebook (overlay)',
  shippedFile: 'controls_operative.json',
  formats: ['json'],
  async importText(db, text, fileName, _options, importedAt) {
    const rows = unwrap(readOverlayJson(text, fileName))
    const stored = await loadDataset<unknown>(db, 'controls')
    if (stored.length > 0) {
      const measures = stored.map((r) => measureSchema.parse(r.data))
      const entries = rows.map((r) => overlayEntrySchema.parse(r.data))
      const issues = overlayIssues(measures, entries).map((i) => ({
        ...i,
        file: fileName,
        ...(typeof i.path[1] === 'number' ? { line: rows[i.path[1]]?.line ?? 1 } : {}),
      }))
      if (issues.length > 0) throw new InputError(issues)
    }
    return importDatasetRows(
      db,
      OPERATIVE_KIND,
      rows,
      fileInfo(OPERATIVE_KIND, 'json', fileName, text, importedAt),
      {
        snapshot: true,
      }
    )
  },
}
