/**
 * A pure content hash for rulebook versions (no node:crypto in core): canonical JSON (sorted keys) hashed with
 * two independent 32-bit FNV-1a passes, printed as 12 hex digits. Identifies content; it is not a security boundary.
 */

/** JSON with object keys sorted at every level, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`
}

function fnv1a32(text: string, basis: number): number {
  let h = basis >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  // Final avalanche (murmur3 fmix32) so nearby inputs differ in every digit.
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b) >>> 0
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35) >>> 0
  h ^= h >>> 16
  return h >>> 0
}

/** 12 hex digits identifying `value`'s canonical JSON. */
export function contentHash(value: unknown): string {
  const text = canonicalJson(value)
  const a = fnv1a32(text, 0x811c9dc5).toString(16).padStart(8, '0')
  const b = fnv1a32(text, 0x050c5d1f).toString(16).padStart(8, '0')
  return (a + b).slice(0, 12)
}
