import { describe, expect, it } from 'vitest'
import { parseCsv, toCsv } from './csv'

describe('parseCsv', () => {
  it('accepts a BOM, CRLF line ends and quoted fields with commas, quotes and newlines', () => {
    const r = parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n', 'f.csv')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.header).toEqual(['a', 'b'])
    expect(r.value.records[0]?.fields).toEqual(['x, y', 'say "hi"\nthere'])
  })

  it('names line and column of a ragged row', () => {
    const r = parseCsv('a,b,c\n1,2,3\n4,5\n', 'f.csv')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error[0]).toMatchObject({
      file: 'f.csv',
      line: 3,
      code: 'malformed_csv',
      expected: '3 fields',
      found: '2 fields',
    })
  })

  it('rejects a stray quote, an unterminated quote, a duplicated header and an empty file', () => {
    const stray = parseCsv('a,b\n1,x"y\n', 'f.csv')
    expect(!stray.ok && stray.error[0]).toMatchObject({ line: 2, column: 4 })
    const open = parseCsv('a,b\n1,"xy\n', 'f.csv')
    expect(!open.ok && open.error[0]?.message).toBe('unterminated quoted field')
    const dup = parseCsv('a,a\n1,2\n', 'f.csv')
    expect(!dup.ok && dup.error[0]?.message).toBe('duplicated header "a"')
    const empty = parseCsv('', 'f.csv')
    expect(!empty.ok && empty.error[0]?.code).toBe('empty_file')
  })

  it('neutralises spreadsheet formulas when writing CSV but keeps negative numbers', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['=1+1', -3],
          ['@x', 'a,b'],
        ]
      )
    ).toBe('a,b\n\'=1+1,-3\n\'@x,"a,b"\n')
  })
})
