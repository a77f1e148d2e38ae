/**
 * The dashboard may use src/contracts for types only: a value import would pull zod and the server's helpers into
 * the browser bundle. This reads every web source file and fails on any non-type import from src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : []
  })
}

describe('web imports from src/', () => {
  it('are type-only and only from src/contracts', () => {
    const offenders: string[] = []
    for (const f of files(import.meta.dirname)) {
      if (f.endsWith('.test.ts') || f.endsWith('.test.tsx')) continue
      const text = readFileSync(f, 'utf8')
      for (const m of text.matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)) {
        const [, typeOnly, spec = ''] = m
        if (!/(^|\/)src\//.test(spec)) continue
        if (!typeOnly || !/\/src\/contracts\//.test(spec)) offenders.push(`${f}: ${m[0]}`)
      }
    }
    expect(offenders).toEqual([])
  })
})
