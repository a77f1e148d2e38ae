import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BOM_COLUMNS } from '../contracts/exposure'
import { formatIssue } from '../core/shared/result'
import { readBom, readBomRecords } from './bom'
import { readMagnetCompositions } from './magnetCompositions'

const lib = readMagnetCompositions(
  readFileSync(join(__dirname, '../../data/magnet_compositions.csv'), 'utf8'),
  'magnet_compositions.csv'
)
if (!lib.ok) throw new Error(JSON.stringify(lib.error))
const library = lib.value

const HEADER = BOM_COLUMNS.join(',')
/** A CSV with the header and rows given as partial records (other cells empty). */
function csv(rows: Partial<Record<(typeof BOM_COLUMNS)[number], string>>[], eol = '\n'): string {
  return [HEADER, ...rows.map((r) => BOM_COLUMNS.map((c) => r[c] ?? '').join(','))].join(eol) + eol
}
const TOP = { part_id: 'TOP', annual_units: '100', form: 'article' }
const MAG = {
  part_id: 'MAG',
  parent_id: 'TOP',
  qty_per_parent: '2',
  form: 'magnet',
  mass_kg: '0.5',
  elements: 'Nd:0.2;Dy:0.05',
  magnet_country: 'CHN',
  origin_basis: 'observed',
}

function errors(text: string) {
  const r = readBom(text, 'bom.csv', library)
  expect(r.ok).toBe(false)
  return r.ok ? [] : r.error
}

describe('readBom (CSV)', () => {
  it('reads a file with a UTF-8 BOM and CRLF line ends', () => {
    const r = readBom('\uFEFF' + csv([TOP, MAG], '\r\n'), 'bom.csv', library)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.parts.map((p) => [p.partId, p.line, p.qtyPerParent])).toEqual([
      ['TOP', 2, 1],
      ['MAG', 3, 2],
    ])
    expect(r.value.parts[1]?.content).toEqual([
      { element: 'Nd', fraction: 0.2 },
      { element: 'Dy', fraction: 0.05 },
    ])
    expect(r.value.parts[1]?.origins).toEqual([null, null, null, 'CHN'])
  })

  it('names line, column and field for negative masses and quantities', () => {
    const text = csv([TOP, { ...MAG, mass_kg: '-1', qty_per_parent: '-2' }])
    const e = errors(text)
    expect(e.map((i) => [i.line, i.field, i.code])).toEqual([
      [3, 'qty_per_parent', 'negative_value'],
      [3, 'mass_kg', 'negative_value'],
    ])
    // Line 3 is `MAG,TOP,,-2,,magnet,-1,...`: mass_kg starts after the first six fields and their commas.
    const row = text.split('\n')[2]!
    const massColumn = row.split(',').slice(0, 6).join(',').length + 2
    expect(e[1]?.column).toBe(massColumn)
    expect(formatIssue(e[1]!)).toBe(
      `bom.csv:3:${massColumn}: mass_kg: must not be negative, found -1 (field mass_kg)`
    )
  })

  it('rejects element fractions summing above 1 and unknown elements', () => {
    expect(errors(csv([TOP, { ...MAG, elements: 'Nd:0.7;Fe:0.4' }]))[0]).toMatchObject({
      line: 3,
      field: 'elements',
      message: 'elements: element fractions sum to 1.1000, above 1',
    })
    expect(errors(csv([TOP, { ...MAG, elements: 'Nd:0.2;Xx:0.1' }]))[0]?.message).toContain(
      'unknown element "Xx"'
    )
  })

  it('rejects unknown countries, forms and bases in the column that holds them', () => {
    const e = errors(
      csv([TOP, { ...MAG, mine_country: 'XYZ', form: 'widget', origin_basis: 'guessed' }])
    )
    expect(e.map((i) => [i.field, i.code, i.found])).toEqual([
      ['form', 'invalid_form', 'widget'],
      ['origin_basis', 'invalid_origin_basis', 'guessed'],
      ['mine_country', 'unknown_country', 'XYZ'],
    ])
  })

  it('rejects a cycle, naming it, and computes nothing', () => {
    const e = errors(
      csv([
        TOP,
        { part_id: 'A', parent_id: 'B', qty_per_parent: '1', form: 'article' },
        { part_id: 'B', parent_id: 'A', qty_per_parent: '1', form: 'article' },
      ])
    )
    expect(e).toHaveLength(1)
    expect(e[0]).toMatchObject({ code: 'bom_cycle', line: 3, field: 'parent_id' })
    expect(e[0]?.message).toContain('"A" → "B" → "A"')
    // Line 3 is `A,B,...`: parent_id starts at character 3.
    expect(e[0]?.column).toBe(3)
  })

  it('rejects a missing parent and a child of a part without annual_units', () => {
    expect(errors(csv([TOP, { ...MAG, parent_id: 'GHOST' }]))[0]).toMatchObject({
      code: 'missing_parent',
      line: 3,
      found: 'GHOST',
    })
    expect(errors(csv([{ ...TOP, annual_units: '' }, MAG]))[0]).toMatchObject({
      code: 'missing_annual_units',
      line: 2,
      field: 'annual_units',
    })
  })

  it('needs qty_per_parent below the top, mass_kg with fractions, and every column', () => {
    expect(errors(csv([TOP, { ...MAG, qty_per_parent: '' }]))[0]).toMatchObject({
      field: 'qty_per_parent',
      code: 'missing_value',
    })
    expect(errors(csv([TOP, { ...MAG, mass_kg: '' }]))[0]).toMatchObject({
      field: 'mass_kg',
      code: 'missing_value',
    })
    const noHs = 'part_id,parent_id\nTOP,\n'
    expect(errors(noHs).map((i) => i.field)).toContain('hs_code')
  })

  it('fills a magnet listed without fractions from the library, as assumed', () => {
    const r = readBom(csv([TOP, { ...MAG, elements: 'Nd;Pr;Dy' }]), 'bom.csv', library)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.parts[1]).toMatchObject({
      composition: 'library',
      libraryId: 'ndfeb-sintered-dy',
    })
    expect(r.value.warnings.join('\n')).toContain('@ndfeb-sintered-dy')
    const named = readBom(csv([TOP, { ...MAG, elements: '@sm2co17' }]), 'bom.csv', library)
    expect(named.ok && named.value.parts[1]?.libraryId).toBe('sm2co17')
    expect(errors(csv([TOP, { ...MAG, elements: '@nope' }]))[0]?.message).toContain(
      'unknown composition "@nope"'
    )
  })

  it('ignores (and says so) a stage the form does not have', () => {
    const r = readBom(
      csv([TOP, { ...MAG, form: 'oxide', metal_country: 'JPN', separation_country: 'MYS' }]),
      'bom.csv',
      library
    )
    expect(r.ok && r.value.parts[1]?.origins).toEqual([null, 'MYS', null, null])
    expect(r.ok && r.value.warnings.join()).toContain('metal_country JPN ignored')
  })
})

describe('readBom (JSON)', () => {
  const rows = [
    { part_id: 'TOP', annual_units: 100, form: 'article' },
    { ...MAG, qty_per_parent: 2, mass_kg: 0.5 },
  ]

  it('reads an array of objects, numbers as numbers or text, and locates items by line', () => {
    const text = JSON.stringify(rows, null, 2)
    const r = readBom(text, 'bom.json', library)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.parts.map((p) => p.line)).toEqual([2, 7])
    const bad = readBom(
      JSON.stringify([rows[0], { ...rows[1], mass_kg: -3 }], null, 2),
      'bom.json',
      library
    )
    expect(!bad.ok && bad.error[0]).toMatchObject({
      line: 7,
      field: 'mass_kg',
      code: 'negative_value',
    })
  })

  it('rejects what is not an array of objects', () => {
    const r = readBomRecords({ parts: [] }, 'body', library)
    expect(!r.ok && r.error[0]?.code).toBe('invalid_bom')
    const nested = readBomRecords(
      [{ part_id: 'X', form: 'article', elements: ['Nd'] }],
      'body',
      library
    )
    expect(!nested.ok && nested.error[0]).toMatchObject({
      field: 'elements',
      code: 'invalid_value',
    })
  })
})
