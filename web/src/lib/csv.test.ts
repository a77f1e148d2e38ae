import { describe, expect, it } from 'vitest'
import { csvCell, slug, toCsv } from './csv'

describe('csvCell', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell('+1+2')).toBe("'+1+2")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tcmd')).toBe("'\tcmd")
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`)
  })
  it('keeps numbers as numbers, negative ones included', () => {
    expect(csvCell(-0.741)).toBe('-0.741')
    expect(csvCell(1238)).toBe('1238')
    expect(csvCell(Number.NaN)).toBe('')
  })
  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('Japan')).toBe('Japan')
  })
  it('writes missing values as empty cells, never as zero', () => {
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })
})

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['partner', 'quantity (t)'],
        [
          ['JPN', 280],
          ['=cmd', null],
        ]
      )
    ).toBe("partner,quantity (t)\r\nJPN,280\r\n'=cmd,\r\n")
  })
})

describe('slug', () => {
  it('makes a file-name-safe name', () => {
    expect(slug('Throttling assessment, May 2025')).toBe('throttling-assessment-may-2025')
    expect(slug('***')).toBe('export')
  })
})
