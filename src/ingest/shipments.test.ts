import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readShipmentsText, validateShipmentRecords } from './shipments'

describe('licence file reader', () => {
  it('reads the example CSV: every row valid, defaults applied, the note column ignored', () => {
    const r = readShipmentsText(readFileSync('examples/shipments.csv', 'utf8'), 'shipments.csv')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.issues).toEqual([])
    expect(r.value.rows.length).toBeGreaterThanOrEqual(25)
    const first = r.value.rows[0]?.shipment
    expect(first).toMatchObject({
      id: 'mag-dy-us',
      exporter_country: 'CHN',
      form: 'magnet',
      destination: 'USA',
    })
    expect(first?.elements?.map((e) => e.element)).toEqual(['Nd', 'Pr', 'Dy'])
    expect(r.value.rows.find((x) => x.shipment.id === 'foreign-mag-above')?.shipment).toMatchObject(
      {
        cn_content_value_share: 0.0015,
        made_with_cn_technology: false,
      }
    )
  })

  it('accepts a BOM and CRLF line ends; reports every bad field with id, line, column, expected and found', () => {
    const text =
      '\uFEFFid,date,form,destination,elements,cn_content_value_share,end_use,hs_code\r\n' +
      'ok,2025-06-02,magnet,USA,Nd;Dy,,civilian,\r\n' +
      'bad-date,2025-02-30,magnet,USA,Nd;Dy,,civilian,\r\n' +
      'bad-many,2025-06-02,powder,XXX,Qq,1.5,peaceful,8505.11\r\n' +
      ',2025-06-02,oxide,JPN,Dy,,,\r\n' +
      'same-country,2025-06-02,oxide,CHN,Dy,,,\r\n'
    const r = readShipmentsText(text, 'f.csv')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.rows.map((x) => x.shipment.id)).toEqual(['ok'])
    const of = (id: string | null) => r.value.issues.filter((i) => i.row_id === id)
    expect(of('bad-date')[0]).toMatchObject({
      line: 3,
      column: 10,
      field: 'date',
      expected: 'a calendar date YYYY-MM-DD',
      found: '"2025-02-30"',
      message: 'row bad-date: date: expected a calendar date YYYY-MM-DD, found "2025-02-30"',
    })
    expect(of('bad-many').map((i) => i.field)).toEqual([
      'cn_content_value_share',
      'hs_code',
      'elements',
      'form',
      'destination',
      'end_use',
    ])
    expect(of('bad-many').find((i) => i.field === 'cn_content_value_share')?.expected).toBe(
      'a share from 0 to 1 (0.001 = 0.1%)'
    )
    expect(of('bad-many').find((i) => i.field === 'destination')?.expected).toContain(
      'ISO 3166-1 alpha-3'
    )
    expect(of(null)[0]).toMatchObject({ field: 'id', line: 5, expected: 'a non-empty id' })
    expect(of('same-country')[0]?.expected).toBe('a country other than the exporting country (CHN)')
  })

  it('rejects a file without the required columns as a whole', () => {
    const r = readShipmentsText('id,date,form\nx,2025-01-01,oxide\n', 'f.csv')
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'missing_column', field: 'destination' })
  })

  it('reads a JSON array, with structured elements, and gives each element its line', () => {
    const text = JSON.stringify(
      [
        {
          id: 'a',
          date: '2025-06-02',
          form: 'oxide',
          destination: 'JPN',
          elements: [{ element: 'Dy', fraction: null }],
        },
        {
          id: 'b',
          date: '2025-06-02',
          form: 'oxide',
          destination: 'JPN',
          cn_content_value_share: -0.1,
        },
        {
          id: 'c',
          date: '2025-06-02',
          form: 'oxide',
          destination: 'JPN',
          made_with_cn_technology: 'maybe',
        },
      ],
      null,
      2
    )
    const r = readShipmentsText(text, 'f.json')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.rows.map((x) => x.shipment.id)).toEqual(['a'])
    expect(r.value.issues.map((i) => [i.row_id, i.field, i.line])).toEqual([
      ['b', 'cn_content_value_share', 14],
      ['c', 'made_with_cn_technology', 21],
    ])
  })

  it('validates records given directly (API bodies), including non-objects', () => {
    const r = validateShipmentRecords(
      [{ id: 'x', date: '2025-06-02', form: 'oxide', destination: 'JPN' }, 42],
      'body'
    )
    expect(r.rows).toHaveLength(1)
    expect(r.issues[0]).toMatchObject({ path: [1], expected: 'an object', found: '42' })
  })
})
