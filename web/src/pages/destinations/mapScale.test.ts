import { describe, expect, it } from 'vitest'
import { DIVERGING, NO_DATA, SEQUENTIAL } from '../../lib/palette'
import { colourFor, legendFor } from './mapScale'

describe('map colour classes', () => {
  it('puts shares into fixed classes, lowest and highest open-ended', () => {
    expect(colourFor('share', 0)).toBe(SEQUENTIAL[0])
    expect(colourFor('share', 0.015)).toBe(SEQUENTIAL[1])
    expect(colourFor('share', 0.19)).toBe(SEQUENTIAL[4])
    expect(colourFor('share', 0.2)).toBe(SEQUENTIAL[5])
    expect(colourFor('share', 0.95)).toBe(SEQUENTIAL[6])
  })
  it('centres deviation scores on the neutral colour and marks flagged drops in the darkest class', () => {
    expect(colourFor('deviation', 0)).toBe(DIVERGING[3])
    expect(colourFor('deviation', -3.34)).toBe(DIVERGING[0])
    expect(colourFor('deviation', 3.34)).toBe(DIVERGING[6])
    expect(colourFor('deviation', -1)).toBe(DIVERGING[2])
  })
  it('gives missing values the no-data colour, never a class', () => {
    expect(colourFor('share', null)).toBe(NO_DATA)
    expect(colourFor('deviation', undefined)).toBe(NO_DATA)
    expect(colourFor('deviation', Number.NaN)).toBe(NO_DATA)
  })
  it('labels every class and the no-data swatch in the legend', () => {
    const share = legendFor('share')
    expect(share).toHaveLength(SEQUENTIAL.length + 1)
    expect(share[0]?.label).toBe('below 1.0%')
    expect(share[6]?.label).toBe('40.0% or more')
    expect(share[7]).toEqual({ colour: NO_DATA, label: 'not reported' })
    expect(legendFor('deviation')[3]?.label).toBe('-0.5 to 0.5')
  })
})
