import { describe, expect, it } from 'vitest'
import { createEntityScreener, entityTokens, normaliseEntityName } from './screening'

describe('entity name normalisation', () => {
  it.each([
    ['Nitto Denko K.K.', 'nitto denko'],
    ['NITTO DENKO CORPORATION', 'nitto denko'],
    ['ＴＤＫ株式会社', 'tdk'],
    ['Kabushiki Kaisha SUBARU', 'subaru'],
    ['SUBARU Corp.', 'subaru'],
    ['Mitsui E&S Co., Ltd.', 'mitsui e s'],
    ['Mitsui E & S Co Ltd', 'mitsui e s'],
    ['Fujitsu Defense & National Security Limited', 'fujitsu defense national security'],
    ['Example GmbH', 'example'],
    ['ENEOS Holdings, Inc.', 'eneos holdings'],
  ])('%s → %s', (raw, norm) => {
    expect(normaliseEntityName(raw)).toBe(norm)
  })

  it('keeps a name that is only a legal form', () => {
    expect(entityTokens('Corporation')).toEqual(['corporation'])
  })
})

describe('entity screening', () => {
  const screener = createEntityScreener([
    { name: 'TDK', aliases: [], scope: 'entity' },
    { name: 'Hino Motors', aliases: [], scope: 'entity' },
    {
      name: 'MHI Aero Engines',
      aliases: ['Mitsubishi Heavy Industries Aero Engines'],
      scope: 'entity',
    },
    { name: 'Mitsubishi Electric', aliases: [], scope: 'subsidiaries' },
    { name: 'Nitto Denko', aliases: [], scope: 'entity' },
  ])

  it('exact names and aliases are certain matches, whatever the suffix, case or width', () => {
    for (const n of ['TDK Corporation', 'tdk corp', 'ＴＤＫ株式会社']) {
      expect(screener.screen(n)[0]).toMatchObject({ candidate: 0, certain: true, score: 1 })
    }
    expect(screener.screen('Mitsubishi Heavy Industries Aero Engines, Ltd.')[0]).toMatchObject({
      candidate: 2,
      certain: true,
      matched: 'Mitsubishi Heavy Industries Aero Engines',
    })
  })

  it('near matches are candidates with a score below 1, never certain', () => {
    const typo = screener.screen('Hino Motor Ltd')[0]
    expect(typo).toMatchObject({ candidate: 1, certain: false })
    expect(typo?.score).toBeGreaterThanOrEqual(0.8)
    expect(typo?.score).toBeLessThan(1)
    expect(screener.screen('Nitto Denco')[0]).toMatchObject({ candidate: 4, certain: false })
    expect(screener.screen('TDK-Lambda')[0]).toMatchObject({ candidate: 0, certain: false })
  })

  it('a group whose subsidiaries are listed is never a certain match, even by its own name', () => {
    for (const n of ['Mitsubishi Electric Corporation', 'Mitsubishi Electric Defense Systems']) {
      const hit = screener.screen(n)[0]
      expect(hit).toMatchObject({ candidate: 3, certain: false })
    }
  })

  it('unrelated names do not match', () => {
    for (const n of ['Toyota Motor', 'Hitachi Metals', 'Example Motors Inc.', ''])
      expect(screener.screen(n)).toEqual([])
  })

  it('memoises per input string (the same array is returned)', () => {
    expect(screener.screen('TDK Corp.')).toBe(screener.screen('TDK Corp.'))
  })
})
