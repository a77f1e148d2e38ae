import { describe, expect, it } from 'vitest'
import { InputError } from '../contracts/errors'
import { formatIssue } from '../core/shared/result'
import { MAX_JSON_DEPTH, parseJsonBody } from './jsonBody'

function refusal(text: string): string[] {
  try {
    parseJsonBody(text)
  } catch (e) {
    if (e instanceof InputError) return e.issues.map(formatIssue)
    throw e
  }
  throw new Error('expected a refusal')
}

describe('parseJsonBody', () => {
  it('parses ordinary JSON, with or without a BOM', () => {
    expect(parseJsonBody('{"a":[1,{"b":null}]}')).toEqual({ a: [1, { b: null }] })
    expect(parseJsonBody('\uFEFF[1]')).toEqual([1])
  })

  it('refuses __proto__ and constructor.prototype keys anywhere, and pollutes nothing', () => {
    expect(refusal('{"__proto__":{"polluted":1}}')).toEqual([
      'request body: key "__proto__" at __proto__ is not allowed (it could change the prototype of objects)',
    ])
    expect(refusal('{"a":[{"constructor":{"prototype":{"polluted":1}}}]}')).toEqual([
      'request body: key "constructor.prototype" at a.0.constructor is not allowed (it could change the prototype of objects)',
    ])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    // A plain "constructor" key is data, not an attack.
    expect(parseJsonBody('{"constructor":"Acme Magnetics"}')).toEqual({
      constructor: 'Acme Magnetics',
    })
  })

  it('locates syntax errors and refuses empty bodies', () => {
    expect(refusal('{\n  "a": 1,\n}')[0]).toMatch(/^request body:3:1: malformed JSON: /)
    expect(refusal('  ')).toEqual(['request body: the body is empty but content-type says JSON'])
  })

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels without overflowing the stack`, () => {
    expect(parseJsonBody('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBeDefined()
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(refusal(deep)[0]).toMatch(/nests deeper than 64 levels|malformed JSON/)
    expect(refusal('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).toEqual([
      `request body: the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
    ])
  })

  it('refuses lone surrogates in keys and values; pairs are fine', () => {
    expect(refusal('{"name":"x\\ud800"}')).toEqual([
      'request body: the string at name holds half of a UTF-16 surrogate pair (a \\ud800-\\udfff escape with no partner)',
    ])
    expect(refusal('{"\\udc00":1}')[0]).toContain('half of a UTF-16 surrogate pair')
    expect(parseJsonBody('{"name":"\\ud83d\\udc4d"}')).toEqual({ name: '👍' })
  })
})
