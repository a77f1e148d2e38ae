/**
 * Item selectors: each measure item (element + form + customs codes), refined by the operative overlay (e.g. a
 * samarium-cobalt magnet is matched on Sm alone; indium gallium arsenide needs both Ga and In), plus extra items.
 */
import type { ItemSelector, Measure, Operative } from '../../contracts/rulebook'
import { bitsOf, elementMask, FORM_INDEX } from './masks'
import type { CompiledSelector } from './types'

function compileSelector(
  index: number,
  s: ItemSelector & { description: string }
): CompiledSelector {
  const any = s.elements_any ?? []
  const all = s.elements_all ?? []
  const [anyLo, anyHi] = elementMask(any)
  const [allLo, allHi] = elementMask(all)
  const [noneLo, noneHi] = elementMask(s.elements_none ?? [])
  return {
    index,
    description: s.description,
    anyLo,
    anyHi,
    allLo,
    allHi,
    noneLo,
    noneHi,
    exclusive: s.exclusive === true,
    allowLo: anyLo | allLo,
    allowHi: anyHi | allHi,
    forms: bitsOf(s.forms ?? [], FORM_INDEX),
    hsCodes: s.hs_codes ?? [],
    elementFree: any.length === 0 && all.length === 0,
    effect: s.effect ?? null,
    review: s.review ?? null,
    reason: s.reason ?? null,
    sourceUrl: s.source_url ?? null,
  }
}

/** Selectors in order: the measure's items (with overrides applied), then the extra items. */
export function buildSelectors(m: Measure, op: Operative): CompiledSelector[] {
  const out = m.items.map((item, i) => {
    const o = op.items.find((x) => x.item === i)
    return compileSelector(i, {
      description: o?.description ?? item.description,
      elements_any: o?.elements_any ?? (o?.elements_all ? [] : item.elements),
      elements_all: o?.elements_all ?? [],
      elements_none: o?.elements_none ?? [],
      exclusive: o?.exclusive ?? false,
      forms: o?.forms ?? item.forms,
      hs_codes: o?.hs_codes ?? item.hs_codes,
      ...(o?.effect ? { effect: o.effect } : {}),
      ...(o?.review ? { review: o.review } : {}),
      ...(o?.reason ? { reason: o.reason } : {}),
      ...(o?.source_url ? { source_url: o.source_url } : {}),
    })
  })
  op.extra_items.forEach((x, k) =>
    out.push(
      compileSelector(m.items.length + k, {
        ...x,
        description: x.description ?? `extra item ${k}`,
      })
    )
  )
  return out
}
