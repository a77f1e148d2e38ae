/**
 * Element content notation: `Dy:0.04;Tb:0.01` (mass fractions) or `Dy;Tb` (present, fraction unknown).
 */
import { z } from 'zod'
import { isElement, type Element } from './common'

export interface ElementShare {
  element: Element
  /** Mass fraction 0..1, or null when only presence is known. */
  fraction: number | null
}

/** Parses the notation; returns an error message (naming the bad token) instead of throwing. */
export function parseElementContent(
  text: string
): { ok: true; value: ElementShare[] } | { ok: false; error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: true, value: [] }
  const out: ElementShare[] = []
  const seen = new Set<string>()
  for (const token of trimmed.split(';')) {
    const t = token.trim()
    if (t === '') continue
    const [sym, frac, extra] = t.split(':').map((s) => s.trim())
    if (extra !== undefined || sym === undefined)
      return { ok: false, error: `malformed element token "${t}"` }
    if (!isElement(sym))
      return {
        ok: false,
        error: `unknown element "${sym}" (expected a chemical symbol such as Dy)`,
      }
    if (seen.has(sym)) return { ok: false, error: `element ${sym} listed twice` }
    seen.add(sym)
    if (frac === undefined || frac === '') {
      out.push({ element: sym, fraction: null })
      continue
    }
    const f = Number(frac)
    if (!/^\d*\.?\d+(e-?\d+)?$/i.test(frac) || !Number.isFinite(f) || f < 0 || f > 1) {
      return {
        ok: false,
        error: `fraction for ${sym} must be a number from 0 to 1, found "${frac}"`,
      }
    }
    out.push({ element: sym, fraction: f })
  }
  const total = out.reduce((s, e) => s + (e.fraction ?? 0), 0)
  if (total > 1 + 1e-9)
    return { ok: false, error: `element fractions sum to ${total.toFixed(4)}, above 1` }
  return { ok: true, value: out }
}

/** Accepts the string notation or an already-structured list. */
export const elementContentSchema = z.union([
  z.string().transform((s, ctx) => {
    const r = parseElementContent(s)
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.error })
      return z.NEVER
    }
    return r.value
  }),
  z.array(
    z.object({
      element: z
        .string()
        .refine(
          isElement,
          'expected a chemical symbol such as Dy'
        ) as unknown as z.ZodType<Element>,
      fraction: z.number().min(0).max(1).nullable(),
    })
  ),
])
