/**
 * UN Comtrade API JSON (`{ "data": [ {...}, ... ] }`, or a bare array of the same records) → records as text,
 * ready to be staged. Problems are located by JSON path (`data[3].netWgt`); a syntax error by line and column.
 */
import type { DomainIssue, Result } from '../core/shared/result'
import {
  COMTRADE_EITHER,
  COMTRADE_FIELDS,
  COMTRADE_REQUIRED,
  type ComtradeField,
  type ComtradeRecord,
} from './comtrade'

/** True when the text looks like JSON (first non-blank character `{` or `[`), not CSV. */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(text)
}

export function readComtradeJson(text: string, file: string): Result<ComtradeRecord[]> {
  const body = text.replace(/^\uFEFF/, '')
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch (e) {
    const at = jsonErrorOffset(body)
    const { line, column } = lineColumn(body, at)
    return fail({
      code: 'malformed_json',
      message: `malformed JSON: ${(e as Error).message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '')}`,
      path: [],
      file,
      line,
      column,
      expected: 'valid JSON',
      found: at >= body.length ? 'end of file' : JSON.stringify(body.slice(at, at + 12)),
    })
  }
  const data = Array.isArray(doc)
    ? doc
    : doc !== null && typeof doc === 'object' && Array.isArray((doc as { data?: unknown }).data)
      ? (doc as { data: unknown[] }).data
      : undefined
  if (!data) {
    const message =
      doc !== null && typeof doc === 'object' && 'message' in doc
        ? `not a Comtrade data response (the API said: ${String((doc as { message: unknown }).message)})`
        : 'not a Comtrade data response'
    return fail({
      code: 'invalid_document',
      message,
      path: ['data'],
      file,
      expected: 'an object with a "data" array of records (or an array of records)',
      found: doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc,
    })
  }
  const issues: DomainIssue[] = []
  const records: ComtradeRecord[] = []
  data.forEach((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      issues.push({
        code: 'invalid_record',
        message: `data[${i}]: expected a record object, found ${item === null ? 'null' : typeof item}`,
        path: ['data', i],
        file,
        expected: 'an object',
        found: item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item,
      })
      return
    }
    const obj = item as Record<string, unknown>
    const missing: string[] = COMTRADE_REQUIRED.filter((f) => !(f in obj))
    for (const [a, b] of COMTRADE_EITHER) if (!(a in obj) && !(b in obj)) missing.push(`${a}|${b}`)
    for (const m of missing) {
      issues.push({
        code: 'missing_field',
        message: `data[${i}]: missing field ${m}`,
        path: ['data', i, m],
        file,
        field: m,
        expected: `a ${m} field (may be null)`,
        found: 'no such field',
      })
    }
    const rec = {} as ComtradeRecord
    for (const f of COMTRADE_FIELDS) {
      const v = obj[f]
      const text = scalarText(v)
      if (text === undefined) {
        issues.push(fieldIssue(file, i, f, v))
        rec[f] = null
      } else {
        rec[f] = text
      }
    }
    records.push(rec)
  })
  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: records }
}

function scalarText(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  return undefined
}

function fieldIssue(file: string, i: number, f: ComtradeField, v: unknown): DomainIssue {
  const found = Array.isArray(v) ? 'an array' : typeof v
  return {
    code: 'invalid_value',
    message: `data[${i}].${f}: expected a string, number, boolean or null, found ${found}`,
    path: ['data', i, f],
    file,
    field: f,
    expected: 'a string, number, boolean or null',
    found,
  }
}

function fail(issue: DomainIssue): Result<never> {
  return { ok: false, error: [issue] }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      start = i + 1
    }
  }
  return { line, column: offset - start + 1 }
}

/** Offset of the first character where `text` stops being valid JSON (V8 does not always say). */
export function jsonErrorOffset(text: string): number {
  let i = 0
  const n = text.length
  const ws = (): void => {
    while (i < n && /[ \t\r\n]/.test(text[i] as string)) i++
  }
  const fail = (): never => {
    throw i
  }
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail()
      i++
    }
  }
  const string = (): void => {
    i++
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i)
      if (c < 0x20) fail()
      if (text[i] === '\\') {
        i++
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail()
          i += 4
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '#')) fail()
      }
      i++
    }
    if (i >= n) fail()
    i++
  }
  const number = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400))
    if (!m) fail()
    i += (m as RegExpExecArray)[0].length
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      ws()
      if (text[i] === '}') return void i++
      for (;;) {
        ws()
        if (text[i] !== '"') fail()
        string()
        ws()
        if (text[i] !== ':') fail()
        i++
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === '}') return void i++
        else fail()
      }
    } else if (ch === '[') {
      i++
      ws()
      if (text[i] === ']') return void i++
      for (;;) {
        value()
        ws()
        if (text[i] === ',') i++
        else if (text[i] === ']') return void i++
        else fail()
      }
    } else if (ch === '"') string()
    else if (ch === 't') literal('true')
    else if (ch === 'f') literal('false')
    else if (ch === 'n') literal('null')
    else number()
  }
  try {
    value()
    ws()
    return i < n ? i : n
  } catch (at) {
    return typeof at === 'number' ? at : 0
  }
}
