/**
 * Fuzzing helpers: seeds that are printed in test names and replayable, run counts that `FUZZ_RUNS` raises, and
 * fast-check arbitraries that mutate real files (bytes, cells, lines, JSON nodes) or make random ones.
 *
 *   FUZZ_RUNS=2000 npx vitest run test/hardening        more cases per target
 *   FUZZ_SEED=random npx vitest run test/hardening      a fresh seed per target (printed in the test name)
 *   ONLY_SEED=123 [FUZZ_PATH=4:1:0] npx vitest run ...  replay one seed (and fast-check's shrunk path)
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import type { DomainIssue } from '../../../src/core/shared/result'

/** Stable per target unless FUZZ_SEED or ONLY_SEED says otherwise, so CI runs the same cases each time. */
export function fuzzSeed(target: string): number {
  const only = process.env['ONLY_SEED']
  if (only) return Number(only)
  const chosen = process.env['FUZZ_SEED']
  if (chosen === 'random') return Math.floor(Math.random() * 0x7fffffff)
  if (chosen) return Number(chosen)
  let h = 0x811c9dc5
  for (let i = 0; i < target.length; i++) h = Math.imul(h ^ target.charCodeAt(i), 0x01000193)
  return (h >>> 0) & 0x7fffffff
}

export function fuzzRuns(defaultRuns: number): number {
  const n = Number(process.env['FUZZ_RUNS'])
  return Number.isFinite(n) && n > 0 ? n : defaultRuns
}

/** fast-check parameters for one target: its seed, runs, and the replay path when given. */
export function fuzzParams(seed: number, runs: number): fc.Parameters<unknown> {
  const path = process.env['FUZZ_PATH']
  return {
    seed,
    numRuns: runs,
    endOnFailure: true,
    ...(path && process.env['ONLY_SEED'] ? { path } : {}),
  }
}

/** Values that break careless parsers: quotes, separators, BOMs, control and combining characters, numbers. */
export const NASTY = [
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '\r',
  '\uFEFF',
  '\u0000',
  '\u202E',
  '\uD800',
  '👍🏽',
  'e\u0301',
  '𝔘𝔫𝔦',
  '中国',
  '1e309',
  '-1e309',
  '1e-400',
  '9'.repeat(400),
  '-0',
  'NaN',
  'Infinity',
  '0x10',
  '1,5',
  '=HYPERLINK("http://x")',
  '+1',
  '-1',
  '@SUM(A1)',
  '__proto__',
  'constructor',
  'prototype',
  '{',
  '}',
  '[',
  ']',
  ':',
  '- ',
  '&a',
  '*a',
  '!!js/function',
  'null',
  'true',
  '\t',
  ' ',
  '\\',
  "'",
  '<script>',
  '../',
  '2025-13',
  '2025-02-30',
  '0000-00-00',
  '',
]

const nasty = fc.constantFrom(...NASTY)
const someText = fc.oneof(
  nasty,
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 })
)

type Mutation = (s: string) => string

const at = (s: string, n: number) => (s.length === 0 ? 0 : n % (s.length + 1))

function lines(s: string): string[] {
  return s.split('\n')
}

/** A cell-level edit on naive comma-split lines (enough to move, drop and repeat CSV cells). */
function cellEdit(edit: (cells: string[], a: number, b: number, text: string) => string[]) {
  return fc
    .tuple(fc.nat(), fc.nat(), fc.nat(), someText)
    .map(([l, a, b, text]): Mutation => (s) => {
      const ls = lines(s)
      const k = l % ls.length
      const cells = (ls[k] ?? '').split(',')
      ls[k] = edit(cells, a % cells.length, b % cells.length, text).join(',')
      return ls.join('\n')
    })
}

/** Edits of a text file: bytes, cells, lines, line ends, BOM, long runs. */
export const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(
    ([p, n]): Mutation =>
      (s) =>
        s.slice(0, at(s, p)) + s.slice(at(s, p) + n)
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 80 })).map(
    ([p, n]): Mutation =>
      (s) =>
        s.slice(0, at(s, p) + n) + s.slice(at(s, p))
  ),
  fc.tuple(fc.nat(), someText).map(
    ([p, t]): Mutation =>
      (s) =>
        s.slice(0, at(s, p)) + t + s.slice(at(s, p))
  ),
  fc.nat().map(
    (p): Mutation =>
      (s) =>
        s.slice(0, at(s, p))
  ),
  cellEdit((cells, a) => cells.filter((_, i) => i !== a)),
  cellEdit((cells, a) => [...cells.slice(0, a + 1), ...cells.slice(a)]),
  cellEdit((cells, a, b) => {
    const out = [...cells]
    ;[out[a], out[b]] = [out[b] ?? '', out[a] ?? '']
    return out
  }),
  cellEdit((cells, a, _b, text) => cells.map((c, i) => (i === a ? text : c))),
  cellEdit((cells, a, _b, text) =>
    cells.map((c, i) => (i === a ? `"${c}${text.replace(/"/g, '""')}"` : c))
  ),
  cellEdit((cells, a) => cells.map((c, i) => (i === a ? `"${c}` : c))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (s) => {
    const ls = lines(s)
    const i = a % ls.length
    const j = b % ls.length
    ;[ls[i], ls[j]] = [ls[j] ?? '', ls[i] ?? '']
    return ls.join('\n')
  }),
  fc.nat().map((a): Mutation => (s) => {
    const ls = lines(s)
    const i = a % ls.length
    return [...ls.slice(0, i + 1), ...ls.slice(i)].join('\n')
  }),
  fc.constant<Mutation>((s) => s.replace(/\r?\n/g, '\r\n')),
  fc.constant<Mutation>((s) => s.replace(/\r?\n/g, '\r')),
  fc.constant<Mutation>((s) => `\uFEFF${s}`),
  fc.tuple(fc.nat(), nasty, fc.integer({ min: 100, max: 20_000 })).map(([p, t, n]): Mutation => {
    // Long runs up to ~100k characters (sheer size is tested separately, for linear time).
    const unit = t || 'a'
    const run = unit.repeat(Math.max(1, Math.min(n, Math.floor(100_000 / unit.length))))
    return (s) => s.slice(0, at(s, p)) + run + s.slice(at(s, p))
  })
)

/** Values swapped into JSON documents. */
const jsonNasty = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    '',
    0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    5e-324,
    [],
    {},
    '__proto__',
    '2025-13-40',
    'x'.repeat(10_000)
  ),
  nasty,
  fc.jsonValue({ maxDepth: 3 })
)

type JsonMutation = (doc: unknown) => unknown

function nodes(
  doc: unknown
): { parent: Record<string, unknown> | unknown[]; key: string | number }[] {
  const out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []
  const stack = [doc]
  while (stack.length > 0 && out.length < 5000) {
    const v = stack.pop()
    if (Array.isArray(v)) v.forEach((x, i) => (out.push({ parent: v, key: i }), stack.push(x)))
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        out.push({ parent: v as Record<string, unknown>, key: k })
        stack.push(x)
      }
  }
  return out
}

/** Edits of a parsed JSON (or YAML) document: replace, delete, duplicate a node, add odd keys. */
export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.oneof(
  fc.tuple(fc.nat(), jsonNasty).map(([n, v]): JsonMutation => (doc) => {
    const all = nodes(doc)
    const node = all[n % Math.max(1, all.length)]
    if (!node) return v
    ;(node.parent as Record<string | number, unknown>)[node.key] = v
    return doc
  }),
  fc.nat().map((n): JsonMutation => (doc) => {
    const node = nodes(doc)[n % Math.max(1, nodes(doc).length)]
    if (node && Array.isArray(node.parent)) node.parent.splice(Number(node.key), 1)
    else if (node) delete (node.parent as Record<string, unknown>)[node.key]
    return doc
  }),
  fc.nat().map((n): JsonMutation => (doc) => {
    const node = nodes(doc)[n % Math.max(1, nodes(doc).length)]
    if (node && Array.isArray(node.parent)) {
      const v = node.parent[Number(node.key)]
      node.parent.splice(Number(node.key), 0, structuredClone(v))
    }
    return doc
  }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ''),
      jsonNasty
    )
    .map(([n, key, v]): JsonMutation => (doc) => {
      const objects = nodes(doc)
        .map((x) => (x.parent as Record<string | number, unknown>)[x.key])
        .filter(
          (x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)
        )
      const target = objects[n % Math.max(1, objects.length)]
      if (target)
        Object.defineProperty(target, key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      return doc
    })
)

/** Mutated versions of `seeds` (texts); JSON seeds also get structural edits before the text edits. */
export function mutatedText(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(jsonMutation, { maxLength: 3 }),
      fc.array(textMutation, { minLength: 0, maxLength: 4 })
    )
    .map(([seed, jsonEdits, textEdits]) => {
      let text = seed
      if (jsonEdits.length > 0 && /^\s*[[{]/.test(seed)) {
        try {
          const doc = jsonEdits.reduce((d, e) => e(d), JSON.parse(seed) as unknown)
          text = JSON.stringify(doc, null, 2) ?? 'null'
        } catch {
          // not JSON after all
        }
      }
      return textEdits.reduce((s, e) => e(s), text)
    })
}

/** CSV built from a header (shuffled, some columns dropped or doubled) and rows of nasty or random cells. */
export function randomCsv(columns: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.shuffledSubarray([...columns, 'extra', columns[0] ?? 'x'], { minLength: 1 }),
      fc.array(fc.array(someText, { maxLength: columns.length + 2 }), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n')
    )
    .map(([header, rows, eol]) => [header.join(','), ...rows.map((r) => r.join(','))].join(eol))
}

/** Any text: random strings, random JSON, and mutations of the seeds. */
export function anyInput(
  seeds: readonly string[],
  columns: readonly string[] = []
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: mutatedText(seeds) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? '') },
    { weight: 2, arbitrary: randomCsv(columns.length > 0 ? columns : ['a', 'b']) }
  )
}

/** A reader's answer to bad input: issues with a snake_case code and a message (file and place when known). */
export function expectIssues(issues: readonly DomainIssue[]): void {
  expect(issues.length).toBeGreaterThan(0)
  for (const issue of issues) {
    expect(issue.code).toMatch(/^[a-z][a-z0-9_]*$/)
    expect(typeof issue.message).toBe('string')
    expect(issue.message.length).toBeGreaterThan(0)
    expect(Array.isArray(issue.path)).toBe(true)
  }
}

/** Fails when any input managed to add properties to Object.prototype. */
export function expectNoPrototypePollution(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS)
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
}
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort()

/** Runs `fn` and fails when it takes longer than `ms` (a hang shows up as the test's own timeout). */
export async function within<T>(ms: number, what: string, fn: () => Promise<T> | T): Promise<T> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const result = await Promise.race([
      Promise.resolve().then(fn),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
      }),
    ])
    const took = performance.now() - started
    if (took > ms) throw new Error(`${what} took ${Math.round(took)} ms (limit ${ms} ms)`)
    return result
  } finally {
    clearTimeout(timer)
  }
}
