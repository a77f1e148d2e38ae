/**
 * Reads an optimiser input file (YAML or JSON; JSON is read as YAML 1.2) and validates it against the contract,
 * locating every problem by line and column in the file: a negative capacity says where it is.
 */
import { LineCounter, parseDocument, type Document } from 'yaml'
import { yamlValue } from './yamlValue'
import type { z } from 'zod'
import { optimizeInputSchema, type OptimizeInput } from '../contracts/optimize'
import type { DomainIssue, Result } from '../core/shared/result'

type Path = (string | number)[]

function locate(
  doc: Document,
  counter: LineCounter,
  path: Path
): { line: number; column: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as
      { range?: [number, number, number] } | undefined
    if (node && node.range) {
      const pos = counter.linePos(node.range[0])
      return { line: pos.line, column: pos.col }
    }
  }
  return undefined
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

function found(doc: Document, path: Path): string {
  const v = doc.getIn(path) as unknown
  if (v === undefined) return 'nothing'
  return typeof v === 'object' ? JSON.stringify(v).slice(0, 60) : String(v)
}

function issueAt(
  file: string,
  doc: Document,
  counter: LineCounter,
  path: Path,
  code: string,
  message: string,
  expected?: string
): DomainIssue {
  const pos = locate(doc, counter, path)
  const field = [...path].reverse().find((p): p is string => typeof p === 'string')
  return {
    code,
    message: `${pathText(path)}: ${message}`,
    path,
    file,
    ...(pos ? { line: pos.line, column: pos.column } : {}),
    ...(field ? { field } : {}),
    ...(expected ? { expected } : {}),
    found: found(doc, path),
  }
}

function zodIssues(
  file: string,
  doc: Document,
  counter: LineCounter,
  error: z.ZodError
): DomainIssue[] {
  return error.issues.map((i) => {
    const path = i.path.filter((p): p is string | number => typeof p !== 'symbol')
    let message = i.message
    if (i.code === 'unrecognized_keys') message = `unknown field(s) ${i.keys.join(', ')}`
    const value = found(doc, path)
    if (value !== 'nothing' && !message.includes('found')) message += `, found ${value}`
    return issueAt(file, doc, counter, path, `invalid_${i.code}`, message)
  })
}

/** Cross-field checks the schema cannot express: unique ids, known materials, known scenario keys. */
function crossChecks(
  file: string,
  doc: Document,
  counter: LineCounter,
  input: OptimizeInput
): DomainIssue[] {
  const issues: DomainIssue[] = []
  const add = (path: Path, code: string, message: string) =>
    issues.push(issueAt(file, doc, counter, path, code, message))
  const materials = new Map<string, number>()
  input.materials.forEach((m, i) => {
    if (materials.has(m.id))
      add(['materials', i, 'id'], 'duplicate_id', `material "${m.id}" is listed twice`)
    materials.set(m.id, i)
  })
  const sources = new Set<string>()
  input.sources.forEach((s, i) => {
    if (sources.has(s.id))
      add(['sources', i, 'id'], 'duplicate_id', `source "${s.id}" is listed twice`)
    sources.add(s.id)
    if (!materials.has(s.material)) {
      add(
        ['sources', i, 'material'],
        'unknown_material',
        `unknown material "${s.material}" (expected one of ${[...materials.keys()].join(', ')})`
      )
    }
    if (s.min_order_t !== undefined && s.min_order_t > s.capacity_t) {
      add(
        ['sources', i, 'min_order_t'],
        'min_order_above_capacity',
        `min_order_t ${s.min_order_t} is above capacity_t ${s.capacity_t}`
      )
    }
  })
  const countries = new Set(input.sources.map((s) => s.country))
  const list = input.scenarios?.list ?? []
  let total = 0
  list.forEach((sc, i) => {
    total += sc.probability
    for (const key of Object.keys(sc.availability)) {
      if (!sources.has(key) && !countries.has(key)) {
        add(
          ['scenarios', 'list', i, 'availability', key],
          'unknown_scenario_key',
          `"${key}" is neither a source id nor the country of a source`
        )
      }
    }
  })
  if (total > 1 + 1e-9)
    add(
      ['scenarios', 'list'],
      'probabilities_above_one',
      `scenario probabilities sum to ${total}, above 1`
    )
  return issues
}

/** Parses and validates `text`; `file` names the input in messages. */
export function readOptimizeInput(text: string, file: string): Result<OptimizeInput> {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: true, uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      ok: false,
      error: doc.errors.map((e) => {
        const pos = e.linePos?.[0]
        return {
          code: 'malformed_yaml',
          message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`,
          path: [],
          file,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        }
      }),
    }
  }
  const value = yamlValue(doc, file)
  if (!value.ok) return value
  const parsed = optimizeInputSchema.safeParse(value.value)
  if (!parsed.success) return { ok: false, error: zodIssues(file, doc, counter, parsed.error) }
  const cross = crossChecks(file, doc, counter, parsed.data)
  if (cross.length > 0) return { ok: false, error: cross }
  return { ok: true, value: parsed.data }
}
