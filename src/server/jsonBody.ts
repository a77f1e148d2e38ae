/**
 * The server's JSON body parser: JSON.parse, then one iterative walk that refuses keys able to reach an object's
 * prototype (`__proto__`, `constructor.prototype`) and nesting deep enough to overflow later recursive code.
 * Strings with lone UTF-16 surrogates (which no UTF-8 file can hold, and the database refuses) are refused too.
 * Problems are InputErrors with a located issue, so they answer 400 in the one error shape.
 */
import { InputError } from '../contracts/errors'
import type { DomainIssue } from '../core/shared/result'

/** Deeper than any document the API takes (scenarios, rulebooks, BOM rows nest a handful of levels). */
export const MAX_JSON_DEPTH = 64

/** Half of a UTF-16 surrogate pair without its other half: JSON `\ud800` escapes can make one, UTF-8 cannot. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function fail(issue: Omit<DomainIssue, 'file'>): never {
  throw new InputError([{ ...issue, file: 'request body' }])
}

function loneSurrogate(path: (string | number)[]): never {
  fail({
    code: 'invalid_unicode',
    message: `the string at ${path.join('.') || 'the top level'} holds half of a UTF-16 surrogate pair (a \\ud800-\\udfff escape with no partner)`,
    path,
    expected: 'well-formed Unicode text',
    found: 'a lone surrogate',
  })
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position)
  const line = before.split('\n').length
  return { line, column: position - before.lastIndexOf('\n') }
}

/** Parses a request body as JSON or throws an InputError naming the problem and where it is. */
export function parseJsonBody(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim() === '') {
    fail({
      code: 'malformed_json',
      message: 'the body is empty but content-type says JSON',
      path: [],
      expected: 'a JSON document',
      found: 'nothing',
    })
  }
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message)
    fail({
      code: 'malformed_json',
      message: `malformed JSON: ${(e as Error).message}`,
      path: [],
      ...(m ? lineColumn(body, Number(m[1])) : {}),
      expected: 'valid JSON',
      found: 'a syntax error',
    })
  }
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: doc, path: [] }]
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) loneSurrogate(path)
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (path.length >= MAX_JSON_DEPTH) {
      fail({
        code: 'too_deep',
        message: `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
        path: path.slice(0, 8),
        expected: `at most ${MAX_JSON_DEPTH} levels`,
        found: 'deeper nesting',
      })
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }))
      continue
    }
    for (const key of Object.keys(value)) {
      if (LONE_SURROGATE.test(key)) loneSurrogate([...path, key])
      const child = (value as Record<string, unknown>)[key]
      const reachesPrototype =
        key === '__proto__' ||
        (key === 'constructor' &&
          typeof child === 'object' &&
          child !== null &&
          Object.prototype.hasOwnProperty.call(child, 'prototype'))
      if (reachesPrototype) {
        fail({
          code: 'forbidden_key',
          message: `key "${key === '__proto__' ? key : 'constructor.prototype'}" at ${[...path, key].join('.')} is not allowed (it could change the prototype of objects)`,
          path: [...path, key],
          expected: 'ordinary keys',
          found: key,
        })
      }
      stack.push({ value: child, path: [...path, key] })
    }
  }
  return doc
}
