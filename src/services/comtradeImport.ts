/**
 * `chokepoint import exports FILE --input-format comtrade`: UN Comtrade API JSON or CSV download → China
 * export/import observations, through one path for every size: the records are staged in DuckDB (read_csv for
 * CSV, the appender for JSON), checked with the rules of src/ingest/comtrade.ts, and merged as one vintage.
 * Every problem is located: line and column for CSV, JSON path for JSON. See docs/comtrade.md.
 */
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../contracts/errors'
import type { DomainIssue } from '../core/shared/result'
import type { Database } from '../db/Database'
import {
  CsvReadError,
  checkStagedComtrade,
  dropComtradeStage,
  existingVintage,
  mergeStagedComtrade,
  stageComtradeCsv,
  stageComtradeRecords,
  stageRecordLines,
  type ComtradeImportSummary,
  type LineSource,
  type StagedCheck,
  type StagedProblem,
} from '../db/tradeBulk'
import {
  jsonIssue,
  problemMessage,
  readComtradeHeader,
  type ComtradeHeader,
  type PeriodOptions,
} from '../ingest/comtrade'
import { looksLikeJson, readComtradeJson } from '../ingest/comtradeJson'
import { parseCsv } from '../ingest/csv'
import {
  fileFacts,
  readFirstLine,
  recordLines,
  recordTexts,
  rescanCsvFile,
} from '../ingest/csvFile'
import { sha256 } from '../ingest/hash'

export type { ComtradeImportSummary }

/** How many located problems an invalid file reports (the count of the rest is given). */
const MAX_PROBLEMS = 50

const fileInfo = (fileName: string, sha: string, importedAt: string) => ({
  kind: 'exports',
  format: 'comtrade',
  fileName,
  sha256: sha,
  importedAt,
})

function unchanged(
  fileName: string,
  vintage: { id: number; rows_read: number }
): ComtradeImportSummary {
  return {
    kind: 'exports',
    file_name: fileName,
    vintage_id: vintage.id,
    status: 'unchanged',
    rows_read: vintage.rows_read,
    rows_inserted: 0,
    rows_revised: 0,
    rows_unchanged: vintage.rows_read,
    rows_skipped: 0,
    skipped: {},
  }
}

/** Imports a Comtrade file (JSON if it starts with `{` or `[`, else CSV) from disk. */
export async function importComtradeFile(
  db: Database,
  path: string,
  fileName: string,
  options: PeriodOptions,
  importedAt: string
): Promise<ComtradeImportSummary> {
  if (looksLikeJson(await readHead(path))) {
    return importComtradeText(db, await readFile(path, 'utf8'), fileName, options, importedAt)
  }
  return importComtradeCsv(db, path, fileName, options, importedAt)
}

/** Imports Comtrade records given as text (an API body): JSON is staged directly, CSV through a temp file. */
export async function importComtradeText(
  db: Database,
  text: string,
  fileName: string,
  options: PeriodOptions,
  importedAt: string
): Promise<ComtradeImportSummary> {
  if (!looksLikeJson(text)) {
    const dir = await mkdtemp(join(tmpdir(), 'chokepoint-comtrade-'))
    try {
      const path = join(dir, 'upload.csv')
      await writeFile(path, text)
      return await importComtradeCsv(db, path, fileName, options, importedAt)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  const records = readComtradeJson(text, fileName)
  if (!records.ok) throw new InputError(records.error)
  try {
    await stageComtradeRecords(db, records.value)
    const check = await checkStagedComtrade(db, options, MAX_PROBLEMS)
    if (check.problems.length > 0) {
      throw new InputError(
        withRest(
          check,
          check.problems.map((p) => {
            const issue = jsonIssue(fileName, p.rec, p.problem)
            return p.duplicateOf === undefined
              ? issue
              : {
                  ...issue,
                  message: `data[${p.rec}]: duplicate of data[${p.duplicateOf}] (same period, flow, commodity and partner)`,
                }
          })
        )
      )
    }
    const sha = sha256(text)
    const done = await existingVintage(db, 'exports', sha)
    if (done) return unchanged(fileName, done)
    return await mergeStagedComtrade(db, fileInfo(fileName, sha, importedAt), check, 'none')
  } finally {
    await dropComtradeStage(db)
  }
}

async function importComtradeCsv(
  db: Database,
  path: string,
  fileName: string,
  options: PeriodOptions,
  importedAt: string
): Promise<ComtradeImportSummary> {
  const first = await readFirstLine(path)
  if (first.replace(/^\uFEFF/, '').trim() === '') {
    // An empty file is worded by the strict reader; a blank first line is no header either.
    const issues = await rescanCsvFile(path, fileName, MAX_PROBLEMS)
    throw new InputError(
      issues.some((i) => i.code === 'empty_file')
        ? issues
        : [
            {
              code: 'missing_header',
              message:
                'the first line is blank: expected a header row with the UN Comtrade field names',
              path: [1],
              file: fileName,
              line: 1,
              column: 1,
              expected: 'a header row (period,reporterCode,flowCode,...)',
              found: 'a blank line',
            },
          ]
    )
  }
  const header = readComtradeHeader(first, fileName)
  if (!header.ok) throw new InputError(header.error)
  try {
    // Hash the file while DuckDB reads it: they use different cores.
    const [facts, staged] = await Promise.allSettled([
      fileFacts(path),
      stageComtradeCsv(db, path, header.value),
    ])
    if (staged.status === 'rejected') {
      if (staged.reason instanceof CsvReadError)
        throw await malformed(path, fileName, staged.reason)
      throw staged.reason
    }
    if (facts.status === 'rejected') throw facts.reason
    // Checked even when the file was imported before, as the other readers do (options may differ).
    const check = await checkStagedComtrade(db, options, MAX_PROBLEMS)
    if (check.problems.length > 0) {
      throw new InputError(
        withRest(check, await locateCsv(path, fileName, header.value, first, check.problems))
      )
    }
    const done = await existingVintage(db, 'exports', facts.value.sha256)
    if (done) return unchanged(fileName, done)
    let lines: LineSource = 'offset'
    if (facts.value.lines !== staged.value + 1) {
      // Quoted line breaks or blank lines: find each record's own start line.
      const starts = await recordLines(path)
      if (starts.length === staged.value) {
        await stageRecordLines(db, starts)
        lines = 'table'
      } else lines = 'none'
    }
    return await mergeStagedComtrade(
      db,
      fileInfo(fileName, facts.value.sha256, importedAt),
      check,
      lines
    )
  } finally {
    await dropComtradeStage(db)
  }
}

/** DuckDB rejected the file: re-read it with the strict reader for line and column. */
async function malformed(path: string, fileName: string, e: CsvReadError): Promise<InputError> {
  const issues = await rescanCsvFile(path, fileName, MAX_PROBLEMS)
  if (issues.length > 0) return new InputError(issues)
  const issue: DomainIssue = {
    code: 'malformed_csv',
    message: `the CSV reader rejected the file: ${e.message}`,
    path: e.line === undefined ? [] : [e.line],
    file: fileName,
    expected: 'RFC 4180 CSV in UTF-8',
    found: 'see message',
  }
  if (e.line !== undefined) issue.line = e.line
  return new InputError([issue])
}

async function locateCsv(
  path: string,
  fileName: string,
  header: ComtradeHeader,
  headerLine: string,
  problems: readonly StagedProblem[]
): Promise<DomainIssue[]> {
  const recs = problems.flatMap((p) =>
    p.duplicateOf === undefined ? [p.rec] : [p.rec, p.duplicateOf]
  )
  const texts = await recordTexts(path, recs)
  const headerText = headerLine.replace(/^\uFEFF/, '')
  return problems.map((p) => {
    const at = texts.get(p.rec)
    const line = at?.line ?? p.rec + 2
    const parsed = at ? parseCsv(`${headerText}\n${at.text}\n`, fileName) : undefined
    const k = header.index[p.problem.field]
    const column =
      (parsed?.ok && k !== undefined ? parsed.value.records[0]?.columns[k] : undefined) ?? 1
    const duplicate =
      p.duplicateOf === undefined
        ? undefined
        : `duplicate of line ${texts.get(p.duplicateOf)?.line ?? p.duplicateOf + 2}: same period, flow, commodity and partner`
    return {
      code: p.problem.code,
      message: duplicate ?? problemMessage(p.problem),
      path: [line, p.problem.field],
      file: fileName,
      line,
      column,
      field: p.problem.field,
      expected: p.problem.expected,
      found: p.problem.found,
    }
  })
}

/** Adds one closing issue that counts the invalid records not listed. */
function withRest(check: StagedCheck, issues: DomainIssue[]): DomainIssue[] {
  const listed = new Set(check.problems.map((p) => p.rec)).size
  const invalid = check.invalidRecords + check.duplicateRecords
  if (invalid <= listed) return issues
  return [
    ...issues,
    {
      code: 'more_invalid_records',
      message: `${invalid - listed} more invalid record(s) not listed (the first ${listed} are shown)`,
      path: [],
    },
  ]
}

async function readHead(path: string): Promise<string> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(256)
    const { bytesRead } = await fh.read(buf, 0, 256, 0)
    return buf.toString('utf8', 0, bytesRead)
  } finally {
    await fh.close()
  }
}
