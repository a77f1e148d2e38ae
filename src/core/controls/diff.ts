/**
 * Differences between two rulebooks (or two overlays): measures added, removed, and changed field by field.
 */
import type { RulebookDiff } from '../../contracts/rulebook'
import { canonicalJson } from './hash'

export interface DiffRecord {
  id: string
  title: string
  /** The fields compared (top level). */
  fields: Readonly<Record<string, unknown>>
}

/** Added, removed and changed records by id; changed fields listed with their old and new values. */
export function diffRulebooks(
  older: readonly DiffRecord[],
  newer: readonly DiffRecord[],
  versions: { old: string; new: string }
): RulebookDiff {
  const oldById = new Map(older.map((r) => [r.id, r]))
  const newById = new Map(newer.map((r) => [r.id, r]))
  const changed: RulebookDiff['changed'] = []
  for (const n of newer) {
    const o = oldById.get(n.id)
    if (!o) continue
    const keys = [...new Set([...Object.keys(o.fields), ...Object.keys(n.fields)])].sort()
    const fields = keys
      .filter((k) => canonicalJson(o.fields[k] ?? null) !== canonicalJson(n.fields[k] ?? null))
      .map((k) => ({ field: k, old: o.fields[k] ?? null, new: n.fields[k] ?? null }))
    if (fields.length > 0) changed.push({ id: n.id, fields })
  }
  return {
    old_version: versions.old,
    new_version: versions.new,
    added: newer.filter((r) => !oldById.has(r.id)).map((r) => ({ id: r.id, title: r.title })),
    removed: older.filter((r) => !newById.has(r.id)).map((r) => ({ id: r.id, title: r.title })),
    changed,
  }
}
