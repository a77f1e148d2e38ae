/**
 * Reads the export-control rulebook (a JSON array of measures, the shape of data/controls_measures.json) and
 * operative overlays (data/controls_operative.json). Every measure is validated against src/contracts/rulebook.ts;
 * each problem names the file, the line, the measure id, the field, what was expected and what was found.
 */
import type { z } from 'zod'
import {
  measureSchema,
  overlayDocumentSchema,
  type Measure,
  type OverlayEntry,
} from '../contracts/rulebook'
import type { DomainIssue, Result } from '../core/shared/result'
import type { DatasetRow } from './datasets'

type ZodIssue = z.core.$ZodIssue

/** `items[2].forms[0]` from a path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path)
    out += typeof p === 'number' ? `[${p}]` : `${out === '' ? '' : '.'}${String(p)}`
  return out
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[p]
  }
  return v
}

/** A short rendering of a found value for messages. */
export function foundText(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)'
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}

/** Turns one zod issue into `{ field, expected, found }` relative to `root` (the validated object). */
export function describeZodIssue(
  issue: ZodIssue,
  root: unknown
): { field: string; expected: string; found: string } {
  const strip = (m: string) =>
    m.replace(/^(Invalid input|Invalid option): /, '').replace(/^expected /, '')
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        field: fieldPath([...issue.path, issue.keys[0] ?? '']),
        expected: 'no such field (check the spelling)',
        found: issue.keys.map((k) => `"${k}"`).join(', '),
      }
    case 'invalid_type':
      return {
        field: fieldPath(issue.path),
        expected: /^expected /.test(issue.message) ? strip(issue.message) : issue.expected,
        found: foundText(valueAt(root, issue.path)),
      }
    case 'invalid_value':
      return {
        field: fieldPath(issue.path),
        expected: /^expected /.test(issue.message)
          ? strip(issue.message)
          : `one of ${issue.values.map((v) => String(v)).join(', ')}`,
        found: foundText(valueAt(root, issue.path)),
      }
    default:
      return {
        field: fieldPath(issue.path),
        expected: strip(issue.message),
        found: foundText(valueAt(root, issue.path)),
      }
  }
}

/** Start offsets of the objects at nesting `depth` (1: elements of a top-level array). */
function objectStarts(text: string, depth: number): number[] {
  const out: number[] = []
  let d = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++
      else if (ch === 34) inString = false
      continue
    }
    if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) {
      if (ch === 123 && d === depth) out.push(i)
      d++
    } else if (ch === 125 || ch === 93) d--
  }
  return out
}

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Line of `"key"` inside the object starting at `start` (the element's line when not found). */
function keyLine(text: string, start: number, end: number, key: string | undefined): number {
  if (key !== undefined) {
    const at = text.indexOf(`"${key}"`, start)
    if (at >= 0 && at < end) return lineAt(text, at)
  }
  return lineAt(text, start)
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Path to the first string (or key) holding half a surrogate pair, which no store can keep as text. */
function illFormedAt(v: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof v === 'string') return LONE_SURROGATE.test(v) ? path : null
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = illFormedAt(v[i], [...path, i])
      if (p) return p
    }
    return null
  }
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (LONE_SURROGATE.test(k)) return [...path, k]
      const p = illFormedAt(x, [...path, k])
      if (p) return p
    }
  }
  return null
}

/** An issue when the document holds a lone surrogate; `label` names the entry the path points into. */
function textIssue(
  doc: unknown,
  file: string,
  label: (path: (string | number)[]) => string,
  skip: number
): DomainIssue | null {
  const bad = illFormedAt(doc, [])
  if (!bad) return null
  const field = fieldPath(bad.slice(skip))
  return {
    code: 'invalid_text',
    message: `${label(bad)}: ${field}: expected well-formed Unicode text, found half a surrogate pair (a \\uD800-\\uDFFF escape without its partner)`,
    path: bad,
    file,
    field,
    expected: 'well-formed Unicode text',
    found: 'a lone surrogate escape',
  }
}

function parseJson(text: string, file: string): Result<unknown> {
  try {
    const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
    return { ok: true, value }
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message)
    const pos = m ? Number(m[1]) : 0
    const before = text.slice(0, pos)
    return {
      ok: false,
      error: [
        {
          code: 'invalid_json',
          message: `malformed JSON: ${(e as Error).message}`,
          path: [],
          file,
          line: before.split('\n').length,
          column: pos - before.lastIndexOf('\n'),
          expected: 'valid JSON',
          found: 'a syntax error',
        },
      ],
    }
  }
}

interface Located<T> {
  value: T
  raw: unknown
  line: number
}

/** Validates each element of `list` with `schema`; issues carry the element's label, line and field. */
function validateEach<S extends z.ZodType>(
  list: readonly unknown[],
  schema: S,
  text: string,
  starts: number[],
  file: string,
  label: (raw: unknown, i: number) => string,
  pathPrefix: (string | number)[]
): { values: Located<z.output<S>>[]; issues: DomainIssue[] } {
  const values: Located<z.output<S>>[] = []
  const issues: DomainIssue[] = []
  list.forEach((raw, i) => {
    const start = starts[i] ?? 0
    const end = starts[i + 1] ?? text.length
    const line = lineAt(text, start)
    const r = schema.safeParse(raw)
    if (r.success) {
      values.push({ value: r.data, raw, line })
      return
    }
    for (const zi of r.error.issues) {
      const d = describeZodIssue(zi, raw)
      const key =
        zi.code === 'unrecognized_keys' ? zi.keys[0] : zi.path.find((p) => typeof p === 'string')
      issues.push({
        code: 'invalid_rulebook',
        message: `${label(raw, i)}: ${d.field || '(the whole entry)'}: expected ${d.expected}, found ${d.found}`,
        path: [...pathPrefix, i, ...zi.path.map((p) => (typeof p === 'number' ? p : String(p)))],
        file,
        line: keyLine(text, start, end, typeof key === 'string' ? key : undefined),
        field: d.field,
        expected: d.expected,
        found: d.found,
      })
    }
  })
  return { values, issues }
}

const measureLabel = (raw: unknown, i: number): string => {
  const id = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)['id'] : undefined
  return typeof id === 'string' && id !== '' ? `measure ${id}` : `measure #${i + 1} (no id)`
}

/** Parses and validates a rulebook: every measure, unique ids. */
export function parseRulebook(text: string, file: string): Result<Located<Measure>[]> {
  const doc = parseJson(text, file)
  if (!doc.ok) return doc
  if (!Array.isArray(doc.value)) {
    return {
      ok: false,
      error: [
        {
          code: 'invalid_rulebook',
          message: 'the rulebook must be a JSON array of measures',
          path: [],
          file,
          line: 1,
          expected: 'an array of measures',
          found: typeof doc.value,
        },
      ],
    }
  }
  const list = doc.value
  const bad = textIssue(list, file, (p) => measureLabel(list[p[0] as number], p[0] as number), 1)
  if (bad) return { ok: false, error: [bad] }
  const starts = objectStarts(text, 1)
  const { values, issues } = validateEach(
    doc.value,
    measureSchema,
    text,
    starts,
    file,
    measureLabel,
    []
  )
  const seen = new Map<string, number>()
  for (const v of values) {
    const prev = seen.get(v.value.id)
    if (prev !== undefined) {
      issues.push({
        code: 'duplicate_measure',
        message: `measure ${v.value.id}: id appears twice (first on line ${prev})`,
        path: ['id'],
        file,
        line: v.line,
        field: 'id',
        expected: 'unique measure ids',
        found: v.value.id,
      })
    }
    seen.set(v.value.id, v.line)
  }
  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: values }
}

/** Parses and validates an operative overlay document (`{ overlay: "controls_operative", entries: [...] }`). */
export function parseOverlay(text: string, file: string): Result<Located<OverlayEntry>[]> {
  const doc = parseJson(text, file)
  if (!doc.ok) return doc
  const { entries: _entries, ...rest } =
    doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value)
      ? (doc.value as Record<string, unknown>)
      : { entries: undefined }
  const envelope = overlayDocumentSchema
    .omit({ entries: true })
    .safeParse(
      doc.value && typeof doc.value === 'object' && !Array.isArray(doc.value) ? rest : doc.value
    )
  const entries = (doc.value as { entries?: unknown } | null)?.entries
  if (!envelope.success || !Array.isArray(entries)) {
    const first = envelope.success ? undefined : envelope.error.issues[0]
    const d = first
      ? describeZodIssue(first, doc.value)
      : { field: 'entries', expected: 'an array of entries', found: foundText(entries) }
    return {
      ok: false,
      error: [
        {
          code: 'invalid_overlay',
          message: `overlay: ${d.field || '(document)'}: expected ${d.expected}, found ${d.found}`,
          path: [d.field],
          file,
          line: 1,
          field: d.field,
          expected: d.expected,
          found: d.found,
        },
      ],
    }
  }
  const starts = objectStarts(text, 2)
  const label = (raw: unknown, i: number) => {
    const id =
      raw && typeof raw === 'object' ? (raw as Record<string, unknown>)['measure_id'] : undefined
    return `overlay entry #${i + 1}${typeof id === 'string' ? ` (measure ${id})` : ''}`
  }
  const bad = textIssue(
    doc.value,
    file,
    (p) =>
      p[0] === 'entries' && typeof p[1] === 'number' ? label(entries[p[1]], p[1]) : 'overlay',
    2
  )
  if (bad) return { ok: false, error: [bad] }
  const entrySchema = overlayDocumentSchema.shape.entries.element
  const { values, issues } = validateEach(entries, entrySchema, text, starts, file, label, [
    'entries',
  ])
  if (issues.length > 0) return { ok: false, error: issues }
  return { ok: true, value: values }
}

/** Rows for the `controls` dataset: one per measure, keyed by id, citing its first source. */
export function readRulebookJson(text: string, file: string): Result<DatasetRow[]> {
  const r = parseRulebook(text, file)
  if (!r.ok) return r
  return {
    ok: true,
    value: r.value.map((m) => ({
      key: m.value.id,
      data: m.raw as Record<string, string | null>,
      source_url: m.value.sources[0]?.url ?? null,
      line: m.line,
    })),
  }
}

/** Rows for the `controls_operative` dataset: one per overlay entry, keyed by measure id, citing its source. */
export function readOverlayJson(text: string, file: string): Result<DatasetRow[]> {
  const r = parseOverlay(text, file)
  if (!r.ok) return r
  return {
    ok: true,
    value: r.value.map((e) => ({
      key: e.value.measure_id,
      data: e.raw as Record<string, string | null>,
      source_url: e.value.source_url,
      line: e.line,
    })),
  }
}
