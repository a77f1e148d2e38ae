/**
 * CSV files too large to hold as one string: streaming facts (hash, line count), the start line of each record,
 * and a strict re-scan with `parseCsv` chunk by chunk, so a problem found by a bulk reader (DuckDB) can still be
 * reported with its line and column. Records follow RFC 4180 (quoted fields may span lines; blank lines are
 * skipped, as parseCsv and DuckDB both do).
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { StringDecoder } from 'node:string_decoder'
import type { DomainIssue } from '../core/shared/result'
import { parseCsv } from './csv'

export interface FileFacts {
  sha256: string
  bytes: number
  /** Number of lines (a final line without a newline counts; an empty file has 0). */
  lines: number
}

/** SHA-256 and line count in one streaming pass. */
export async function fileFacts(path: string): Promise<FileFacts> {
  const hash = createHash('sha256')
  let bytes = 0
  let newlines = 0
  let last = -1
  for await (const chunk of createReadStream(path, {
    highWaterMark: 4 << 20,
  }) as AsyncIterable<Buffer>) {
    hash.update(chunk)
    bytes += chunk.length
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) newlines++
    last = chunk[chunk.length - 1] ?? last
  }
  return { sha256: hash.digest('hex'), bytes, lines: newlines + (bytes > 0 && last !== 10 ? 1 : 0) }
}

/** The first line of the file (without its newline), read from at most `maxBytes`. */
export async function readFirstLine(path: string, maxBytes = 1 << 20): Promise<string> {
  const fh = await open(path, 'r')
  try {
    const buf = Buffer.alloc(maxBytes)
    const { bytesRead } = await fh.read(buf, 0, maxBytes, 0)
    const end = buf.subarray(0, bytesRead).indexOf(10)
    return buf.toString('utf8', 0, end === -1 ? bytesRead : end).replace(/\r$/, '')
  } finally {
    await fh.close()
  }
}

export interface RecordSpan {
  /** 0 for the header, then 1, 2, ... for data records. */
  index: number
  /** 1-based line where the record starts. */
  line: number
  startByte: number
  endByte: number
}

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

/**
 * Walks the records of the file; `onRecord` returns false to stop early. Quotes open a quoted field only at the
 * start of a field, as RFC 4180 and DuckDB read them.
 */
export async function scanRecords(
  path: string,
  onRecord: (span: RecordSpan) => boolean
): Promise<void> {
  let state = S.FieldStart
  let line = 1
  let index = 0
  let offset = 0
  let recStart = -1
  let recLine = 1
  let stop = false
  const endRecord = (end: number): void => {
    if (recStart >= 0) {
      if (!onRecord({ index, line: recLine, startByte: recStart, endByte: end })) stop = true
      index++
    }
    recStart = -1
    state = S.FieldStart
  }
  for await (const chunk of createReadStream(path, {
    highWaterMark: 4 << 20,
  }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length && !stop; i++) {
      const b = chunk[i] as number
      if (b === 10) {
        if (state === S.Quoted) {
          line++
          continue
        }
        endRecord(offset + i)
        line++
        continue
      }
      if (b === 13 && state !== S.Quoted) continue
      if (recStart < 0 && !(offset === 0 && i < 3 && isBomByte(chunk, i))) {
        recStart = offset + i
        recLine = line
      }
      switch (state) {
        case S.FieldStart:
          state = b === 34 ? S.Quoted : b === 44 ? S.FieldStart : S.Unquoted
          break
        case S.Unquoted:
          if (b === 44) state = S.FieldStart
          break
        case S.Quoted:
          if (b === 34) state = S.QuoteInQuoted
          break
        case S.QuoteInQuoted:
          state = b === 34 ? S.Quoted : b === 44 ? S.FieldStart : S.Unquoted
          break
      }
    }
    if (stop) return
    offset += chunk.length
  }
  endRecord(offset)
}

function isBomByte(chunk: Buffer, i: number): boolean {
  return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf && i < 3
}

/** Start line of every data record, in order (index 0 = first record after the header). */
export async function recordLines(path: string): Promise<Int32Array> {
  let out = new Int32Array(1 << 16)
  let n = 0
  await scanRecords(path, (r) => {
    if (r.index === 0) return true
    if (n === out.length) {
      const grown = new Int32Array(out.length * 2)
      grown.set(out)
      out = grown
    }
    out[n++] = r.line
    return true
  })
  return out.subarray(0, n)
}

export interface RecordText {
  line: number
  text: string
}

/** The raw text and start line of some data records (0-based, header excluded). */
export async function recordTexts(
  path: string,
  records: readonly number[]
): Promise<Map<number, RecordText>> {
  const wanted = new Set(records)
  const last = Math.max(-1, ...records)
  const spans: RecordSpan[] = []
  await scanRecords(path, (r) => {
    if (r.index > 0 && wanted.has(r.index - 1)) spans.push(r)
    return r.index - 1 < last
  })
  const out = new Map<number, RecordText>()
  const fh = await open(path, 'r')
  try {
    for (const s of spans) {
      const buf = Buffer.alloc(s.endByte - s.startByte)
      await fh.read(buf, 0, buf.length, s.startByte)
      out.set(s.index - 1, { line: s.line, text: buf.toString('utf8').replace(/\r$/, '') })
    }
  } finally {
    await fh.close()
  }
  return out
}

/**
 * Re-reads the file with the strict `parseCsv`, a few megabytes at a time, and returns its located issues
 * (at most `maxIssues`). Used on the error path only, after a bulk reader rejected the file.
 */
export async function rescanCsvFile(
  path: string,
  file: string,
  maxIssues = 50,
  blockChars = 4 << 20
): Promise<DomainIssue[]> {
  const issues: DomainIssue[] = []
  const decoder = new StringDecoder('utf8')
  let header: string | undefined
  let pending = ''
  let pendingLine = 1
  const parseBlock = (block: string, final: boolean): boolean => {
    const first = pendingLine === 1
    if (first) header = firstLineOf(block)
    const parsed = parseCsv(first ? block : `${header ?? ''}\n${block}`, file)
    if (parsed.ok) return true
    const unterminated = parsed.error.find((i) => i.message === 'unterminated quoted field')
    if (unterminated && !final) return false
    for (const issue of parsed.error) {
      if (!first && issue.line === 1) continue
      const line = first ? (issue.line ?? 1) : pendingLine + (issue.line ?? 2) - 2
      issues.push({ ...issue, line, path: [line] })
      if (issues.length >= maxIssues) break
    }
    return true
  }
  const stream = createReadStream(path, { highWaterMark: Math.min(8 << 20, blockChars) })
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending += decoder.write(chunk)
    const cut = pending.lastIndexOf('\n')
    if (cut < 0 || pending.length < blockChars) continue
    const block = pending.slice(0, cut + 1)
    // A quoted field may span blocks: keep growing the block, up to a bound.
    if (parseBlock(block, pending.length > 64 * blockChars)) {
      pendingLine += countLines(block)
      pending = pending.slice(cut + 1)
      if (issues.length >= maxIssues) return issues
    }
  }
  pending += decoder.end()
  if (pending.length > 0 || pendingLine === 1) parseBlock(pending, true)
  return issues.slice(0, maxIssues)
}

function firstLineOf(block: string): string {
  const text = block.replace(/^\uFEFF/, '')
  const end = text.indexOf('\n')
  return (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '')
}

function countLines(s: string): number {
  let n = 0
  for (let at = s.indexOf('\n'); at !== -1; at = s.indexOf('\n', at + 1)) n++
  return n
}
