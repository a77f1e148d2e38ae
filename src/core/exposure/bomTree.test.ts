import { describe, expect, it } from 'vitest'
import { indexBom } from './bomTree'
import { makePart } from './testParts'

const top = makePart({ partId: 'TOP', annualUnits: 10, line: 2 })

describe('indexBom', () => {
  it('orders parents before children and multiplies quantities down the tree', () => {
    const parts = [
      makePart({ partId: 'LEAF', parentId: 'MID', qtyPerParent: 4, line: 4 }),
      makePart({ partId: 'MID', parentId: 'TOP', qtyPerParent: 3, line: 3 }),
      top,
    ]
    const r = indexBom(parts, 'f.csv')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const pos = (i: number): number => [...r.value.order].indexOf(i)
    expect(pos(2)).toBeLessThan(pos(1))
    expect(pos(1)).toBeLessThan(pos(0))
    // LEAF: 4 per MID × 3 MID per TOP = 12 per TOP; × 10 TOP per year = 120 per year.
    const leaf = r.value.pos[0]!
    expect(r.value.unitsPerYear[leaf]).toBe(120)
    expect(r.value.qtyAtPos[leaf]).toBe(4)
    // positions: TOP 0, MID 1, LEAF 2; each points at its parent's position
    expect([...r.value.order]).toEqual([2, 1, 0])
    expect([...r.value.parentPos]).toEqual([-1, 0, 1])
  })

  it('names the cycle, its parts in containment order and their lines', () => {
    const parts = [
      top,
      makePart({ partId: 'A', parentId: 'C', line: 3 }),
      makePart({ partId: 'B', parentId: 'A', line: 4 }),
      makePart({ partId: 'C', parentId: 'B', line: 5 }),
      makePart({ partId: 'UNDER', parentId: 'B', line: 6 }),
    ]
    const r = indexBom(parts, 'f.csv')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toHaveLength(1)
    expect(r.error[0]).toMatchObject({
      code: 'bom_cycle',
      line: 3,
      field: 'parent_id',
      file: 'f.csv',
      found: '"A" → "B" → "C" → "A"',
    })
    expect(r.error[0]?.message).toContain('lines 3, 4, 5')
  })

  it('reports a part that is its own parent as a cycle', () => {
    const r = indexBom([top, makePart({ partId: 'X', parentId: 'X', line: 3 })])
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'bom_cycle', found: '"X" → "X"' })
  })

  it('reports a missing parent once, not every part below it', () => {
    const parts = [
      top,
      makePart({ partId: 'ORPHAN', parentId: 'NOPE', line: 3 }),
      makePart({ partId: 'KID', parentId: 'ORPHAN', line: 4 }),
    ]
    const r = indexBom(parts)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.map((i) => [i.code, i.line, i.field, i.found])).toEqual([
      ['missing_parent', 3, 'parent_id', 'NOPE'],
    ])
  })

  it('rejects a top-level part without annual_units, counting the parts below it', () => {
    const parts = [
      makePart({ partId: 'NOVOL', line: 2 }),
      makePart({ partId: 'CHILD', parentId: 'NOVOL', line: 3 }),
      makePart({ partId: 'GRAND', parentId: 'CHILD', line: 4 }),
    ]
    const r = indexBom(parts)
    expect(!r.ok && r.error).toEqual([
      expect.objectContaining({ code: 'missing_annual_units', line: 2, field: 'annual_units' }),
    ])
    expect(!r.ok && r.error[0]?.message).toContain('its 2 sub-parts have no yearly volume')
  })

  it('accepts annual_units below the top only when it agrees with the quantities', () => {
    const same = indexBom([
      top,
      makePart({ partId: 'S', parentId: 'TOP', qtyPerParent: 2, annualUnits: 20 }),
    ])
    expect(same.ok).toBe(true)
    const off = indexBom([
      top,
      makePart({ partId: 'S', parentId: 'TOP', qtyPerParent: 2, annualUnits: 25, line: 3 }),
    ])
    expect(!off.ok && off.error[0]).toMatchObject({
      code: 'inconsistent_annual_units',
      line: 3,
      expected: '20',
      found: '25',
    })
  })

  it('rejects a duplicated part_id naming the first line', () => {
    const r = indexBom([top, makePart({ partId: 'TOP', line: 7 })])
    expect(!r.ok && r.error[0]).toMatchObject({ code: 'duplicate_part', line: 7 })
    expect(!r.ok && r.error[0]?.message).toContain('first on line 2')
  })
})
