/**
 * Operative conditions for a measure that has none recorded (no overlay entry, nothing inline): a conservative
 * reading of its general fields, so that a newly imported Chinese measure is never silently ignored. Non-Chinese
 * measures (price floors, stockpiles, policy targets) are context: they do not decide Chinese licences.
 */
import { END_USES, type Shipment } from '../../contracts/licence'
import type { Measure, Operative, OperativeRule } from '../../contracts/rulebook'

/** Maps the keys of a measure's `end_use` object (e.g. `military_capability_enhancement`) to contract values. */
const END_USE_KEYS: Record<string, Shipment['end_use']> = {
  military: 'military',
  military_capability_enhancement: 'military_capability',
  wmd: 'wmd',
  advanced_chips: 'advanced_chips',
  ai_military: 'ai_military',
  medical_emergency: 'medical_emergency',
}

export function isChinese(m: Measure): boolean {
  return m.jurisdiction.split(/[;,]/).some((j) => j.trim() === 'CN')
}

function denyEndUses(m: Measure): Shipment['end_use'][] {
  const out: Shipment['end_use'][] = []
  for (const [key, value] of Object.entries(m.end_use ?? {})) {
    const use = END_USE_KEYS[key] ?? ((END_USES as readonly string[]).includes(key) ? key : null)
    if (use && value === 'deny' && !out.includes(use as Shipment['end_use']))
      out.push(use as Shipment['end_use'])
  }
  return out
}

/** The derived operative block; `role` is `context` or `framework` where nothing can be derived. */
export function deriveOperative(m: Measure): Operative {
  const base = {
    listing: false,
    items: [],
    extra_items: [],
    suspends: [],
  }
  if (!isChinese(m) || m.status === 'proposed') {
    return {
      ...base,
      role: 'context',
      note: 'Not a Chinese export control: shown in the rulebook, not used in determinations.',
      rules: [],
    }
  }
  const rule = (
    partial: Partial<OperativeRule> & Pick<OperativeRule, 'id' | 'effect' | 'reason'>
  ) => ({ items: 'listed', scope: ['export'], modifier: false, ...partial }) as OperativeRule
  switch (m.kind) {
    case 'licence_requirement':
      return {
        ...base,
        role: 'control',
        listing: true,
        note: 'Derived: a licence for the listed items to the listed destinations.',
        rules: [rule({ id: 'licence', effect: 'licence', reason: m.title })],
      }
    case 'export_ban':
    case 'technology_ban':
      return {
        ...base,
        role: 'control',
        note: 'Derived: the listed items are banned to the listed destinations.',
        rules: [rule({ id: 'ban', effect: 'deny', reason: m.title })],
      }
    case 'end_use_ban': {
      const uses = denyEndUses(m)
      const military = Object.keys(m.end_use ?? {}).some((k) => k.startsWith('military_end_user'))
      return {
        ...base,
        role: 'control',
        note: 'Derived: dual-use items denied for the end uses the measure marks "deny".',
        rules:
          uses.length > 0 || military
            ? [
                rule({
                  id: 'end_use',
                  items: 'dual_use',
                  effect: 'deny',
                  reason: m.title,
                  when: {
                    ...(uses.length > 0 ? { end_use: uses } : {}),
                    ...(military ? { end_user_type: ['military'] } : {}),
                    on_unknown: 'review',
                  },
                }),
              ]
            : [],
      }
    }
    default:
      return {
        ...base,
        role: 'framework',
        note: 'Derived: a framework or context measure with no item-level condition of its own.',
        rules: [],
      }
  }
}
