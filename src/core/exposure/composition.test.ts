import { describe, expect, it } from 'vitest'
import { resolveComposition } from './composition'
import type { MagnetComposition } from './types'

const entry = (id: string, elements: string, presenceDefault: boolean): MagnetComposition => ({
  id,
  name: id,
  family: 'test',
  elements: elements.split(';').map((t) => {
    const [element, f] = t.split(':')
    return {
      element: element as MagnetComposition['elements'][number]['element'],
      fraction: Number(f),
    }
  }),
  elementsText: elements,
  presenceDefault,
  sourceUrl: 'https://example.org',
  note: '',
})
const library = [
  entry('plain', 'Nd:0.3;Fe:0.65', true),
  entry('dy-a', 'Nd:0.26;Dy:0.04;Fe:0.65', false),
  entry('dy-b', 'Nd:0.22;Dy:0.08;Fe:0.65', true),
]

describe('resolveComposition', () => {
  it('keeps fractions from the file', () => {
    const r = resolveComposition('Nd:0.2;Dy:0.05', 'magnet', library)
    expect(r.ok && r.value).toMatchObject({ source: 'file', libraryId: null, warning: null })
  })

  it('matches a presence-only magnet on its rare-earth set, taking the marked default on a tie', () => {
    const r = resolveComposition('Nd;Dy;Fe', 'magnet', library)
    expect(r.ok && r.value).toMatchObject({ source: 'library', libraryId: 'dy-b' })
    expect(r.ok && r.value.warning).toContain('2 library entries fit')
    expect(resolveComposition('Nd', 'magnet', library)).toMatchObject({
      ok: true,
      value: { libraryId: 'plain' },
    })
  })

  it('leaves presence-only non-magnets and unmatched sets uncounted, with a warning', () => {
    const metal = resolveComposition('Dy', 'metal', library)
    expect(metal.ok && metal.value).toMatchObject({
      source: 'presence_only',
      content: [],
      presentOnly: ['Dy'],
    })
    const tb = resolveComposition('Nd;Tb', 'magnet', library)
    expect(tb.ok && tb.value.warning).toContain(
      'no library composition has exactly these rare earths'
    )
  })

  it('marks a magnet without elements as unknown and an article as none', () => {
    expect(resolveComposition('', 'magnet', library)).toMatchObject({
      ok: true,
      value: { source: 'unknown' },
    })
    expect(resolveComposition(' ', 'article', library)).toMatchObject({
      ok: true,
      value: { source: 'none' },
    })
  })
})
