/**
 * Controls use cases shared by the CLI and the API: load and compile the stored rulebook (measures + operative
 * overlay), determine licence files and batches, list / show / time-line / stale rules, diff rulebook files.
 */
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { isElement, type Element } from '../contracts/common'
import { InputError, NotFoundError } from '../contracts/errors'
import type { LicenceBatchResult, ShipmentError } from '../contracts/licence'
import {
  measureSchema,
  overlayEntrySchema,
  type Measure,
  type OverlayEntry,
  type RulebookDiff,
} from '../contracts/rulebook'
import {
  compileRulebook,
  determine,
  determineBatch,
  diffRulebooks,
  ruleDetail,
  ruleSummaries,
  rulesTimeline as timelineOf,
  staleFindings,
  type CompiledRulebook,
  type DiffRecord,
} from '../core/controls'
import { isIsoDate } from '../core/shared/months'
import { formatIssue, type DomainIssue, type Result } from '../core/shared/result'
import type { Database } from '../db/Database'
import { loadDataset } from '../db/datasets'
import { parseOverlay, parseRulebook } from '../ingest/rulebookJson'
import {
  readShipmentsText,
  validateShipmentRecords,
  type ShipmentIssue,
  type ShipmentsRead,
} from '../ingest/shipments'
import { shippedDataDir } from './database'
import { OPERATIVE_KIND } from './controlsImporters'

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new InputError(r.error)
  return r.value
}

let cached: { key: string; rulebook: CompiledRulebook } | null = null

/** The stored rulebook, compiled (cached until the stored rows change). */
export async function loadRulebook(db: Database): Promise<CompiledRulebook> {
  // One small query tells whether the stored rulebook changed (content hash of the current rows of both kinds);
  // the rows are read and compiled only when it did.
  const stamp = await db.all<{ kind: string; n: number; h: string }>(
    `SELECT kind, count(*) AS n, md5(string_agg(row_hash, ',' ORDER BY row_key)) AS h FROM dataset_rows
     WHERE kind IN ('controls', $1) AND superseded_by IS NULL GROUP BY kind ORDER BY kind`,
    [OPERATIVE_KIND]
  )
  if (!stamp.some((s) => s.kind === 'controls'))
    throw new NotFoundError(
      'no export-control rulebook is loaded: run `chokepoint db init` or `chokepoint import controls FILE`'
    )
  const key = stamp.map((s) => `${s.kind}:${s.n}:${s.h}`).join('|')
  if (cached?.key === key) return cached.rulebook
  const rows = await loadDataset<unknown>(db, 'controls')
  const ops = await loadDataset<unknown>(db, OPERATIVE_KIND)
  const measures = rows.map((r) => measureSchema.parse(r.data))
  const entries = ops.map((r) => overlayEntrySchema.parse(r.data))
  const rulebook = compileRulebook(measures, entries)
  cached = { key, rulebook }
  return rulebook
}

/** The shipped rulebook and overlay read straight from data/ (benchmarks, tests, no database). */
export async function loadShippedRulebook(dataDir = shippedDataDir()): Promise<CompiledRulebook> {
  const m = unwrap(
    parseRulebook(
      await readFile(join(dataDir, 'controls_measures.json'), 'utf8'),
      'controls_measures.json'
    )
  )
  const o = unwrap(
    parseOverlay(
      await readFile(join(dataDir, 'controls_operative.json'), 'utf8'),
      'controls_operative.json'
    )
  )
  return compileRulebook(
    m.map((x) => x.value),
    o.map((x) => x.value)
  )
}

/** Validates an as-of option (exit 1 / HTTP 400 when malformed). */
export function checkAsOf(asOf: string | undefined, name = 'as-of'): string | undefined {
  if (asOf === undefined || isIsoDate(asOf)) return asOf
  throw new InputError([
    {
      code: 'invalid_option',
      message: `--${name}: expected a calendar date YYYY-MM-DD, found "${asOf}"`,
      path: [name],
      field: name,
      expected: 'a calendar date YYYY-MM-DD',
      found: asOf,
    },
  ])
}

function shipmentError(i: ShipmentIssue): ShipmentError {
  return {
    id: i.row_id,
    row: typeof i.path[0] === 'number' ? i.path[0] : null,
    line: i.line ?? null,
    column: i.column ?? null,
    field: i.field ?? null,
    expected: i.expected ?? null,
    found: i.found ?? null,
    message: formatIssue(i),
  }
}

export type LicenceInput =
  { text: string; fileName: string } | { records: readonly unknown[]; source: string }

/** Determines every valid row (in input order) and reports every invalid one. */
export async function checkLicences(
  db: Database,
  input: LicenceInput,
  asOf?: string
): Promise<LicenceBatchResult> {
  const day = checkAsOf(asOf)
  const read: ShipmentsRead =
    'text' in input
      ? unwrap(readShipmentsText(input.text, input.fileName))
      : validateShipmentRecords(input.records, input.source)
  const rulebook = await loadRulebook(db)
  return {
    rulebook_version: rulebook.version,
    as_of: day ?? null,
    determinations: determineBatch(
      rulebook,
      read.rows.map((r) => r.shipment),
      day
    ),
    errors: read.issues.map(shipmentError),
  }
}

export async function checkLicenceFile(db: Database, path: string, asOf?: string) {
  return checkLicences(db, { text: await readFile(path, 'utf8'), fileName: basename(path) }, asOf)
}

export async function listRules(db: Database, asOf: string) {
  const rb = await loadRulebook(db)
  return {
    rulebook_version: rb.version,
    as_of: asOf,
    rules: ruleSummaries(rb, checkAsOf(asOf) ?? asOf),
  }
}

export async function showRule(db: Database, id: string, asOf: string) {
  const rb = await loadRulebook(db)
  const detail = ruleDetail(rb, id, checkAsOf(asOf) ?? asOf)
  if (!detail)
    throw new NotFoundError(
      `no measure "${id}" in rulebook ${rb.version} (see \`chokepoint rules list\`)`
    )
  return detail
}

export async function timeline(
  db: Database,
  options: { element?: string | undefined; jurisdiction?: string | undefined; asOf: string }
) {
  checkAsOf(options.asOf)
  if (options.element !== undefined && !isElement(options.element)) {
    throw new InputError([
      {
        code: 'invalid_option',
        message: `--element: expected a chemical symbol such as Dy, found "${options.element}"`,
        path: ['element'],
        field: 'element',
        expected: 'a chemical symbol such as Dy',
        found: options.element,
      },
    ])
  }
  const rb = await loadRulebook(db)
  return {
    rulebook_version: rb.version,
    as_of: options.asOf,
    events: timelineOf(rb, {
      asOf: options.asOf,
      ...(options.element ? { element: options.element as Element } : {}),
      ...(options.jurisdiction ? { jurisdiction: options.jurisdiction.toUpperCase() } : {}),
    }),
  }
}

export async function staleRules(db: Database, asOf: string) {
  const rb = await loadRulebook(db)
  return {
    rulebook_version: rb.version,
    as_of: asOf,
    findings: staleFindings(rb, checkAsOf(asOf) ?? asOf),
  }
}

interface RulebookSide {
  version: string
  records: DiffRecord[]
}

async function sideFromFile(path: string): Promise<RulebookSide> {
  const text = await readFile(path, 'utf8')
  const name = basename(path)
  const body = text.replace(/^\uFEFF/, '').trimStart()
  if (body.startsWith('{')) {
    const entries = unwrap(parseOverlay(text, name)).map((e) => e.value)
    return {
      version: compileRulebook([], entries).hash,
      records: entries.map((e: OverlayEntry) => ({
        id: e.measure_id,
        title: e.measure_id,
        fields: e.operative,
      })),
    }
  }
  const measures = unwrap(parseRulebook(text, name)).map((m) => m.value)
  return { version: compileRulebook(measures).version, records: measureRecords(measures) }
}

function measureRecords(measures: readonly Measure[]): DiffRecord[] {
  return measures.map((m) => ({ id: m.id, title: m.title, fields: m }))
}

/** Added, removed and changed measures between two rulebook files (or overlays); `current` = the stored rulebook. */
export async function diffRulebookFiles(
  db: Database | null,
  oldPath: string,
  newPath: string
): Promise<RulebookDiff> {
  const side = async (p: string): Promise<RulebookSide> => {
    if (p !== 'current') return sideFromFile(p)
    if (!db)
      throw new InputError([
        { code: 'invalid_option', message: '"current" needs a database', path: [] },
      ])
    const rb = await loadRulebook(db)
    return { version: rb.version, records: measureRecords(rb.measures.map((m) => m.measure)) }
  }
  const [a, b] = [await side(oldPath), await side(newPath)]
  return diffRulebooks(a.records, b.records, { old: a.version, new: b.version })
}

/** Issues as lines for stderr. */
export function issueLines(issues: readonly DomainIssue[]): string[] {
  return issues.map(formatIssue)
}

/**
 * A licence evaluator bound to the stored rulebook, as exposure's `EvaluatorLoader` expects: null when no rulebook
 * is loaded. Each call determines one shipment as of `asOf`.
 */
export async function rulebookEvaluator(db: Database, asOf: string) {
  checkAsOf(asOf)
  const rows = await loadDataset<unknown>(db, 'controls')
  if (rows.length === 0) return null
  const rulebook = await loadRulebook(db)
  return {
    evaluate: (shipment: Parameters<typeof determine>[1]) => determine(rulebook, shipment, asOf),
    version: rulebook.version,
  }
}
