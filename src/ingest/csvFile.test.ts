import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseCsv } from './csv'
import { fileFacts, readFirstLine, recordLines, recordTexts, rescanCsvFile } from './csvFile'

const dir = mkdtempSync(join(tmpdir(), 'csvfile-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
function file(text: string): string {
  const path = join(dir, `f${n++}.csv`)
  writeFileSync(path, text)
  return path
}

// A header, a quoted field with a comma, one with two line breaks, a blank line, CRLF ends and a BOM.
const tricky =
  '\uFEFFa,b,c\r\n1,"x, y",3\r\n4,"multi\nline\nfield",6\r\n\r\n7,8,9\r\n10,"say ""hi""",12\r\n'

describe('fileFacts', () => {
  it('hashes the bytes and counts lines, with or without a final newline', async () => {
    const f = await fileFacts(file(tricky))
    expect(f.sha256).toBe(createHash('sha256').update(tricky).digest('hex'))
    expect(f.lines).toBe(8)
    expect((await fileFacts(file('a\nb'))).lines).toBe(2)
    expect((await fileFacts(file(''))).lines).toBe(0)
  })
})

describe('record positions', () => {
  it('gives the start line of each data record across quoted line breaks and blank lines', async () => {
    const path = file(tricky)
    expect([...(await recordLines(path))]).toEqual([2, 3, 7, 8])
    expect(await readFirstLine(path)).toBe('\uFEFFa,b,c')
  })

  it('returns the raw text of the records asked for', async () => {
    const texts = await recordTexts(file(tricky), [1, 3])
    expect(texts.get(1)).toEqual({ line: 3, text: '4,"multi\nline\nfield",6' })
    expect(texts.get(3)).toEqual({ line: 8, text: '10,"say ""hi""",12' })
    expect(texts.has(0)).toBe(false)
  })

  it('agrees with parseCsv on where every record starts', async () => {
    const parsed = parseCsv(tricky, 't.csv')
    expect(parsed.ok && parsed.value.records.map((r) => r.line)).toEqual([
      ...(await recordLines(file(tricky))),
    ])
  })
})

describe('rescanCsvFile', () => {
  // Many records, a quoted field with a line break every 7th record, and one ragged record near the end.
  const rows = ['id,name,qty']
  for (let i = 1; i <= 400; i++) {
    rows.push(i % 7 === 0 ? `${i},"line\nbreak ${i}",${i}` : `${i},name ${i},${i}`)
  }
  rows.splice(380, 1, '380,ragged')
  const text = rows.join('\n') + '\n'
  const expected = parseCsv(text, 'big.csv')

  it('finds the same located problems as parsing the whole text, whatever the block size', async () => {
    expect(expected.ok).toBe(false)
    const path = file(text)
    for (const block of [64, 100, 257, 1000, 1 << 20]) {
      expect(await rescanCsvFile(path, 'big.csv', 50, block)).toEqual(
        expected.ok ? [] : expected.error
      )
    }
  })

  it('reports nothing for a valid file and words an empty one like parseCsv', async () => {
    expect(await rescanCsvFile(file(tricky), 't.csv', 50, 16)).toEqual([])
    expect(await rescanCsvFile(file(''), 'e.csv')).toMatchObject([
      { code: 'empty_file', line: 1, message: 'the file is empty' },
    ])
  })

  it('locates an unterminated quote that runs to the end of the file', async () => {
    const bad = 'a,b\n1,2\n3,"open\n4,5\n'
    expect(await rescanCsvFile(file(bad), 'q.csv', 50, 4)).toEqual(
      (parseCsv(bad, 'q.csv') as { error: unknown }).error
    )
  })
})
