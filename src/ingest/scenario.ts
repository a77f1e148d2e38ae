/**
 * Reads a scenario document (YAML or JSON text, or an already-parsed object) into a validated `Scenario`.
 * Every problem is a DomainIssue naming file, line, column and field (from the YAML parser's positions), with
 * what was expected and what was found. Older schema versions are migrated forward here.
 */
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml'
import type { z } from 'zod'
import { SCENARIO_VERSION, scenarioSchema, type Scenario } from '../contracts/scenario'
import type { DomainIssue, Result } from '../core/shared/result'
import { yamlValue } from './yamlValue'

type Path = (string | number)[]

/** Maps a path inside the document to a line and column (1-based); undefined when not from text. */
export type Locator = (path: Path, atKey?: boolean) => { line: number; column: number } | undefined

export interface ReadScenario {
  scenario: Scenario
  locate: Locator
}

/** Forward migrations: MIGRATIONS[n] turns a version-n document into version n + 1. */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {}

/** Parses and validates scenario text (YAML 1.2; JSON is accepted as a subset). */
export function readScenarioText(text: string, file: string): Result<ReadScenario> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number) => lineCounter.linePos(offset)
  if (doc.errors.length > 0) {
    return {
      ok: false,
      error: doc.errors.map((e) => {
        const { line, col } = at(e.pos[0])
        return {
          code: 'syntax',
          message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`,
          path: [],
          file,
          line,
          column: col,
          expected: 'a YAML or JSON document',
          found: e.code,
        }
      }),
    }
  }
  const locate: Locator = (path, atKey = false) => {
    const offset = offsetOf(doc, path, atKey)
    if (offset === undefined) return undefined
    const { line, col } = at(offset)
    return { line, column: col }
  }
  // Dangling or exploding aliases become an issue, not a thrown error (src/ingest/yamlValue.ts).
  const value = yamlValue(doc, file)
  if (!value.ok) return { ok: false, error: value.error.map((i) => ({ line: 1, column: 1, ...i })) }
  return readScenarioValue(value.value, file, locate)
}

/** Validates an already-parsed document (e.g. an API body); `locate` adds positions when known. */
export function readScenarioValue(
  value: unknown,
  file: string,
  locate: Locator = () => undefined
): Result<ReadScenario> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      error: [
        {
          code: 'invalid_document',
          message:
            'a scenario must be a mapping of keys (name, start, horizon_days, materials ...)',
          path: [],
          file,
          line: 1,
          column: 1,
          expected: 'a mapping',
          found: Array.isArray(value) ? 'a list' : typeof value,
        },
      ],
    }
  }
  let doc = value as Record<string, unknown>
  const version = doc['version'] ?? SCENARIO_VERSION
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > SCENARIO_VERSION
  ) {
    return {
      ok: false,
      error: locateIssues(
        [
          {
            code: 'unsupported_version',
            message: `scenario version ${JSON.stringify(version)} is not readable by this build (it reads versions 1 to ${SCENARIO_VERSION})`,
            path: ['version'],
            field: 'version',
            expected: `1..${SCENARIO_VERSION}`,
            found: JSON.stringify(version),
          },
        ],
        locate,
        file
      ),
    }
  }
  for (let v = version; v < SCENARIO_VERSION; v++) {
    const migrate = MIGRATIONS[v]
    if (!migrate) throw new Error(`no migration from scenario version ${v}`)
    doc = { ...migrate(doc), version: v + 1 }
  }
  const parsed = scenarioSchema.safeParse(doc)
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap((i) => issuesFromZod(i, doc))
    return { ok: false, error: locateIssues(issues, locate, file) }
  }
  return { ok: true, value: { scenario: parsed.data, locate } }
}

/** Adds file, line and column to issues that carry only a path (e.g. from core validation). */
export function locateIssues(issues: DomainIssue[], locate: Locator, file: string): DomainIssue[] {
  return issues.map((issue) => {
    const pos = locate(issue.path, issue.code === 'unknown_key')
    const field = issue.field ?? lastKey(issue.path)
    return {
      ...issue,
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      ...(field === undefined ? {} : { field }),
      message: issue.path.length > 0 ? `${pathText(issue.path)}: ${issue.message}` : issue.message,
    }
  })
}

/** `materials[0].demand_t_per_day` */
export function pathText(path: Path): string {
  return path.map((p, k) => (typeof p === 'number' ? `[${p}]` : k === 0 ? p : `.${p}`)).join('')
}

function lastKey(path: Path): string | undefined {
  for (let k = path.length - 1; k >= 0; k--) if (typeof path[k] === 'string') return String(path[k])
  return undefined
}

type ZodIssue = z.core.$ZodIssue

/** One zod issue as DomainIssues (unions are reduced to the branch that fits the input best). */
function issuesFromZod(issue: ZodIssue, root: unknown, prefix: Path = []): DomainIssue[] {
  const path = [...prefix, ...(issue.path as Path)]
  const found = describe(valueAt(root, path))
  const discriminated = issue as { note?: string; options?: unknown[] }
  if (issue.code === 'invalid_union' && discriminated.note === 'No matching discriminator') {
    const options = (discriminated.options ?? []).map(String)
    return [
      {
        code: 'invalid_value',
        message: `expected one of ${options.join(', ')}, found ${found}`,
        path,
        expected: options.join(', '),
        found,
      },
    ]
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.map((b) => b.flatMap((i) => issuesFromZod(i, root, path)))
    const typeOnly = (b: DomainIssue[]) =>
      b.every((i) => i.code === 'invalid_type' && i.path.length === path.length)
    if (branches.every(typeOnly)) {
      const expected = [
        ...new Set(branches.flat().flatMap((i) => (i.expected ?? '').split(' or '))),
      ].join(' or ')
      return [
        {
          code: 'invalid_type',
          message: `expected ${expected} (a number, or a distribution such as { dist: uniform, min, max }), found ${found}`,
          path,
          expected,
          found,
        },
      ]
    }
    const depth = (b: DomainIssue[]) =>
      Math.max(...b.map((i) => i.path.length - (i.code === 'unrecognized_keys' ? 0.5 : 0)))
    const best = branches.filter((b) => !typeOnly(b)).sort((a, b) => depth(b) - depth(a))[0]
    return best ?? []
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      code: 'unknown_key',
      message: `unknown key "${key}" (check its spelling; see the scenario reference in src/core/simulate/README.md)`,
      path: [...path, key],
      field: key,
      expected: 'a known key',
      found: key,
    }))
  }
  if (issue.code === 'invalid_type') {
    const missing = valueAt(root, path) === undefined
    return [
      {
        code: missing ? 'missing_field' : 'invalid_type',
        message: missing
          ? `missing ${String(path[path.length - 1])} (expected ${issue.expected})`
          : `expected ${issue.expected}, found ${found}`,
        path,
        expected: issue.expected,
        found: missing ? 'nothing' : found,
      },
    ]
  }
  const message =
    issue.code === 'invalid_value'
      ? `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, found ${found}`
      : issue.message
  return [{ code: issue.code, message, path, found }]
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[p]
  }
  return v
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  const s = JSON.stringify(v)
  return s === undefined ? typeof v : s.length > 60 ? `${s.slice(0, 57)}...` : s
}

/** Offset of the node at `path`, or of its nearest ancestor; a missing map key points at its map. */
function offsetOf(doc: Document, path: Path, atKey: boolean): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const head = path.slice(0, n)
    const last = head[head.length - 1]
    if (n > 0 && typeof last === 'string') {
      const parent = head.length > 1 ? doc.getIn(head.slice(0, -1), true) : doc.contents
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last)
        // The key of a pair that exists; the value when the issue is about the value.
        if (pair && n === path.length && !atKey && isNode(pair.value) && pair.value.range)
          return pair.value.range[0]
        if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0]
      }
      continue
    }
    const node = n === 0 ? doc.contents : doc.getIn(head, true)
    if (isNode(node) && node.range) return node.range[0]
  }
  return undefined
}
